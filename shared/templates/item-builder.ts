import type { CountCondition, CountField, LocalText, TemplateInput } from '../schemas';

type SectionInput = TemplateInput['sections'][number];
type ItemInput = SectionInput['items'][number];

/** Bases that are not legal documents, as named in the checklists. */
export const basisNotes = {
  practice: { vi: 'Thực tiễn kiểm tra', en: 'Inspection practice' },
  pm: { vi: 'Chỉ đạo của Thủ tướng Chính phủ', en: "Prime Minister's instructions" },
} as const satisfies Record<string, LocalText>;

interface Common {
  refs?: Array<string | [basisId: string, provision: string]>;
  note?: keyof typeof basisNotes;
  critical?: boolean;
  required?: boolean;
  prefill?: 'arrival-time' | 'roster-size';
  wording?: 'requirement' | 'violation';
}

function base(code: string, vi: string, en: string, c: Common) {
  return {
    code,
    text: { vi, en },
    legalRefs: (c.refs ?? []).map((r) => (typeof r === 'string' ? { basisId: r } : { basisId: r[0], provision: r[1] })),
    ...(c.note ? { basisNote: basisNotes[c.note] } : {}),
    critical: c.critical ?? false,
    required: c.required ?? true,
    wording: c.wording ?? 'requirement',
    ...(c.prefill ? { prefill: c.prefill } : {}),
  };
}

/** C/NC/NA item. */
export const compliance = (code: string, vi: string, en: string, c: Common = {}): ItemInput => ({
  ...base(code, vi, en, c),
  answerType: 'compliance',
});

/** One or more labelled numbers. */
export const count = (code: string, vi: string, en: string, fields: CountField[], c: Common = {}): ItemInput => ({
  ...base(code, vi, en, c),
  answerType: 'count',
  countFields: fields,
});

/** Time of day; perRow asks it once for each roster row concerned. */
export const time = (code: string, vi: string, en: string, c: Common & { perRow?: boolean } = {}): ItemInput => ({
  ...base(code, vi, en, c),
  answerType: 'time',
  perRosterRow: c.perRow ?? false,
});

/** One row per staff member: the roll call, or who breached the rule. */
export const roster = (
  code: string,
  vi: string,
  en: string,
  kind: 'roll-call' | 'violation',
  c: Common = {},
): ItemInput => ({ ...base(code, vi, en, c), answerType: 'roster', rosterKind: kind });

export const field = (key: string, vi: string, en: string, unitVi: string, unitEn: string): CountField => ({
  key,
  label: { vi, en },
  unit: { vi: unitVi, en: unitEn },
});

export const section = (code: string, vi: string, en: string, items: ItemInput[]): SectionInput => ({
  code,
  title: { vi, en },
  items,
});

/** A new version of a template with rules judging some of its count items; everything else as it was. */
export function withCountRules(template: TemplateInput, version: number, publishedAt: string, rules: Record<string, CountCondition[]>): TemplateInput {
  return {
    ...template,
    version,
    publishedAt,
    sections: template.sections.map((s) => ({
      ...s,
      items: s.items.map((item) => (rules[item.code] ? { ...item, compliantWhen: rules[item.code] } : item)),
    })),
  };
}

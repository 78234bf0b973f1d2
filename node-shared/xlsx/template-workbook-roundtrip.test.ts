import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/hash/canonical-json';
import { defaultLegalBases } from '../../shared/legal-bases/default-legal-bases';
import { templateSchema, type Template } from '../../shared/schemas';
import { problemLine } from '../../shared/template-workbook/problems';
import { readTemplateWorkbook, writeTemplateWorkbook } from './template-workbook';

/** Vietnamese letters, digits, spaces, line breaks and the punctuation (XML's own included) people type. */
const CHARS = [...'aăâđêôơưẠếữAZ09 ,.;:()/-–“”&<>"\'%', '\n'];
const text = fc
  .string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 30 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);
const local = fc.record({ vi: text, en: text });
const key = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,8}$/);
const provision = text.filter((s) => !/[;\n]/.test(s));
const reference = fc.record({ basisId: fc.constantFrom(...defaultLegalBases.map((b) => b.id)), provision: fc.option(provision, { nil: undefined }) }, { requiredKeys: ['basisId'] });
const common = fc.record(
  {
    text: local,
    legalRefs: fc.array(reference, { maxLength: 3 }),
    basisNote: local,
    critical: fc.boolean(),
    required: fc.boolean(),
    wording: fc.constantFrom('requirement' as const, 'violation' as const),
  },
  { requiredKeys: ['text', 'legalRefs', 'critical', 'required', 'wording'] },
);
const countPart = fc.uniqueArray(key, { minLength: 1, maxLength: 4 }).chain((keys) =>
  fc.record(
    {
      answerType: fc.constant('count' as const),
      countFields: fc.tuple(...keys.map((k) => fc.record({ key: fc.constant(k), label: local, unit: local }))),
      compliantWhen: fc.array(
        fc.record({
          field: fc.constantFrom(...keys),
          op: fc.constantFrom('eq' as const, 'ne' as const, 'lt' as const, 'le' as const, 'gt' as const, 'ge' as const),
          than: fc.oneof(fc.record({ field: fc.constantFrom(...keys) }), fc.record({ value: fc.integer({ min: 0, max: 1_000_000 }) })),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      prefill: fc.constant(keys.length === 1 ? ('roster-size' as const) : undefined),
    },
    { requiredKeys: ['answerType', 'countFields'] },
  ),
);
const typePart = fc.oneof(
  fc.record({ answerType: fc.constant('compliance' as const) }),
  fc.record({ answerType: fc.constant('text' as const) }),
  fc.record({ answerType: fc.constant('time' as const), perRosterRow: fc.boolean(), prefill: fc.constant('arrival-time' as const) }, { requiredKeys: ['answerType', 'perRosterRow'] }),
  fc.record({ answerType: fc.constant('roster' as const), rosterKind: fc.constantFrom('roll-call' as const, 'violation' as const) }),
  countPart,
);
const item = fc.tuple(common, typePart).map(([c, t]) => ({ ...c, ...t }));
const minuteInVietnam = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => `${d.toISOString().slice(0, 16)}:00+07:00`);
const anyInstant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());

const template = fc
  .record({
    id: fc.stringMatching(/^[A-Z]{2,5}$/),
    version: fc.integer({ min: 1, max: 1_000_000 }),
    title: local,
    publishedAt: fc.oneof(minuteInVietnam, anyInstant),
    sections: fc.array(fc.record({ title: local, items: fc.array(item, { minLength: 1, maxLength: 4 }) }), { minLength: 1, maxLength: 3 }),
  })
  .map(({ id, sections, ...rest }): Template => {
    let n = 0;
    return templateSchema.parse({
      id,
      ...rest,
      sections: sections.map((s, i) => ({ code: `${id}-S${i + 1}`, title: s.title, items: s.items.map((it) => ({ ...it, code: `${id}-${String(++n).padStart(2, '0')}` })) })),
    });
  });

describe('checklist workbook round trip', () => {
  it('gives back any template, every field, through real xlsx bytes', async () => {
    await fc.assert(
      fc.asyncProperty(template, async (t) => {
        const read = await readTemplateWorkbook(await writeTemplateWorkbook(t, defaultLegalBases), { knownLegalBases: [] });
        expect(read.problems.map((p) => problemLine(p, 'en'))).toEqual([]);
        expect(canonicalJson(read.template)).toBe(canonicalJson(t));
      }),
      { numRuns: 25 },
    );
  });
});

import type { AnswerType, CountCondition, LegalReference } from '../schemas';
import { foldName } from './layout';

/** A choice written by its Vietnamese name (what the workbook shows) or by one of its other names. */
export interface Choice<V extends string> {
  value: V;
  name: string;
  aliases: readonly string[];
}

export const answerTypeChoices: ReadonlyArray<Choice<AnswerType>> = [
  { value: 'compliance', name: 'Tuân thủ', aliases: ['compliance', 'C/NC/NA', 'Đạt/Không đạt'] },
  { value: 'count', name: 'Số liệu', aliases: ['count', 'Số', 'Đếm'] },
  { value: 'time', name: 'Giờ', aliases: ['time', 'Thời gian', 'Thời điểm'] },
  { value: 'text', name: 'Ghi chép', aliases: ['text', 'Văn bản', 'Ghi chú'] },
  { value: 'roster', name: 'Danh sách CBCC', aliases: ['roster', 'Danh sách'] },
];

export const wordingChoices: ReadonlyArray<Choice<'requirement' | 'violation'>> = [
  { value: 'requirement', name: 'Yêu cầu', aliases: ['requirement'] },
  { value: 'violation', name: 'Vi phạm', aliases: ['violation', 'Hành vi vi phạm'] },
];

export const rosterKindChoices: ReadonlyArray<Choice<'roll-call' | 'violation'>> = [
  { value: 'roll-call', name: 'Điểm danh', aliases: ['roll-call', 'roll call'] },
  { value: 'violation', name: 'Người vi phạm', aliases: ['violation', 'Vi phạm'] },
];

export const prefillChoices: ReadonlyArray<Choice<'arrival-time' | 'roster-size'>> = [
  { value: 'arrival-time', name: 'Giờ Đoàn đến', aliases: ['arrival-time', 'arrival time', 'Giờ đến'] },
  { value: 'roster-size', name: 'Số CBCC', aliases: ['roster-size', 'roster size', 'Số CBCC theo danh sách'] },
];

export const YES = 'Có';
export const NO = 'Không';
const yes = new Set(['co', 'x', 'yes', 'y', 'true', '1'].map(foldName));
const no = new Set(['khong', 'no', 'n', 'false', '0'].map(foldName));

/** The choice a cell names, or null. */
export function pickChoice<V extends string>(choices: ReadonlyArray<Choice<V>>, text: string): V | null {
  const folded = foldName(text);
  return choices.find((c) => [c.name, ...c.aliases].some((n) => foldName(n) === folded))?.value ?? null;
}

export const choiceName = <V extends string>(choices: ReadonlyArray<Choice<V>>, value: V): string => choices.find((c) => c.value === value)!.name;
export const choiceList = (choices: ReadonlyArray<Choice<string>>): string => choices.map((c) => c.name).join(', ');

export function parseYesNo(text: string): boolean | null {
  const folded = foldName(text);
  return yes.has(folded) ? true : no.has(folded) ? false : null;
}

const OPERATORS: ReadonlyArray<[string, CountCondition['op']]> = [
  ['>=', 'ge'], ['≥', 'ge'], ['<=', 'le'], ['≤', 'le'], ['<>', 'ne'], ['!=', 'ne'], ['≠', 'ne'], ['==', 'eq'], ['=', 'eq'], ['<', 'lt'], ['>', 'gt'],
];
const WRITTEN: Record<CountCondition['op'], string> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };
const KEY = /^[a-z][a-zA-Z0-9]{0,30}$/;
const CONDITION = /^\s*([A-Za-z][A-Za-z0-9]*)\s*(>=|≥|<=|≤|<>|!=|≠|==|=|<|>)\s*([A-Za-z][A-Za-z0-9]*|\d+)\s*$/;

/**
 * "present >= assigned; withoutApology = 0": conditions on a count item's keys, each against
 * another key or a whole number, separated by ";" or line breaks. Null when a part cannot be read.
 */
export function parseRule(text: string): CountCondition[] | null {
  const parts = text.split(/[;\n]/).map((p) => p.trim()).filter((p) => p !== '');
  const out: CountCondition[] = [];
  for (const part of parts) {
    const m = CONDITION.exec(part);
    if (!m) return null;
    const op = OPERATORS.find(([sign]) => sign === m[2])![1];
    const right = m[3]!;
    if (/^\d+$/.test(right)) {
      const value = Number(right);
      if (value > 1_000_000) return null;
      out.push({ field: m[1]!, op, than: { value } });
    } else {
      out.push({ field: m[1]!, op, than: { field: right } });
    }
  }
  return out.length === 0 ? null : out;
}

export function formatRule(rule: readonly CountCondition[]): string {
  return rule.map((c) => `${c.field} ${WRITTEN[c.op]} ${'field' in c.than ? c.than.field : c.than.value}`).join('; ');
}

export const isCountKey = (text: string): boolean => KEY.test(text);

/** "ND30: Điều 5 khoản 6; L80": basis ids, each with the provision cited if any. Null when a part cannot be read. */
export function parseReferences(text: string): LegalReference[] | null {
  const parts = text.split(/[;\n]/).map((p) => p.trim()).filter((p) => p !== '');
  const out: LegalReference[] = [];
  for (const part of parts) {
    const m = /^([A-Za-z0-9]{2,16})\s*(?::\s*(.*))?$/.exec(part);
    if (!m) return null;
    const provision = m[2]?.trim();
    out.push({ basisId: m[1]!.toUpperCase(), ...(provision ? { provision } : {}) });
  }
  return out;
}

export function formatReferences(refs: readonly LegalReference[]): string {
  return refs.map((r) => (r.provision ? `${r.basisId}: ${r.provision}` : r.basisId)).join('; ');
}

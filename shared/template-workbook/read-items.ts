import { ITEM_CODE_PATTERN, type AnswerType, type CountCondition, type LegalReference, type TemplateInput } from '../schemas';
import { RowReader } from './cell-readers';
import type { ColumnKey, itemsSheet } from './layout';
import type { ProblemList } from './problems';
import type { FieldRead } from './read-head';
import type { ReadRow, ReadSheet } from './sheet-reader';
import {
  answerTypeChoices,
  choiceList,
  parseReferences,
  parseRule,
  parseYesNo,
  pickChoice,
  prefillChoices,
  rosterKindChoices,
  wordingChoices,
  type Choice,
} from './vocabulary';

type Key = ColumnKey<typeof itemsSheet>;
export type ItemInput = TemplateInput['sections'][number]['items'][number];

export interface ItemRead {
  section: string;
  item: ItemInput | null;
  row: ReadRow<Key>;
  fields: FieldRead[];
}

export interface ItemContext {
  templateId: string | null;
  /** Section codes written on the Sections sheet; null when that sheet could not be read. */
  sections: ReadonlySet<string> | null;
  /** Basis ids a reference may name: the workbook's own and the known ones. */
  bases: ReadonlySet<string>;
  countFields: ReadonlyMap<string, FieldRead[]>;
}

const MAX_RULES = 10;

function choose<V extends string>(r: RowReader<Key>, key: Key, choices: ReadonlyArray<Choice<V>>): V | null | 'bad' {
  const text = r.row.text(key);
  if (text === '') return null;
  const value = pickChoice(choices, text);
  if (value === null) {
    r.add(key, key === 'answerType' ? 'wb.unknownAnswerType' : 'wb.badChoice', { value: text, allowed: choiceList(choices) });
    return 'bad';
  }
  return value;
}

function yesNo(r: RowReader<Key>, key: Key, fallback: boolean): boolean {
  const cell = r.row.cell(key);
  if (typeof cell === 'boolean') return cell;
  const text = r.row.text(key);
  if (text === '') return fallback;
  const value = parseYesNo(text);
  if (value === null) r.add(key, 'wb.badYesNo', { value: text });
  return value ?? fallback;
}

function references(r: RowReader<Key>, bases: ReadonlySet<string>): LegalReference[] {
  const text = r.text('legalRefs', 2000, false);
  if (text === null) return [];
  const refs = parseReferences(text);
  if (refs === null) {
    r.add('legalRefs', 'wb.badReference', { value: text });
    return [];
  }
  for (const ref of refs) {
    if (!bases.has(ref.basisId)) r.add('legalRefs', 'wb.unknownBasis', { value: ref.basisId });
    if (ref.provision !== undefined && ref.provision.length > 100) r.add('legalRefs', 'wb.tooLong', { length: ref.provision.length, max: 100 });
  }
  return refs;
}

/** The rule of a count item; its keys are checked against the item's numbers unless those are unknown (null). */
function rule(r: RowReader<Key>, answerType: AnswerType | null, keys: string[] | null): CountCondition[] | undefined {
  const text = r.text('compliantWhen', 1000, false);
  if (text === null) return undefined;
  if (answerType !== 'count') {
    if (answerType !== null) r.add('compliantWhen', 'wb.ruleNotCount');
    return undefined;
  }
  const conditions = parseRule(text);
  if (conditions === null) {
    r.add('compliantWhen', 'wb.ruleSyntax', { value: text });
    return undefined;
  }
  if (conditions.length > MAX_RULES) r.add('compliantWhen', 'wb.ruleTooMany', { max: MAX_RULES });
  if (keys === null) return conditions;
  const named = new Set(conditions.flatMap((c) => ('field' in c.than ? [c.field, c.than.field] : [c.field])));
  for (const field of named) {
    if (!keys.includes(field)) r.add('compliantWhen', 'wb.ruleField', { value: field, known: keys.join(', ') || '—' });
  }
  return conditions;
}

/** One row of the Items sheet: the item, or null with every problem of the row noted. */
export function readItem(sheet: ReadSheet<Key>, row: ReadRow<Key>, context: ItemContext, seen: Map<string, number>, problems: ProblemList): ItemRead | null {
  const r = new RowReader(sheet, row, problems);
  const before = problems.count;
  const code = r.text('code', 20, true);
  if (code !== null) {
    if (!ITEM_CODE_PATTERN.test(code)) r.add('code', 'wb.badItemCode', { value: code, id: context.templateId ?? 'MC' });
    else if (context.templateId !== null && !code.startsWith(`${context.templateId}-`)) r.add('code', 'wb.itemPrefix', { value: code, id: context.templateId });
    if (seen.has(code)) r.add('code', 'wb.duplicateItem', { value: code, firstRow: seen.get(code)! });
    else seen.set(code, row.row);
  }
  const section = r.text('section', 10, true);
  if (section !== null && context.sections !== null && !context.sections.has(section)) r.add('section', 'wb.unknownSection', { value: section });
  const text = r.localText('textVi', 'textEn', true) ?? null;
  const typeChoice = choose(r, 'answerType', answerTypeChoices);
  if (typeChoice === null && !row.refused('answerType')) r.add('answerType', 'wb.required');
  const answerType = typeChoice === 'bad' ? null : typeChoice;
  const critical = yesNo(r, 'critical', false);
  const required = yesNo(r, 'required', true);
  const perRosterRow = yesNo(r, 'perRosterRow', false);
  const wording = choose(r, 'wording', wordingChoices);
  const legalRefs = references(r, context.bases);
  const basisNote = r.localText('noteVi', 'noteEn', false);
  const rosterKind = choose(r, 'rosterKind', rosterKindChoices);
  const prefill = choose(r, 'prefill', prefillChoices);

  // A repeated code's numbers belong to the row that wrote it first: checked there, not twice.
  const repeated = code !== null && seen.get(code) !== row.row;
  const fields = code === null || repeated ? [] : (context.countFields.get(code) ?? []);
  const keys = fields.flatMap((f) => (f.key === null ? [] : [f.key]));
  if (answerType === 'roster' && rosterKind === null) r.add('rosterKind', 'wb.rosterWithoutKind');
  if (answerType !== null && answerType !== 'roster' && rosterKind !== null && rosterKind !== 'bad') r.add('rosterKind', 'wb.kindNotRoster');
  if (answerType !== null && answerType !== 'time' && perRosterRow) r.add('perRosterRow', 'wb.perRowNotTime');
  if (answerType === 'count' && fields.length === 0 && !repeated) r.add('answerType', 'wb.countWithoutFields', { value: code ?? '' });
  if (answerType !== null && answerType !== 'count' && fields.length > 0) {
    for (const f of fields) problems.add(f.sheet, f.row.row, f.row.column('item'), 'wb.fieldsNotCount', { value: code ?? '' });
  }
  const wrongPrefill =
    (prefill === 'arrival-time' && answerType !== 'time') || (prefill === 'roster-size' && (answerType !== 'count' || fields.length !== 1));
  if (answerType !== null && wrongPrefill) r.add('prefill', 'wb.prefillType', { value: row.text('prefill') });
  const compliantWhen = rule(r, answerType, repeated ? null : keys);

  if (problems.count > before || code === null || section === null || text === null || answerType === null) return null;
  if (fields.some((f) => f.field === null)) return null;
  const item: ItemInput = {
    code,
    text,
    legalRefs,
    ...(basisNote ? { basisNote } : {}),
    answerType,
    ...(answerType === 'count' ? { countFields: fields.map((f) => f.field!) } : {}),
    ...(compliantWhen ? { compliantWhen } : {}),
    ...(rosterKind !== null && rosterKind !== 'bad' ? { rosterKind } : {}),
    perRosterRow,
    critical,
    required,
    wording: wording === null || wording === 'bad' ? 'requirement' : wording,
    ...(prefill !== null && prefill !== 'bad' ? { prefill } : {}),
  };
  return { section, item, row, fields };
}

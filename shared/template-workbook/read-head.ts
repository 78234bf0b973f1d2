import type { CountField, LocalText } from '../schemas';
import { RowReader } from './cell-readers';
import { readInstant } from './dates';
import type { ColumnKey, countFieldsSheet, sectionsSheet, templateSheet } from './layout';
import type { ProblemList } from './problems';
import type { ReadRow, ReadSheet } from './sheet-reader';
import { TEMPLATE_WORKBOOK_FORMAT } from './types';
import { isCountKey } from './vocabulary';

export interface HeadRead {
  id: string | null;
  version: number | null;
  title: LocalText | null;
  publishedAt: string | null;
  row: ReadRow<ColumnKey<typeof templateSheet>> | null;
}

const wholeNumber = (cell: unknown, text: string): number | null => {
  if (typeof cell === 'number') return Number.isSafeInteger(cell) ? cell : null;
  return /^\d{1,9}$/.test(text) ? Number(text) : null;
};

/** The template's own row: id, version, title, publication, layout version. */
export function readHead(sheet: ReadSheet<string> | undefined, problems: ProblemList): HeadRead {
  const none: HeadRead = { id: null, version: null, title: null, publishedAt: null, row: null };
  if (!sheet?.usable) return none;
  const typed = sheet as ReadSheet<ColumnKey<typeof templateSheet>>;
  if (typed.rows.length !== 1) problems.add(sheet.name, null, null, 'wb.templateRow', { sheet: sheet.name, count: typed.rows.length });
  const row = typed.rows[0];
  if (!row) return none;
  const r = new RowReader(typed, row, problems);
  let id = r.text('id', 10, true);
  if (id !== null && !/^[A-Z][A-Z0-9]{1,9}$/.test(id)) {
    r.add('id', 'wb.badTemplateId', { value: id });
    id = null;
  }
  const versionText = r.text('version', 20, true);
  const version = versionText === null ? null : wholeNumber(row.cell('version'), versionText);
  if (versionText !== null && (version === null || version < 1)) r.add('version', 'wb.badVersion', { value: versionText });
  const title = r.localText('titleVi', 'titleEn', true) ?? null;
  const publishedAt = readInstant(row.cell('publishedAt'), row.text('publishedAt'));
  if (publishedAt === null && !row.refused('publishedAt')) r.add('publishedAt', 'wb.required');
  if (publishedAt === 'bad') r.add('publishedAt', 'wb.badDateTime', { value: row.text('publishedAt') });
  const formatText = r.text('format', 20, true);
  if (formatText !== null && wholeNumber(row.cell('format'), formatText) !== TEMPLATE_WORKBOOK_FORMAT) {
    r.add('format', 'wb.badFormat', { value: formatText, expected: TEMPLATE_WORKBOOK_FORMAT });
  }
  return { id, version: version !== null && version >= 1 ? version : null, title, publishedAt: publishedAt === 'bad' ? null : publishedAt, row };
}

export interface SectionRead {
  code: string;
  title: LocalText | null;
  row: ReadRow<ColumnKey<typeof sectionsSheet>>;
}

/** The sections in the order written; codes checked and unique. */
export function readSections(sheet: ReadSheet<string> | undefined, templateId: string | null, problems: ProblemList): SectionRead[] {
  if (!sheet?.usable) return [];
  const typed = sheet as ReadSheet<ColumnKey<typeof sectionsSheet>>;
  const out: SectionRead[] = [];
  const firstRow = new Map<string, number>();
  for (const row of typed.rows) {
    const r = new RowReader(typed, row, problems);
    const code = r.text('code', 10, true);
    const title = r.localText('titleVi', 'titleEn', true) ?? null;
    if (code === null) continue;
    if (!/^[A-Z]{2,5}-[A-Z0-9]{1,4}$/.test(code)) r.add('code', 'wb.badSectionCode', { value: code, id: templateId ?? 'MC' });
    else if (firstRow.has(code)) r.add('code', 'wb.duplicateSection', { value: code, firstRow: firstRow.get(code)! });
    else {
      firstRow.set(code, row.row);
      out.push({ code, title, row });
    }
  }
  return out;
}

export interface FieldRead {
  field: CountField | null;
  key: string | null;
  /** The Count fields sheet's name as the file writes it. */
  sheet: string;
  row: ReadRow<ColumnKey<typeof countFieldsSheet>>;
}

/** Count fields by the item code they belong to, in the order written. */
export function readCountFields(sheet: ReadSheet<string> | undefined, problems: ProblemList): Map<string, FieldRead[]> {
  const byItem = new Map<string, FieldRead[]>();
  if (!sheet?.usable) return byItem;
  const typed = sheet as ReadSheet<ColumnKey<typeof countFieldsSheet>>;
  for (const row of typed.rows) {
    const r = new RowReader(typed, row, problems);
    const item = r.text('item', 20, true);
    let key = r.text('key', 31, true);
    if (key !== null && !isCountKey(key)) {
      r.add('key', 'wb.badFieldKey', { value: key });
      key = null;
    }
    const label = r.localText('labelVi', 'labelEn', true) ?? null;
    const unit = r.localText('unitVi', 'unitEn', true) ?? null;
    if (item === null) continue;
    const list = byItem.get(item) ?? [];
    const earlier = key === null ? undefined : list.find((f) => f.key === key);
    if (earlier) r.add('key', 'wb.duplicateFieldKey', { value: key!, firstRow: earlier.row.row });
    list.push({ field: key !== null && label && unit && !earlier ? { key, label, unit } : null, key: earlier ? null : key, sheet: sheet.name, row });
    byItem.set(item, list);
  }
  return byItem;
}

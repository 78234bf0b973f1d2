import type { ColumnKey, countFieldsSheet, itemsSheet, sectionsSheet, SheetKey, templateSheet } from './layout';
import { workbookProblem } from './problems';
import type { HeadRead } from './read-head';
import type { PlacedSection } from './read-template';
import type { ReadSheet } from './sheet-reader';
import type { WorkbookProblem } from './types';

interface Where {
  head: HeadRead;
  found: Partial<Record<SheetKey, ReadSheet<string>>>;
  placed: PlacedSection[];
}

interface Issue {
  path: PropertyKey[];
  message: string;
}

const lang = <T extends string>(part: PropertyKey | undefined, vi: T, en: T): T => (part === 'en' ? en : vi);

/** Item fields to the Items sheet column that writes them. */
const ITEM_COLUMN: Record<string, ColumnKey<typeof itemsSheet>> = {
  code: 'code',
  legalRefs: 'legalRefs',
  answerType: 'answerType',
  countFields: 'answerType',
  compliantWhen: 'compliantWhen',
  rosterKind: 'rosterKind',
  perRosterRow: 'perRosterRow',
  critical: 'critical',
  required: 'required',
  wording: 'wording',
  prefill: 'prefill',
};

/** A template schema issue as a problem on the row (and column) that wrote the value. */
export function placeIssue(issue: Issue, where: Where): WorkbookProblem {
  const detail = `${issue.path.map(String).join('.')}: ${issue.message}`;
  const [first, s, second, i, field, k, sub, subLang] = issue.path;
  const at = (sheet: string, row: number | null, column: string | null) => workbookProblem(sheet, row, column, 'wb.schema', { detail });
  const sheetName = (key: SheetKey, fallback: string) => where.found[key]?.name ?? fallback;
  if (first !== 'sections') {
    const row = where.head.row;
    if (!row) return at(sheetName('template', 'Mẫu'), null, null);
    const key: ColumnKey<typeof templateSheet> | null =
      first === 'title' ? lang(s, 'titleVi', 'titleEn') : first === 'id' || first === 'version' || first === 'publishedAt' ? first : null;
    return at(sheetName('template', 'Mẫu'), row.row, key ? row.column(key) : null);
  }
  const placed = typeof s === 'number' ? where.placed[s] : undefined;
  if (!placed) return at(sheetName('sections', 'Phần'), null, null);
  if (second !== 'items') {
    const key: ColumnKey<typeof sectionsSheet> = second === 'title' ? lang(i, 'titleVi', 'titleEn') : 'code';
    return at(sheetName('sections', 'Phần'), placed.read.row.row, placed.read.row.column(key));
  }
  const item = typeof i === 'number' ? placed.items[i] : undefined;
  if (!item) return at(sheetName('items', 'Mục kiểm tra'), null, null);
  if (field === 'countFields' && typeof k === 'number' && item.fields[k]) {
    const f = item.fields[k]!;
    const key: ColumnKey<typeof countFieldsSheet> = sub === 'label' ? lang(subLang, 'labelVi', 'labelEn') : sub === 'unit' ? lang(subLang, 'unitVi', 'unitEn') : 'key';
    return at(f.sheet, f.row.row, f.row.column(key));
  }
  const key: ColumnKey<typeof itemsSheet> = field === 'text' ? lang(k, 'textVi', 'textEn') : field === 'basisNote' ? lang(k, 'noteVi', 'noteEn') : (ITEM_COLUMN[String(field)] ?? 'code');
  return at(sheetName('items', 'Mục kiểm tra'), item.row.row, item.row.column(key));
}

import type { ColumnFormat } from './cells';

/**
 * The checklist workbook's sheets and columns (layout TEMPLATE_WORKBOOK_FORMAT). Names are what the
 * written workbook shows; aliases (English, shorter forms) are accepted when read, compared without
 * case, diacritics or extra spaces.
 */
export interface ColumnDef<K extends string = string> {
  key: K;
  label: string;
  aliases: readonly string[];
  required?: boolean;
  width: number;
  format?: ColumnFormat;
}

export interface SheetDef<K extends string = string> {
  key: SheetKey;
  name: string;
  aliases: readonly string[];
  required: boolean;
  columns: ReadonlyArray<ColumnDef<K>>;
}

export type SheetKey = 'template' | 'sections' | 'items' | 'countFields' | 'legalBases';

const col = <K extends string>(key: K, label: string, aliases: string[], width: number, extra: Partial<ColumnDef<K>> = {}): ColumnDef<K> => ({
  key,
  label,
  aliases,
  width,
  ...extra,
});
const req = { required: true };

export const templateSheet = {
  key: 'template',
  name: 'Mẫu',
  aliases: ['Template'],
  required: true,
  columns: [
    col('id', 'Mã mẫu', ['Template id', 'Id'], 12, req),
    col('version', 'Phiên bản', ['Version'], 11, { ...req, format: 'integer' }),
    col('titleVi', 'Tên mẫu (tiếng Việt)', ['Title (Vietnamese)', 'Tên mẫu'], 50, req),
    col('titleEn', 'Tên mẫu (tiếng Anh)', ['Title (English)'], 40, req),
    col('publishedAt', 'Ngày ban hành', ['Published', 'Published on'], 16, { ...req, format: 'datetime' }),
    col('format', 'Phiên bản định dạng', ['Layout version', 'Format'], 20, { ...req, format: 'integer' }),
  ],
} as const satisfies SheetDef;

export const sectionsSheet = {
  key: 'sections',
  name: 'Phần',
  aliases: ['Sections'],
  required: true,
  columns: [
    col('code', 'Mã phần', ['Section code', 'Code'], 12, req),
    col('titleVi', 'Tên phần (tiếng Việt)', ['Title (Vietnamese)', 'Tên phần'], 50, req),
    col('titleEn', 'Tên phần (tiếng Anh)', ['Title (English)'], 40, req),
  ],
} as const satisfies SheetDef;

export const itemsSheet = {
  key: 'items',
  name: 'Mục kiểm tra',
  aliases: ['Items'],
  required: true,
  columns: [
    col('code', 'Mã mục', ['Item code', 'Code'], 10, req),
    col('section', 'Mã phần', ['Section', 'Phần'], 10, req),
    col('textVi', 'Nội dung (tiếng Việt)', ['Text (Vietnamese)', 'Nội dung'], 55, req),
    col('textEn', 'Nội dung (tiếng Anh)', ['Text (English)'], 45, req),
    col('answerType', 'Kiểu trả lời', ['Answer type'], 16, req),
    col('critical', 'Trọng yếu', ['Critical'], 10),
    col('required', 'Bắt buộc', ['Required'], 10),
    col('wording', 'Cách diễn đạt', ['Wording'], 14),
    col('legalRefs', 'Căn cứ pháp lý', ['Legal references', 'Căn cứ'], 30),
    col('noteVi', 'Căn cứ khác (tiếng Việt)', ['Basis note (Vietnamese)'], 24),
    col('noteEn', 'Căn cứ khác (tiếng Anh)', ['Basis note (English)'], 24),
    col('rosterKind', 'Loại danh sách', ['Roster kind'], 16),
    col('perRosterRow', 'Theo từng người', ['Per roster row', 'Per person'], 14),
    col('prefill', 'Điền sẵn', ['Prefill'], 14),
    col('compliantWhen', 'Điều kiện đạt', ['Compliant when', 'Rule'], 30),
  ],
} as const satisfies SheetDef;

export const countFieldsSheet = {
  key: 'countFields',
  name: 'Số liệu',
  aliases: ['Count fields'],
  required: false,
  columns: [
    col('item', 'Mã mục', ['Item code', 'Item'], 10, req),
    col('key', 'Khóa', ['Key'], 16, req),
    col('labelVi', 'Tên số liệu (tiếng Việt)', ['Label (Vietnamese)'], 36, req),
    col('labelEn', 'Tên số liệu (tiếng Anh)', ['Label (English)'], 30, req),
    col('unitVi', 'Đơn vị tính (tiếng Việt)', ['Unit (Vietnamese)'], 14, req),
    col('unitEn', 'Đơn vị tính (tiếng Anh)', ['Unit (English)'], 14, req),
  ],
} as const satisfies SheetDef;

export const legalBasesSheet = {
  key: 'legalBases',
  name: 'Căn cứ pháp lý',
  aliases: ['Legal bases'],
  required: false,
  columns: [
    col('id', 'Mã căn cứ', ['Basis id', 'Id'], 12, req),
    col('shortName', 'Tên viết tắt', ['Short name'], 12, req),
    col('number', 'Số hiệu', ['Number'], 18, req),
    col('kindVi', 'Loại văn bản (tiếng Việt)', ['Kind (Vietnamese)'], 14, req),
    col('kindEn', 'Loại văn bản (tiếng Anh)', ['Kind (English)'], 14, req),
    col('issuerVi', 'Cơ quan ban hành (tiếng Việt)', ['Issuer (Vietnamese)'], 22),
    col('issuerEn', 'Cơ quan ban hành (tiếng Anh)', ['Issuer (English)'], 22),
    col('issuedOn', 'Ngày ban hành', ['Issued on'], 14, { format: 'date' }),
    col('subjectVi', 'Trích yếu (tiếng Việt)', ['Subject (Vietnamese)'], 50, req),
    col('subjectEn', 'Trích yếu (tiếng Anh)', ['Subject (English)'], 40, req),
    col('effectiveFrom', 'Hiệu lực từ', ['Effective from'], 14, { format: 'date' }),
    col('effectiveTo', 'Hiệu lực đến', ['Effective to'], 14, { format: 'date' }),
    col('source', 'Nguồn kiểm chứng', ['Source'], 12, req),
  ],
} as const satisfies SheetDef;

export const workbookSheets: readonly SheetDef[] = [templateSheet, sectionsSheet, itemsSheet, countFieldsSheet, legalBasesSheet];

export type ColumnKey<S extends { columns: ReadonlyArray<{ key: string }> }> = S['columns'][number]['key'];

/** Comparing names as people type them: without case, diacritics, đ/Đ or spacing differences. */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/ ?([()/]) ?/g, '$1')
    .trim();
}

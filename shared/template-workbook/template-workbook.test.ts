import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../hash/canonical-json';
import { defaultLegalBases } from '../legal-bases/default-legal-bases';
import { templateSchema, type Template } from '../schemas';
import { builtInTemplates } from '../templates';
import type { CellValue, SheetCells, SheetOut } from './cells';
import { readDay, readInstant } from './dates';
import { diffTemplates } from './diff';
import { problemLine } from './problems';
import { templateFromSheets } from './read-template';
import { sheetsFromTemplate } from './write-sheets';
import { formatReferences, formatRule, parseReferences, parseRule } from './vocabulary';

const known = { knownLegalBases: defaultLegalBases };
const mc2 = builtInTemplates.find((t) => t.id === 'MC' && t.version === 2)!;

/** Written sheets as a reader sees them: header on row 1, data below. */
function asCells(out: SheetOut[]): SheetCells[] {
  return out.map((s) => ({ name: s.name, rows: [s.columns.map((c) => c.header), ...s.rows].map((cells, i) => ({ row: i + 1, cells: cells as CellValue[] })) }));
}
const sheetsOf = (t: Template) => asCells(sheetsFromTemplate(t, defaultLegalBases));
const sheet = (cells: SheetCells[], name: string) => cells.find((s) => s.name === name)!;
/** The row of the Items sheet holding an item, and a column's index by its header. */
const itemRow = (cells: SheetCells[], code: string) => sheet(cells, 'Mục kiểm tra').rows.find((r) => r.cells[0] === code)!;
const col = (cells: SheetCells[], name: string, header: string) => sheet(cells, name).rows[0]!.cells.indexOf(header);
const lines = (cells: SheetCells[]) => templateFromSheets(cells, known).problems.map((p) => problemLine(p, 'en'));

describe('checklist workbook mapping', () => {
  it('reads back every built-in template the way it was written', () => {
    for (const t of builtInTemplates) {
      const read = templateFromSheets(sheetsOf(t), known);
      expect(read.problems).toEqual([]);
      expect(canonicalJson(read.template)).toBe(canonicalJson(t));
    }
  });

  it('reads rules and references written by hand, with the other spellings a person uses', () => {
    expect(parseRule('taiQuay ≥ duocGiao;  treHan=0\nwaiting <> 3')).toEqual([
      { field: 'taiQuay', op: 'ge', than: { field: 'duocGiao' } },
      { field: 'treHan', op: 'eq', than: { value: 0 } },
      { field: 'waiting', op: 'ne', than: { value: 3 } },
    ]);
    expect(parseRule('taiQuay >= ')).toBeNull();
    expect(parseRule('a > 2000000')).toBeNull();
    expect(formatRule(parseRule('a>=b;c=0')!)).toBe('a >= b; c = 0');
    expect(parseReferences('ND30: Điều 5 khoản 6; l80')).toEqual([{ basisId: 'ND30', provision: 'Điều 5 khoản 6' }, { basisId: 'L80' }]);
    expect(parseReferences('Nghị định 30')).toBeNull();
    expect(formatReferences([{ basisId: 'ND30', provision: 'Điều 5' }, { basisId: 'L80' }])).toBe('ND30: Điều 5; L80');
  });

  it('reads English headers and sheet names, answer types by code, yes/no as x, dates typed as text', () => {
    const cells = sheetsOf(mc2);
    itemRow(cells, 'MC-05').cells[4] = 'count';
    itemRow(cells, 'MC-05').cells[5] = 'x';
    sheet(cells, 'Mục kiểm tra').name = 'ITEMS';
    sheet(cells, 'ITEMS').rows[0]!.cells[4] = 'answer  type';
    sheet(cells, 'Mẫu').rows[1]!.cells[4] = '04/12/2026';
    sheet(cells, 'Mẫu').rows[1]!.cells[1] = '2';
    const read = templateFromSheets(cells, known);
    expect(read.problems).toEqual([]);
    expect(canonicalJson(read.template)).toBe(canonicalJson(mc2));
  });

  it('reports three mistakes at once, each on its row and column', () => {
    const cells = sheetsOf(mc2);
    itemRow(cells, 'MC-02').cells[4] = 'Trắc nghiệm';
    itemRow(cells, 'MC-03').cells[14] = 'a >= b';
    itemRow(cells, 'MC-04').cells[0] = 'MC-01';
    expect(lines(cells)).toEqual([
      'Mục kiểm tra!3 Kiểu trả lời: Answer type “Trắc nghiệm” does not exist; use one of: Tuân thủ, Số liệu, Giờ, Ghi chép, Danh sách CBCC.',
      'Mục kiểm tra!4 Điều kiện đạt: A rule belongs only to count items.',
      'Mục kiểm tra!5 Mã mục: Item code “MC-01” repeats row 2.',
    ]);
    const read = templateFromSheets(cells, known);
    expect(read.ok).toBe(false);
    expect(read.template).toBeUndefined();
    expect(read.problems[0]!.message.vi).toBe('Kiểu trả lời “Trắc nghiệm” không có; dùng một trong: Tuân thủ, Số liệu, Giờ, Ghi chép, Danh sách CBCC.');
  });

  it('names a missing sheet, a missing and an unknown column', () => {
    const cells = sheetsOf(mc2).filter((s) => s.name !== 'Phần');
    const items = sheet(cells, 'Mục kiểm tra');
    items.rows[0]!.cells[4] = 'Loại câu hỏi';
    expect(lines(cells)).toEqual([
      'Mục kiểm tra!1 Loại câu hỏi: The column “Loại câu hỏi” does not belong on this sheet; its columns are: Mã mục, Mã phần, Nội dung (tiếng Việt), Nội dung (tiếng Anh), Kiểu trả lời, Trọng yếu, Bắt buộc, Cách diễn đạt, Căn cứ pháp lý, Căn cứ khác (tiếng Việt), Căn cứ khác (tiếng Anh), Loại danh sách, Theo từng người, Điền sẵn, Điều kiện đạt.',
      'Mục kiểm tra!1 Kiểu trả lời: The column “Kiểu trả lời” is missing.',
      'Phần: The sheet “Phần” is missing.',
    ]);
  });

  it('catches what the schema would, on the row that wrote it', () => {
    const cells = sheetsOf(mc2);
    const c = (h: string) => col(cells, 'Mục kiểm tra', h);
    itemRow(cells, 'MC-01').cells[0] = 'GIO-17';
    itemRow(cells, 'MC-02').cells[c('Mã phần')] = 'MC-Z';
    itemRow(cells, 'MC-03').cells[c('Nội dung (tiếng Việt)')] = 'x'.repeat(1001);
    itemRow(cells, 'MC-04').cells[c('Căn cứ pháp lý')] = 'ND999: Điều 1';
    itemRow(cells, 'MC-05').cells[c('Điều kiện đạt')] = 'present >= onCounter';
    itemRow(cells, 'MC-06').cells[c('Kiểu trả lời')] = 'Danh sách CBCC';
    itemRow(cells, 'MC-07').cells[c('Trọng yếu')] = 'maybe';
    itemRow(cells, 'MC-09').cells[c('Kiểu trả lời')] = 'Số liệu';
    sheet(cells, 'Mẫu').rows[1]!.cells[1] = 'v2';
    sheet(cells, 'Căn cứ pháp lý').rows[1]!.cells[7] = '31/02/2025';
    expect(lines(cells)).toEqual([
      'Mẫu!2 Phiên bản: Version “v2” must be a whole number, 1 or more.',
      'Căn cứ pháp lý!2 Ngày ban hành: “31/02/2025” is not a date dd/mm/yyyy.',
      'Mục kiểm tra!2 Mã mục: Item code “GIO-17” must start with the template id “MC-”.',
      'Mục kiểm tra!3 Mã phần: Section “MC-Z” is not on the Sections sheet.',
      'Mục kiểm tra!4 Nội dung (tiếng Việt): 1001 characters long, at most 1000.',
      'Mục kiểm tra!5 Căn cứ pháp lý: Legal basis “ND999” is neither on the Legal bases sheet nor a known one.',
      'Mục kiểm tra!6 Điều kiện đạt: The rule names “onCounter”, which is not one of this item’s keys (present, assigned).',
      'Mục kiểm tra!7 Loại danh sách: A staff-list item needs its roster kind (roll call or violation).',
      'Mục kiểm tra!8 Trọng yếu: “maybe” is not allowed; write Có (yes) or Không (no).',
      'Mục kiểm tra!10 Kiểu trả lời: Count item “MC-09” has no numbers on the Count fields sheet.',
    ]);
  });

  it('refuses formulas and error values by their cell, and an empty template', () => {
    const cells = sheetsOf(mc2);
    itemRow(cells, 'MC-01').cells[2] = { formula: 'CONCAT("a","b")' };
    itemRow(cells, 'MC-02').cells[3] = { error: '#N/A' };
    expect(lines(cells)).toEqual([
      'Mục kiểm tra!2 Nội dung (tiếng Việt): Cell Mục kiểm tra!C2 holds a formula; replace it with its value (Paste Special → Values).',
      'Mục kiểm tra!3 Nội dung (tiếng Anh): Cell Mục kiểm tra!D3 holds an error value (#N/A).',
    ]);
    const empty = sheetsOf(mc2);
    sheet(empty, 'Mục kiểm tra').rows.splice(1);
    sheet(empty, 'Số liệu').rows.splice(1);
    expect(lines(empty)).toEqual(['Mục kiểm tra: The template has no items.']);
  });

  it('takes a count item and its rule added by hand', () => {
    const cells = sheetsOf(mc2);
    const items = sheet(cells, 'Mục kiểm tra');
    items.rows.push({ row: items.rows.length + 1, cells: ['MC-17', 'MC-B', 'Công chức đeo thẻ', 'Staff wearing name cards', 'Số liệu', 'Có', 'Có', 'Yêu cầu', 'QD129', null, null, null, null, null, 'deoThe >= coMat'] });
    const fields = sheet(cells, 'Số liệu');
    fields.rows.push({ row: fields.rows.length + 1, cells: ['MC-17', 'coMat', 'Có mặt', 'Present', 'người', 'people'] });
    fields.rows.push({ row: fields.rows.length + 1, cells: ['MC-17', 'deoThe', 'Đeo thẻ', 'Wearing cards', 'người', 'people'] });
    const read = templateFromSheets(cells, known);
    expect(read.problems).toEqual([]);
    const added = read.template!.sections[1]!.items.at(-1)!;
    expect(added).toMatchObject({ code: 'MC-17', answerType: 'count', critical: true, legalRefs: [{ basisId: 'QD129' }], compliantWhen: [{ field: 'deoThe', op: 'ge', than: { field: 'coMat' } }] });
    expect(added.countFields!.map((f) => f.key)).toEqual(['coMat', 'deoThe']);
  });
});

describe('template diff', () => {
  it('names the items added, removed, changed field by field, and moved', () => {
    const mc1 = builtInTemplates.find((t) => t.id === 'MC' && t.version === 1)!;
    expect(diffTemplates(mc1, mc2)).toEqual({
      titleChanged: false,
      sections: { added: [], removed: [], renamed: [] },
      added: [],
      removed: [],
      changed: [
        { code: 'MC-05', fields: ['compliantWhen'] },
        { code: 'MC-08', fields: ['compliantWhen'] },
      ],
      moved: [],
    });
    const edited = structuredClone(mc2);
    const [a, b] = edited.sections;
    b!.items.push(a!.items.shift()!);
    a!.items.pop();
    a!.title.vi = 'Niêm yết';
    b!.items[0]!.text.en = 'Staff at the counters';
    b!.items.push(templateSchema.parse({ ...mc2, sections: [{ ...mc2.sections[0], items: [{ code: 'MC-20', text: { vi: 'Mới', en: 'New' }, answerType: 'text' }] }] }).sections[0]!.items[0]!);
    expect(diffTemplates(mc2, edited)).toEqual({
      titleChanged: false,
      sections: { added: [], removed: [], renamed: ['MC-A'] },
      added: ['MC-20'],
      removed: ['MC-04'],
      changed: [{ code: 'MC-05', fields: ['text'] }],
      moved: [{ code: 'MC-01', from: 'MC-A', to: 'MC-B' }],
    });
  });
});

describe('workbook dates', () => {
  it('reads date cells to the minute, days typed as dd/mm/yyyy or ISO, and refuses impossible ones', async () => {
    expect(readDay(new Date(Date.UTC(2026, 0, 14, 23, 59, 59, 990)), '')).toBe('2026-01-15');
    expect(readDay(null, '5/1/2026')).toBe('2026-01-05');
    expect(readDay(null, '2026-01-05')).toBe('2026-01-05');
    expect(readDay(null, '29/02/2025')).toBe('bad');
    expect(readDay(null, '')).toBeNull();
    expect(readInstant(new Date(Date.UTC(2026, 11, 4, 7, 30, 12)), '')).toBe('2026-12-04T07:30:00+07:00');
    expect(readInstant(null, '04/12/2026 07:30')).toBe('2026-12-04T07:30:00+07:00');
    expect(readInstant(null, '2026-12-04T07:30:00Z')).toBe('2026-12-04T07:30:00Z');
    expect(readInstant(null, '04/12/2026 25:00')).toBe('bad');
  });
});

describe('a workbook full of mistakes', () => {
  it('lists the first 200 problems and counts the rest', () => {
    const cells = sheetsOf(mc2);
    const items = sheet(cells, 'Mục kiểm tra');
    for (let i = 0; i < 300; i++) items.rows.push({ row: items.rows.length + 1, cells: [`MC-${i + 100}`, 'MC-A', 'Nội dung', 'Text', 'Không rõ'] });
    const read = templateFromSheets(cells, known);
    expect(read.problems).toHaveLength(201);
    expect(problemLine(read.problems[200]!, 'en')).toBe('100 more problem(s) not listed; fix those above and upload again.');
  });
});

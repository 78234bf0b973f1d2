import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/hash/canonical-json';
import { defaultLegalBases } from '../../shared/legal-bases/default-legal-bases';
import { templateRef, type Template } from '../../shared/schemas';
import { problemLine } from '../../shared/template-workbook/problems';
import { builtInTemplates } from '../../shared/templates';
import { zerosBomb } from '../../tests/support/hostile-zips';
import { readTemplateWorkbook, writeTemplateWorkbook } from './template-workbook';

const known = { knownLegalBases: defaultLegalBases };
const mc2 = builtInTemplates.find((t) => t.id === 'MC' && t.version === 2)!;


async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  return workbook;
}
const save = async (workbook: ExcelJS.Workbook) => new Uint8Array(await workbook.xlsx.writeBuffer());
const lines = async (bytes: Uint8Array) => (await readTemplateWorkbook(bytes, known)).problems.map((p) => problemLine(p, 'en'));
/** The MC@2 workbook, edited as an author would in Excel. */
async function edited(edit: (workbook: ExcelJS.Workbook, items: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = await load(await writeTemplateWorkbook(mc2, defaultLegalBases));
  edit(workbook, workbook.getWorksheet('Mục kiểm tra')!);
  return save(workbook);
}
const rowOf = (items: ExcelJS.Worksheet, code: string) => items.getRows(2, items.rowCount)!.find((r) => r.getCell(1).value === code)!;

describe('checklist workbook (.xlsx)', () => {
  it.each(builtInTemplates.map((t) => [templateRef(t), t] as const))('%s goes through real xlsx bytes and comes back the same', async (_ref, template: Template) => {
    const bytes = await writeTemplateWorkbook(template, defaultLegalBases);
    // Read without the defaults known: the workbook carries every basis it cites.
    const read = await readTemplateWorkbook(bytes, { knownLegalBases: [] });
    expect(read.problems.map((p) => problemLine(p))).toEqual([]);
    expect(canonicalJson(read.template)).toBe(canonicalJson(template));
    const cited = new Set(template.sections.flatMap((s) => s.items.flatMap((i) => i.legalRefs.map((r) => r.basisId))));
    expect(read.legalBases.map((b) => b.id).sort()).toEqual([...cited].sort());
    for (const basis of read.legalBases) expect(basis).toEqual(defaultLegalBases.find((b) => b.id === basis.id));
  });

  it('writes Vietnamese headers, frozen and styled, dates as date cells shown dd/mm/yyyy, pick lists', async () => {
    const mc = builtInTemplates.find((t) => t.id === 'MC' && t.version === 2)!;
    const workbook = await load(await writeTemplateWorkbook(mc, defaultLegalBases));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Mẫu', 'Phần', 'Mục kiểm tra', 'Số liệu', 'Căn cứ pháp lý', 'Hướng dẫn']);
    const guide = workbook.getWorksheet('Hướng dẫn')!;
    expect(guide.getRows(2, guide.rowCount)!.find((r) => r.getCell(2).value === 'Điều kiện đạt')!.getCell(4).value).toMatch(/^Chỉ với mục Số liệu: .*taiQuay >= duocGiao; treHan = 0/);
    const items = workbook.getWorksheet('Mục kiểm tra')!;
    expect(items.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(items.getRow(1).getCell(1).value).toBe('Mã mục');
    expect(items.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(items.getRow(2).getCell(5).value).toBe('Tuân thủ');
    expect(items.getCell('E2').dataValidation).toMatchObject({ type: 'list', formulae: ['"Tuân thủ,Số liệu,Giờ,Ghi chép,Danh sách CBCC"'] });
    const mc05 = items.getRows(2, 20)!.find((r) => r.getCell(1).value === 'MC-05')!;
    expect(mc05.getCell(15).value).toBe('present >= assigned');
    const head = workbook.getWorksheet('Mẫu')!;
    expect(head.getCell('E2').value).toEqual(new Date(Date.UTC(2026, 11, 4)));
    expect(head.getCell('E2').numFmt).toBe('dd/mm/yyyy');
    const bases = workbook.getWorksheet('Căn cứ pháp lý')!;
    expect(bases.getCell('H2').value).toBeInstanceOf(Date);
    expect(bases.getCell('H2').numFmt).toBe('dd/mm/yyyy');
  });

  it('makes the same bytes from the same template', async () => {
    const gio = builtInTemplates[0]!;
    expect(Buffer.from(await writeTemplateWorkbook(gio, defaultLegalBases)).equals(Buffer.from(await writeTemplateWorkbook(gio, defaultLegalBases)))).toBe(true);
  });

  it('reads an author’s edits: an item added with its numbers, a rule changed, rich text, shared strings, numbers typed as text', async () => {
    const bytes = await edited((workbook, items) => {
      items.addRow(['MC-17', 'MC-B', { richText: [{ text: 'Công chức ' }, { font: { bold: true }, text: 'đeo thẻ' }] }, 'Staff wearing name cards', 'Số liệu', 'Có', null, 'Yêu cầu', 'QD129: Điều 5']);
      rowOf(items, 'MC-17').getCell(15).value = 'deoThe >= coMat';
      rowOf(items, 'MC-05').getCell(15).value = 'present = assigned';
      const fields = workbook.getWorksheet('Số liệu')!;
      fields.addRow(['MC-17', 'coMat', 'Có mặt', 'Present', 'người', 'people']);
      fields.addRow(['MC-17', 'deoThe', 'Đeo thẻ', 'Wearing cards', 'người', 'people']);
      // Typed into a text-formatted cell: Excel keeps "3" as text.
      workbook.getWorksheet('Mẫu')!.getCell('B2').value = '3';
      // Decomposed (NFD) text, as some Mac keyboards type it.
      rowOf(items, 'MC-01').getCell(3).value = 'Niêm yết đầy đủ'.normalize('NFD');
    });
    const read = await readTemplateWorkbook(bytes, known);
    expect(read.problems).toEqual([]);
    const t = read.template!;
    expect(t.version).toBe(3);
    const items = t.sections.flatMap((s) => s.items);
    expect(items.find((i) => i.code === 'MC-01')!.text.vi).toBe('Niêm yết đầy đủ'.normalize('NFC'));
    expect(items.find((i) => i.code === 'MC-05')!.compliantWhen).toEqual([{ field: 'present', op: 'eq', than: { field: 'assigned' } }]);
    expect(t.sections[1]!.items.at(-1)).toMatchObject({
      code: 'MC-17',
      text: { vi: 'Công chức đeo thẻ', en: 'Staff wearing name cards' },
      answerType: 'count',
      critical: true,
      required: true,
      legalRefs: [{ basisId: 'QD129', provision: 'Điều 5' }],
      compliantWhen: [{ field: 'deoThe', op: 'ge', than: { field: 'coMat' } }],
    });
  });

  it('refuses a formula by its cell, the malformed cases by row, all at once', async () => {
    const bytes = await edited((workbook, items) => {
      rowOf(items, 'MC-02').getCell(4).value = { formula: 'UPPER(C3)', result: 'FEES' } as ExcelJS.CellFormulaValue;
      rowOf(items, 'MC-03').getCell(5).value = 'Trắc nghiệm';
      rowOf(items, 'MC-04').getCell(15).value = 'waiting = 0';
      rowOf(items, 'MC-06').getCell(1).value = 'MC-01';
      rowOf(items, 'MC-09').getCell(3).value = 'dài '.repeat(300);
      workbook.removeWorksheet(workbook.getWorksheet('Phần')!.id);
    });
    expect(await lines(bytes)).toEqual([
      'Mục kiểm tra!3 Nội dung (tiếng Anh): Cell Mục kiểm tra!D3 holds a formula; replace it with its value (Paste Special → Values).',
      'Phần: The sheet “Phần” is missing.',
      'Mục kiểm tra!4 Kiểu trả lời: Answer type “Trắc nghiệm” does not exist; use one of: Tuân thủ, Số liệu, Giờ, Ghi chép, Danh sách CBCC.',
      'Mục kiểm tra!5 Điều kiện đạt: A rule belongs only to count items.',
      'Mục kiểm tra!7 Mã mục: Item code “MC-01” repeats row 2.',
      'Mục kiểm tra!10 Nội dung (tiếng Việt): 1199 characters long, at most 1000.',
    ]);
  });

  it('refuses a zip bomb, a sheet declaring billions of merged cells and a file that is not a workbook, before the spreadsheet library', async () => {
    const bomb = await zerosBomb('xl/worksheets/sheet1.xml', 300 * 1024 * 1024);
    expect(await lines(bomb)).toEqual([expect.stringMatching(/^The Excel file is damaged or unusually compressed \(.+\); not read\.$/)]);
    const parts = unzipSync(await writeTemplateWorkbook(mc2, defaultLegalBases));
    const sheet = strFromU8(parts['xl/worksheets/sheet3.xml']!);
    parts['xl/worksheets/sheet3.xml'] = strToU8(sheet.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'));
    expect(await lines(zipSync(parts))).toEqual(['A sheet declares merged or validated ranges over more than 200000 cells; not read.']);
    expect(await lines(new TextEncoder().encode('{"id":"MC"}'))).toEqual(['The file is not a readable Excel workbook (.xlsx).']);
    expect(await lines(zipSync({ 'hello.txt': strToU8('hi') }))).toEqual(['The file is not a readable Excel workbook (.xlsx).']);
  });
});

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/hash/canonical-json';
import { defaultLegalBases } from '../../shared/legal-bases/default-legal-bases';
import { templateRef, type Template } from '../../shared/schemas';
import { problemLine } from '../../shared/template-workbook/problems';
import { builtInTemplates } from '../../shared/templates';
import { readTemplateWorkbook, writeTemplateWorkbook } from './template-workbook';


async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  return workbook;
}

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
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Mẫu', 'Phần', 'Mục kiểm tra', 'Số liệu', 'Căn cứ pháp lý']);
    const items = workbook.getWorksheet('Mục kiểm tra')!;
    expect(items.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(items.getRow(1).getCell(1).value).toBe('Mã mục');
    expect(items.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(items.getRow(2).getCell(5).value).toBe('Tuân thủ');
    expect(items.getCell('E2').dataValidation).toMatchObject({ type: 'list', formulae: ['"Tuân thủ,Số liệu,Giờ,Văn bản,Danh sách CBCC"'] });
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
});

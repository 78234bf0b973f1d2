import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { summarizeInspections } from '../../shared/report/summary';
import { buildSummaryPdf } from '../../shared/report/summary-pdf';
import { buildSummaryXlsx } from '../../shared/report/summary-xlsx';
import { builtInTemplates } from '../../shared/templates';
import { loadFonts, sampleRecordWithBlobs } from '../support/report-fixture';

const dir = mkdtempSync(join(tmpdir(), 'congvu-summary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function records() {
  const a = sampleRecordWithBlobs().record;
  const b = sampleRecordWithBlobs({
    mutate: (r) => {
      r.inspection.unit = { ...r.inspection.unit, code: '31472', name: 'UBND phường Cái Khế' };
      r.recommendations[0]!.deadline = '2026-11-24';
    },
  }).record;
  return [a, b];
}

describe('team-lead summary', () => {
  const summary = summarizeInspections(records(), builtInTemplates, '2026-11-25');

  it('counts per unit and per item, names officials and flags overdue deadlines', () => {
    expect(summary.inspections).toHaveLength(2);
    expect(summary.units.map((u) => u.unitName).sort()).toEqual(['UBND phường Cái Khế', 'UBND xã Tân Phước Hưng']);
    const vh09 = summary.items.find((i) => i.code === 'VH-09')!;
    expect(vh09).toMatchObject({ checked: 2, violations: 2 });
    // VH-01 names the second roll-call person in each sample; the sixth is absent without excuse.
    expect(summary.officials.map((o) => o.name)).toContain('Võ Thị Thu Hằng');
    expect(summary.officials.map((o) => o.name)).toContain('Ngô Thị Diễm');
    expect(summary.recommendations.map((r) => r.overdue)).toEqual([true, false]);
  });

  it('prints as a PDF whose text reads back in Vietnamese', () => {
    const pdf = buildSummaryPdf({ summary, fonts: loadFonts(), parentAgency: 'UBND thành phố Cần Thơ', agency: 'Sở Nội vụ', place: 'Cần Thơ', preparedBy: 'Nguyễn Thị Ánh Tuyết', at: '2026-11-25T09:00:00+07:00' });
    const path = join(dir, 'summary.pdf');
    writeFileSync(path, pdf);
    expect(spawnSync('qpdf', ['--check', path]).status).toBe(0);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const s of ['BÁO CÁO', 'Kết quả kiểm tra đột xuất việc thực thi công vụ', 'II. KẾT QUẢ THEO ĐƠN VỊ', 'UBND phường Cái Khế', 'Võ Thị Thu Hằng', '(quá hạn)', 'NGƯỜI LẬP BÁO CÁO', 'Nguyễn Thị Ánh Tuyết']) {
      expect(text, s).toContain(s);
    }
  });

  it('writes every date of the PDF as dd/mm/yyyy', () => {
    const pdf = buildSummaryPdf({ summary, fonts: loadFonts(), parentAgency: 'UBND thành phố Cần Thơ', agency: 'Sở Nội vụ', place: 'Cần Thơ', preparedBy: 'Nguyễn Thị Ánh Tuyết', at: '2026-11-25T09:00:00+07:00' });
    const path = join(dir, 'summary-dates.pdf');
    writeFileSync(path, pdf);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const day = summary.inspections[0]!.day;
    const shown = `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
    expect(text).toContain(`(từ ngày ${shown} đến ngày ${shown})`);
    expect(text).toContain('24/11/2026');
    expect(text).toContain('Cần Thơ, ngày 25 tháng 11 năm 2026');
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    expect(text).not.toMatch(/\b\d{1,2}\/\d{1,2}\/\d{2}\b(?!\/|\d)/);
  });

  it('exports the same figures as XLSX with Vietnamese headers', async () => {
    const bytes = await buildSummaryXlsx(summary);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Cuộc kiểm tra', 'Theo đơn vị', 'Theo nội dung', 'Cán bộ vi phạm', 'Kiến nghị']);
    const units = workbook.getWorksheet('Theo đơn vị')!;
    expect(units.getRow(1).values).toEqual([undefined, 'Mã đơn vị', 'Đơn vị', 'Số cuộc kiểm tra', 'Số vi phạm', 'Số người điểm danh', 'Có mặt', 'Đi muộn', 'Vắng không lý do']);
    expect(units.rowCount).toBe(3);
    expect(workbook.getWorksheet('Theo nội dung')!.rowCount).toBe(summary.items.length + 1);
    const recs = workbook.getWorksheet('Kiến nghị')!;
    expect(recs.getRow(2).getCell(7).value).toBe('Quá hạn');
    // Days are date cells shown dd/mm/yyyy, also in the overdue row drawn in bold red.
    const day = new Date(`${summary.inspections[0]!.day}T00:00:00.000Z`);
    for (const cell of [workbook.getWorksheet('Cuộc kiểm tra')!.getCell('A2'), recs.getCell('B2'), recs.getCell('F2'), recs.getCell('F3')]) expect(cell.numFmt, cell.address).toBe('dd/mm/yyyy');
    expect(workbook.getWorksheet('Cuộc kiểm tra')!.getCell('A2').value).toEqual(day);
    expect(recs.getCell('B2').value).toEqual(day);
    expect(recs.getCell('F2').value).toEqual(new Date('2026-11-24T00:00:00.000Z'));
    expect(recs.getCell('F2').font).toMatchObject({ bold: true });
    expect(recs.getCell('F3').value).toEqual(new Date('2026-12-15T00:00:00.000Z'));
    expect(String(workbook.getWorksheet('Cán bộ vi phạm')!.getCell('E2').value)).toMatch(/^\d{2}\/\d{2}\/\d{4}: /);
  });
});

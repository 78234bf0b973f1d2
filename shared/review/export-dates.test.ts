import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sampleCompleteRecord } from '../inspection/sample';
import { builtInTemplates } from '../templates';
import { isoDay } from '../time/local-iso';
import { buildDashboard } from './dashboard';
import { csvZipBytes, excelDaySerial, xlsxBytes } from './export-files';
import { exportSheets, type ExportSheet } from './export-sheets';
import { inspectionFacts, templatesByRef } from './facts';

const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
const utcDay = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

function departmentSheets() {
  const record = sampleCompleteRecord();
  const templates = templatesByRef(builtInTemplates);
  const facts = [inspectionFacts(record, templates)];
  const sheets = exportSheets({
    facts,
    dashboard: () => buildDashboard(facts, templates, {}, '2026-12-01'),
    records: async function* () {
      yield record;
    },
    templates,
  });
  return { record, sheets };
}

async function workbookOf(sheets: readonly ExportSheet[]): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await xlsxBytes(sheets)).buffer as ArrayBuffer);
  return workbook;
}

describe('dates in the department export', () => {
  it('writes days as real date cells shown dd/mm/yyyy, times of day as "HH:mm" text', async () => {
    const { record, sheets } = departmentSheets();
    const day = isoDay(record.inspection.arrival.at);
    const workbook = await workbookOf(sheets);
    const cellUnder = (sheet: string, header: string, row = 2) => {
      const ws = workbook.getWorksheet(sheet)!;
      const column = (ws.getRow(1).values as unknown[]).indexOf(header);
      expect(column, `${sheet}: ${header}`).toBeGreaterThan(0);
      return ws.getRow(row).getCell(column);
    };
    for (const sheet of ['Cuộc kiểm tra', 'Kết quả kiểm tra', 'Điểm danh', 'Kiến nghị']) {
      const cell = cellUnder(sheet, 'Ngày kiểm tra');
      expect(cell.value, sheet).toEqual(utcDay(day));
      expect(cell.numFmt, sheet).toBe('dd/mm/yyyy');
    }
    const deadline = cellUnder('Kiến nghị', 'Thời hạn khắc phục');
    expect(deadline.value).toEqual(utcDay('2026-12-15'));
    expect(deadline.numFmt).toBe('dd/mm/yyyy');
    const late = workbook.getWorksheet('Điểm danh')!.getColumn(10).values.filter((v) => v && v !== 'Giờ đến');
    expect(late).toContain('07:52');
    // No date is left as ISO text anywhere (the officials' details name the day dd/mm/yyyy).
    for (const ws of workbook.worksheets) {
      ws.eachRow((row) => row.eachCell((cell) => expect(typeof cell.value === 'string' ? cell.value : '', `${ws.name}!${cell.address}`).not.toMatch(ISO_DATE)));
    }
    const details = String(cellUnder('Cán bộ vi phạm', 'Chi tiết').value);
    expect(details).toContain(`${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}: `);
  });

  it('writes days in the CSV as dd/mm/yyyy text', async () => {
    const { record, sheets } = departmentSheets();
    const day = isoDay(record.inspection.arrival.at);
    const shown = `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
    const files = unzipSync(await csvZipBytes(sheets));
    const text = (name: string) => strFromU8(files[name]!.subarray(3));
    expect(text('cuoc-kiem-tra.csv').split('\r\n')[1]!.split(',')[2]).toBe(shown);
    const rec = text('kien-nghi.csv').split('\r\n')[1]!;
    expect(rec.startsWith(`${record.inspection.unit.name},${shown},`)).toBe(true);
    expect(rec).toContain(',15/12/2026,');
    for (const name of Object.keys(files)) expect(text(name), name).not.toMatch(ISO_DATE);
  });

  it('leaves what is not a day in a day column as text, and counts serials as Excel does', async () => {
    expect(excelDaySerial('1900-03-01')).toBe(61);
    expect(excelDaySerial('2026-11-23')).toBe(46349);
    expect(excelDaySerial('1900-02-28')).toBeNull();
    const sheet: ExportSheet = {
      name: 'Ngày',
      file: 'ngay.csv',
      columns: [{ header: 'Ngày', width: 12, type: 'day' }],
      rows: async function* () {
        yield ['2026-02-28'];
        yield ['không rõ'];
        yield [''];
        yield ['1899-12-31'];
      },
    };
    const ws = (await workbookOf([sheet])).getWorksheet('Ngày')!;
    expect(ws.getCell('A2').value).toEqual(utcDay('2026-02-28'));
    expect(ws.getCell('A3').value).toBe('không rõ');
    expect(ws.getCell('A4').value).toBeNull();
    expect(ws.getCell('A5').value).toBe('1899-12-31');
    expect(strFromU8(unzipSync(await csvZipBytes([sheet]))['ngay.csv']!.subarray(3))).toBe('Ngày\r\n28/02/2026\r\nkhông rõ\r\n\r\n31/12/1899\r\n');
  });
});

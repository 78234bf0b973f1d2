import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { listWithin, type ExportSheet } from './export-sheets';
import { unzipSync, strFromU8 } from 'fflate';
import { columnName, csvZipBytes, MAX_CELL_CHARS, xlsxBytes } from './export-files';

const sheet = (rows: unknown[][], name = 'Kết quả kiểm tra'): ExportSheet => ({
  name,
  file: 'x.csv',
  columns: [
    { header: 'Mã', width: 10 },
    { header: 'Nội dung', width: 40 },
    { header: 'Số', width: 8 },
  ],
  rows: async function* () {
    yield* rows;
  },
});

describe('the streaming XLSX writer', () => {
  it('names columns as Excel does', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('writes a workbook exceljs reads back: Vietnamese text, numbers, a bold frozen header, hostile text kept as text', async () => {
    const rows = [
      ['GIO-01', 'Đi muộn quá 30 phút <script>&"', 3],
      ['GIO-02', ' có khoảng trắng đầu\ttab\u0007chuông ', 0],
      ['=cmd|calc', '', null],
    ];
    const bytes = await xlsxBytes([sheet(rows), sheet([], 'Trống')]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Kết quả kiểm tra', 'Trống']);
    const ws = workbook.getWorksheet('Kết quả kiểm tra')!;
    expect(ws.rowCount).toBe(4);
    expect(ws.getRow(1).values).toEqual([undefined, 'Mã', 'Nội dung', 'Số']);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(2).values).toEqual([undefined, 'GIO-01', 'Đi muộn quá 30 phút <script>&"', 3]);
    expect(ws.getRow(3).getCell(2).value).toBe(' có khoảng trắng đầu\ttabchuông ');
    expect(ws.getRow(4).getCell(1).value).toBe('=cmd|calc');
    expect(ws.getColumn(2).width).toBe(40);
    expect(workbook.getWorksheet('Trống')!.rowCount).toBe(1);
  });

  it('cuts a cell longer than Excel allows where it shows, saying so', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsxBytes([sheet([['x', 'a'.repeat(MAX_CELL_CHARS + 10), 1]])])).buffer as ArrayBuffer);
    const text = String(workbook.worksheets[0]!.getRow(2).getCell(2).value);
    expect(text).toHaveLength(MAX_CELL_CHARS);
    expect(text.endsWith('[quá dài, xem bản CSV]')).toBe(true);
  });

  it('zips one CSV per sheet, each with a byte-order mark and every row', async () => {
    const files = unzipSync(await csvZipBytes([sheet([['GIO-01', 'Đạt, có "ghi chú"', 1]])]));
    expect(Object.keys(files)).toEqual(['x.csv']);
    expect([...files['x.csv']!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(strFromU8(files['x.csv']!.subarray(3))).toBe('Mã,Nội dung,Số\r\nGIO-01,"Đạt, có ""ghi chú""",1\r\n');
  });

  it('lists details within a cell, saying how many were left out', () => {
    expect(listWithin(['a', 'b'], 100)).toBe('a\nb');
    expect(listWithin(['aaaa', 'bbbb', 'cccc'], 9)).toBe('aaaa\nbbbb\n… và 1 mục khác');
  });
});

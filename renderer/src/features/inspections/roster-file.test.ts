import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { duplicateNames, text, zerosBomb } from '../../../../tests/support/hostile-zips';
import { readRosterFile } from './roster-file';

async function xlsx(rows: string[][], name = 'danh-sach-cbcc.xlsx'): Promise<File> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  for (const row of rows) sheet.addRow(row);
  const buffer = await workbook.xlsx.writeBuffer();
  return new File([buffer as ArrayBuffer], name);
}

describe('staff list files', () => {
  it('reads an XLSX staff list with a Vietnamese header, empty rows skipped', async () => {
    const file = await xlsx([
      [],
      ['STT', 'HỌ VÀ TÊN', 'Chức vụ', 'Bộ phận'],
      ['1', 'Phạm Minh Khôi', 'Chủ tịch UBND xã', 'Lãnh đạo'],
      [],
      ['2', 'Võ Thị Thu Hằng', 'Công chức', 'Văn phòng - Thống kê'],
    ]);
    expect(await readRosterFile(file)).toEqual({
      ok: true,
      source: { kind: 'xlsx', sheet: 'Danh sách' },
      people: [
        { name: 'Phạm Minh Khôi', position: 'Chủ tịch UBND xã', department: 'Lãnh đạo' },
        { name: 'Võ Thị Thu Hằng', position: 'Công chức', department: 'Văn phòng - Thống kê' },
      ],
      problems: [],
    });
  });

  it('holds an XLSX to the same header rules as a CSV, with sheet row numbers', async () => {
    const file = await xlsx([['Tên cán bộ', 'Chức vụ'], ['Lê Hoàng Yến', 'Công chức']]);
    expect(await readRosterFile(file)).toEqual({
      ok: false,
      source: { kind: 'xlsx', sheet: 'Danh sách' },
      problems: [
        { code: 'unknownHeaders', line: 1, headers: ['Tên cán bộ'] },
        { code: 'missingHeaders', line: 1, headers: ['Họ và tên'] },
      ],
    });
    const wide = await xlsx([['Họ và tên', ...Array.from({ length: 50 }, () => '')], ['A', ...Array.from({ length: 49 }, () => ''), 'lạc']]);
    expect(await readRosterFile(wide)).toMatchObject({ ok: false, problems: [{ code: 'tooManyColumns', max: 50 }] });
    expect(await readRosterFile(await xlsx([['Họ và tên'], [''], ['Lý Gia Huy'], ['']]))).toMatchObject({ ok: true, people: [{ name: 'Lý Gia Huy' }] });
  });

  it('reads a CSV written by older Vietnamese Excel (Windows-1258), and says so', async () => {
    // "Họ tên" / "Đặng Bao" in Windows-1258, where tone marks are combining characters (0xF2: dot below).
    const bytes = new Uint8Array([0x48, 0x6f, 0xf2, 0x20, 0x74, 0xea, 0x6e, 0x0a, 0xd0, 0xe3, 0xf2, 0x6e, 0x67, 0x20, 0x42, 0x61, 0x6f, 0x0a]);
    expect(await readRosterFile(new File([bytes], 'ds.csv'))).toEqual({
      ok: true,
      source: { kind: 'csv', encoding: 'windows-1258' },
      people: [{ name: 'Đặng Bao', position: '', department: '' }],
      problems: [],
    });
  });

  it('refuses other files, damaged ones and ones too large, with a problem and no exception', async () => {
    expect(await readRosterFile(new File(['x'], 'ds.pdf'))).toEqual({ ok: false, problems: [{ code: 'fileType' }] });
    expect(await readRosterFile(new File([new Uint8Array([1, 2, 3])], 'hong.xlsx'))).toEqual({ ok: false, problems: [{ code: 'unreadableXlsx' }] });
    expect(await readRosterFile(new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'lon.csv'))).toEqual({ ok: false, problems: [{ code: 'tooLarge', maxBytes: 5 * 1024 * 1024 }] });
    expect(await readRosterFile(new File([Buffer.from('Họ và tên\nA\n', 'utf16le')], 'ds.csv'))).toEqual({ ok: false, problems: [{ code: 'notText' }] });
  });

  it('refuses a zip bomb or a zip with repeated parts dressed as .xlsx before the spreadsheet library inflates it', async () => {
    const bomb = await zerosBomb('xl/worksheets/sheet1.xml', 256 * 1024 * 1024);
    expect(await readRosterFile(new File([bomb as Uint8Array<ArrayBuffer>], 'bom.xlsx'))).toEqual({ ok: false, problems: [{ code: 'unsafeXlsx' }] });
    const twice = duplicateNames('xl/workbook.xml', text('<a/>'), text('<b/>'));
    expect(await readRosterFile(new File([twice as Uint8Array<ArrayBuffer>], 'trung.xlsx'))).toEqual({ ok: false, problems: [{ code: 'unsafeXlsx' }] });
  });
});

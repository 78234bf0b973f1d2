import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readRosterFile } from './roster-file';

async function xlsx(rows: string[][]): Promise<File> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  for (const row of rows) sheet.addRow(row);
  const buffer = await workbook.xlsx.writeBuffer();
  return new File([buffer as ArrayBuffer], 'danh-sach-cbcc.xlsx');
}

describe('staff list files', () => {
  it('reads an XLSX staff list with a Vietnamese header', async () => {
    const file = await xlsx([
      ['STT', 'Họ và tên', 'Chức vụ', 'Bộ phận'],
      ['1', 'Phạm Minh Khôi', 'Chủ tịch UBND xã', 'Lãnh đạo'],
      ['2', 'Võ Thị Thu Hằng', 'Công chức', 'Văn phòng - Thống kê'],
    ]);
    expect((await readRosterFile(file)).people).toEqual([
      { name: 'Phạm Minh Khôi', position: 'Chủ tịch UBND xã', department: 'Lãnh đạo' },
      { name: 'Võ Thị Thu Hằng', position: 'Công chức', department: 'Văn phòng - Thống kê' },
    ]);
  });

  it('reads a CSV written by older Vietnamese Excel (Windows-1258), and refuses other files clearly', async () => {
    // "Họ tên" / "Đặng Bao" in Windows-1258, where tone marks are combining characters (0xF2: dot below).
    const bytes = new Uint8Array([0x48, 0x6f, 0xf2, 0x20, 0x74, 0xea, 0x6e, 0x0a, 0xd0, 0xe3, 0xf2, 0x6e, 0x67, 0x20, 0x42, 0x61, 0x6f, 0x0a]);
    const result = await readRosterFile(new File([bytes], 'ds.csv'));
    expect(result.people[0]!.name).toBe('Đặng Bao');
    await expect(readRosterFile(new File(['x'], 'ds.pdf'))).rejects.toThrow('err.import.type');
    await expect(readRosterFile(new File([new Uint8Array([1, 2, 3])], 'hong.xlsx'))).rejects.toThrow('err.import.unreadable');
  });
});

import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { rosterFromTable } from './roster-table';

describe('roster import', () => {
  it('reads a Vietnamese CSV with BOM, semicolons, quotes and a header', () => {
    const csv = '\uFEFFSTT;Họ và tên;Chức vụ;Bộ phận\r\n1;Phạm Minh Khôi;Chủ tịch UBND xã;Lãnh đạo\r\n2;"Võ Thị ""Thu"" Hằng";Công chức;"Văn phòng; Thống kê"\r\n';
    const result = rosterFromTable(parseCsv(csv));
    expect(result.people).toEqual([
      { name: 'Phạm Minh Khôi', position: 'Chủ tịch UBND xã', department: 'Lãnh đạo' },
      { name: 'Võ Thị "Thu" Hằng', position: 'Công chức', department: 'Văn phòng; Thống kê' },
    ]);
    expect(result.problems).toEqual([]);
  });

  it('finds columns by English names in any order, and reads headerless files as name, position, department', () => {
    expect(rosterFromTable(parseCsv('Department,Name\nTư pháp,Đặng Quốc Bảo\n')).people).toEqual([{ name: 'Đặng Quốc Bảo', position: '', department: 'Tư pháp' }]);
    expect(rosterFromTable(parseCsv('Lý Gia Huy,Công chức,Địa chính\n')).people).toEqual([{ name: 'Lý Gia Huy', position: 'Công chức', department: 'Địa chính' }]);
  });

  it('reports rows without a name, too long or repeated, with their line numbers', () => {
    const csv = 'Họ và tên,Chức vụ\nA,x\n,Công chức\nA,x\n' + `${'B'.repeat(201)},y\n`;
    expect(rosterFromTable(parseCsv(csv)).problems).toEqual([
      { line: 3, code: 'err.import.noName' },
      { line: 4, code: 'err.import.duplicate' },
      { line: 5, code: 'err.import.tooLong' },
    ]);
  });

  it('stores names in NFC whatever the file used', () => {
    const decomposed = 'Nguye\u0302\u0303n Va\u0306n A'.normalize('NFD');
    expect(rosterFromTable([[decomposed]]).people[0]!.name).toBe('Nguyễn Văn A'.normalize('NFC'));
  });
});

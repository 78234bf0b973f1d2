import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';

describe('CSV as spreadsheets write it', () => {
  it('reads semicolons, quotes, doubled quotes and CRLF, keeping each row’s line', () => {
    const csv = '\uFEFFSTT;Họ và tên;Chức vụ;Bộ phận\r\n1;Phạm Minh Khôi;Chủ tịch UBND xã;Lãnh đạo\r\n2;"Võ Thị ""Thu"" Hằng";Công chức;"Văn phòng; Thống kê"\r\n';
    expect(parseCsv(csv)).toEqual({
      ok: true,
      rows: [
        { line: 1, cells: ['STT', 'Họ và tên', 'Chức vụ', 'Bộ phận'] },
        { line: 2, cells: ['1', 'Phạm Minh Khôi', 'Chủ tịch UBND xã', 'Lãnh đạo'] },
        { line: 3, cells: ['2', 'Võ Thị "Thu" Hằng', 'Công chức', 'Văn phòng; Thống kê'] },
      ],
    });
  });

  it('counts lines inside quoted fields, so later rows keep the line an editor shows', () => {
    const result = parseCsv('Họ và tên,Bộ phận\n"Lý Gia Huy","Địa chính\nXây dựng"\nĐỗ Thị Mai,Văn phòng\n');
    expect(result.ok && result.rows.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('takes the delimiter from the header, not from a row of bare commas above it or a quoted comma', () => {
    expect(parseCsv(',,,\n"Họ, tên";Chức vụ\nA;B\n')).toMatchObject({ ok: true, rows: [{ cells: [',,,'] }, { cells: ['Họ, tên', 'Chức vụ'] }, { cells: ['A', 'B'] }] });
    expect(parseCsv(';;\n"Họ, tên, x";Chức vụ\n')).toMatchObject({ ok: true, rows: [{ cells: ['', '', ''] }, { cells: ['Họ, tên, x', 'Chức vụ'] }] });
    expect(parseCsv('Họ và tên\tChức vụ\nA\tB')).toMatchObject({ ok: true, rows: [{ cells: ['Họ và tên', 'Chức vụ'] }, { line: 2, cells: ['A', 'B'] }] });
  });

  it('refuses a quote left open, naming the line it opens on', () => {
    expect(parseCsv('Họ và tên\nA\n"B\nC\nD\n')).toEqual({ ok: false, problem: { code: 'unclosedQuote', line: 3 } });
  });
});

import { describe, expect, it } from 'vitest';
import { fold, matchHeaders } from './headers';
import { newPeople, readRosterCsv, readRosterTable, rosterSpec, MAX_ROSTER_PEOPLE } from './roster';

const csv = (text: string) => readRosterCsv(new TextEncoder().encode(text));
const header = (cells: string[], used: number[] = []) => matchHeaders(rosterSpec, { line: 1, cells }, new Set(used));

describe('roster headers', () => {
  it('matches names folded: case, diacritics, đ/Đ and extra spaces', () => {
    expect(fold('  HỌ VÀ   TÊN ')).toBe('ho va ten');
    expect(fold('Đơn vị')).toBe(fold('don VI'));
    expect(fold('Tỉnh / Thành phố')).toBe(fold('Tỉnh/Thành phố'));
    expect(header(['ho va ten', 'CHỨC VỤ', 'Bộ  Phận'])).toEqual({ ok: true, columns: { name: 0, position: 1, department: 2 } });
    expect(header(['Department', 'Full name'])).toEqual({ ok: true, columns: { department: 0, name: 1 } });
  });

  it('accepts and ignores a row-number column (STT, TT)', () => {
    expect(header(['STT', 'Họ và tên'], [0, 1])).toEqual({ ok: true, columns: { name: 1 } });
    expect(header(['tt', 'Họ tên', 'Chức vụ'])).toEqual({ ok: true, columns: { name: 1, position: 2 } });
  });

  it('refuses unknown headers naming them as written, and a missing Họ và tên', () => {
    expect(header(['STT', 'Tên nhân viên', 'Chức vụ', 'Số  điện thoại'])).toEqual({
      ok: false,
      problems: [
        { code: 'unknownHeaders', line: 1, headers: ['Tên nhân viên', 'Số điện thoại'] },
        { code: 'missingHeaders', line: 1, headers: ['Họ và tên'] },
      ],
    });
  });

  it('refuses a column named twice and data under no header, but not empty columns at the edge', () => {
    expect(header(['Họ và tên', 'Họ tên'])).toEqual({ ok: false, problems: [{ code: 'repeatedHeaders', line: 1, headers: ['Họ tên'] }] });
    expect(header(['Họ và tên', '', 'Chức vụ'], [0, 1, 3])).toEqual({ ok: false, problems: [{ code: 'unnamedColumns', line: 1, columns: [2, 4] }] });
    expect(header(['Họ và tên', '', ''], [0])).toMatchObject({ ok: true });
  });
});

describe('reading a roster', () => {
  it('reads people by header, in any column order, skipping empty rows, in NFC', () => {
    const decomposed = 'Nguyễn Văn A'.normalize('NFD');
    expect(csv(`\n;;\nBộ phận;STT;Họ và tên\nTư pháp;1;Đặng   Quốc Bảo\n;;\n;2;${decomposed}\n`)).toEqual({
      ok: true,
      encoding: 'utf-8',
      people: [
        { name: 'Đặng Quốc Bảo', position: '', department: 'Tư pháp' },
        { name: 'Nguyễn Văn A', position: '', department: '' },
      ],
      problems: [],
    });
  });

  it('refuses a file whose first row is not a header, instead of reading it by position', () => {
    expect(csv('Lý Gia Huy,Công chức,Địa chính\nĐỗ Thị Mai,Công chức,Văn phòng\n')).toEqual({
      ok: false,
      encoding: 'utf-8',
      problems: [
        { code: 'unknownHeaders', line: 1, headers: ['Lý Gia Huy', 'Công chức', 'Địa chính'] },
        { code: 'missingHeaders', line: 1, headers: ['Họ và tên'] },
      ],
    });
  });

  it('refuses a UTF-16 file without its byte-order mark, an empty file and a file too long', () => {
    expect(readRosterCsv(new Uint8Array(Buffer.from('Họ và tên\nA\n', 'utf16le')))).toEqual({ ok: false, problems: [{ code: 'notText' }] });
    expect(csv('\n , \n')).toEqual({ ok: false, encoding: 'utf-8', problems: [{ code: 'empty' }] });
    const long = `Họ và tên\n${Array.from({ length: MAX_ROSTER_PEOPLE + 1 }, (_, i) => `Người ${i}`).join('\n')}`;
    expect(csv(long)).toEqual({ ok: false, encoding: 'utf-8', problems: [{ code: 'tooManyRows', max: MAX_ROSTER_PEOPLE }] });
    expect(readRosterCsv(new Uint8Array(5 * 1024 * 1024 + 1))).toEqual({ ok: false, problems: [{ code: 'tooLarge', maxBytes: 5 * 1024 * 1024 }] });
  });

  it('reports rows without a name, too long or repeated, with their line numbers, and keeps the rest', () => {
    const result = csv(`Họ và tên,Chức vụ\nA,x\n\n,Công chức\na ,X\n${'B'.repeat(201)},y\nB,${'y'.repeat(200)}\n`);
    expect(result).toMatchObject({
      ok: true,
      people: [
        { name: 'A', position: 'x' },
        { name: 'B', position: 'y'.repeat(200) },
      ],
      problems: [
        { line: 4, code: 'noName' },
        { line: 5, code: 'duplicate' },
        { line: 6, code: 'tooLong' },
      ],
    });
  });

  it('tells names apart by their diacritics (Hùng and Hưng are two people)', () => {
    expect(csv('Họ và tên\nNguyễn Văn Hùng\nNguyễn Văn Hưng\n')).toMatchObject({ ok: true, problems: [], people: [{ name: 'Nguyễn Văn Hùng' }, { name: 'Nguyễn Văn Hưng' }] });
  });

  it('reads worksheet rows by the same rules', () => {
    expect(readRosterTable([{ line: 2, cells: ['Mã', 'Họ và tên'] }])).toEqual({ ok: false, problems: [{ code: 'unknownHeaders', line: 2, headers: ['Mã'] }] });
    expect(readRosterTable([{ line: 1, cells: ['', 'Họ và tên'] }, { line: 3, cells: ['', 'Lê Hoàng Yến'] }])).toEqual({ ok: true, people: [{ name: 'Lê Hoàng Yến', position: '', department: '' }], problems: [] });
  });

  it('adds only the people not on the list yet, and says how many were', () => {
    const existing = [{ name: 'Phạm Minh Khôi', position: 'Chủ tịch', department: '' }];
    const incoming = [{ name: 'phạm  minh khôi', position: 'Chủ tịch', department: '' }, { name: 'Phạm Minh Khôi', position: 'Phó Chủ tịch', department: '' }];
    expect(newPeople(existing, incoming)).toEqual({ added: [incoming[1]], alreadyListed: 1 });
  });
});

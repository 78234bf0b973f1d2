import { describe, expect, it } from 'vitest';
import { pdfDate, vnDate, vnDateTime, vnDateWords, vnTimeWords } from './vn-date';

describe('Vietnamese document dates', () => {
  it('reads the local time as recorded, in its own offset', () => {
    const at = '2026-11-23T07:05:00.120+07:00';
    expect(vnDateWords(at)).toBe('ngày 23 tháng 11 năm 2026');
    expect(vnTimeWords(at)).toBe('07 giờ 05 phút');
    expect(vnDate('2026-12-15')).toBe('15/12/2026');
    expect(vnDateTime(at)).toBe('07:05 23/11/2026');
  });
  it('writes PDF dates that do not depend on the machine time zone', () => {
    expect(pdfDate('2026-11-23T10:10:00.000+07:00')).toBe("D:20261123101000+07'00'");
    expect(pdfDate('2026-11-23T03:10:00Z')).toBe("D:20261123031000+00'00'");
    expect(pdfDate('2026-01-02T03:04:05-05:30')).toBe("D:20260102030405-05'30'");
    expect(() => pdfDate('yesterday')).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { asLocalIso } from '../time/local-iso';
import { pdfDate, vnDate, vnDateTime, vnDateTimeIn, vnDateWords, vnMonth, vnTime, vnTimeWords } from './vn-date';

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
  it('writes the UI and export forms: dd/mm/yyyy, 24-hour HH:mm, mm/yyyy', () => {
    const at = '2026-11-23T19:05:09.120+07:00';
    expect(vnTime(at)).toBe('19:05');
    expect(vnTime(at, { seconds: true })).toBe('19:05:09');
    expect(vnTime('07:30')).toBe('07:30');
    expect(vnMonth('2026-03')).toBe('03/2026');
    expect(vnDateTimeIn('vi', at)).toBe('19:05, 23/11/2026');
    expect(vnDateTimeIn('en', at)).toBe('23/11/2026 19:05');
    expect(() => vnDate('23/11/2026')).toThrow();
    expect(() => vnMonth('2026-3')).toThrow();
  });
  it('reads a UTC instant as the same instant at local time', () => {
    const local = asLocalIso('2026-12-04T05:04:00.000Z');
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/);
    expect(Date.parse(local)).toBe(Date.parse('2026-12-04T05:04:00.000Z'));
    expect(() => asLocalIso('yesterday')).toThrow();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateInputText, daysInMonth, unreadableValue, MAX_YEAR, MIN_YEAR, parseDateInput, parseDateTimeInput, parseDayInput, parseTimeInput } from './date-input';

const value = (r: ReturnType<typeof parseDayInput>) => (r.ok ? r.value : r.problem.key);

describe('typed dates (dd/mm/yyyy)', () => {
  it('reads the forgiving ways a day is typed', () => {
    for (const text of ['05/03/2026', '5/3/2026', ' 5/3/2026 ', '05032026', '5-3-2026', '5.3.2026', '5 3 2026', '05 / 03 / 2026', '2026-03-05', '2026-3-5']) {
      expect(value(parseDayInput(text)), text).toBe('2026-03-05');
    }
    expect(value(parseDayInput(''))).toBe('');
    expect(value(parseDayInput('   '))).toBe('');
  });

  it('knows 29 February in leap years only', () => {
    expect(value(parseDayInput('29/02/2024'))).toBe('2024-02-29');
    expect(value(parseDayInput('29/02/2000'))).toBe('2000-02-29');
    expect(parseDayInput('29/02/2026')).toEqual({ ok: false, problem: { key: 'err.date.noSuchDay', params: { day: '29', month: '02', year: '2026' } } });
    expect(value(parseDayInput('29/02/2100'))).toBe('err.date.noSuchDay');
    expect(value(parseDayInput('29/02/1900'))).toBe('err.date.noSuchDay');
  });

  it('refuses days that are not in the calendar, with the reason', () => {
    expect(parseDayInput('31/04/2026')).toEqual({ ok: false, problem: { key: 'err.date.noSuchDay', params: { day: '31', month: '04', year: '2026' } } });
    expect(value(parseDayInput('00/01/2026'))).toBe('err.date.noSuchDay');
    expect(value(parseDayInput('32/01/2026'))).toBe('err.date.noSuchDay');
    expect(value(parseDayInput('2026-02-30'))).toBe('err.date.noSuchDay');
    expect(value(parseDayInput('05/13/2026'))).toBe('err.date.month');
    expect(value(parseDayInput('05/00/2026'))).toBe('err.date.month');
    expect(parseDayInput('05/03/1899')).toEqual({ ok: false, problem: { key: 'err.date.year', params: { min: '1900', max: '2100' } } });
    expect(value(parseDayInput('05/03/2101'))).toBe('err.date.year');
  });

  it('refuses what is not a day: US order with two-digit years, words, partial input', () => {
    for (const text of ['5/3/26', '05/03', '2026', '5/3/20266', 'hôm nay', '0503202', '05-03-2026x', 'March 5, 2026']) {
      expect(value(parseDayInput(text)), text).toBe('err.date.format');
    }
  });

  it('reads back every day it shows, between its bounds', () => {
    const day = fc.integer({ min: MIN_YEAR, max: MAX_YEAR }).chain((y) => fc.integer({ min: 1, max: 12 }).chain((m) => fc.integer({ min: 1, max: daysInMonth(y, m) }).map((d) => ({ y, m, d }))));
    fc.assert(
      fc.property(day, ({ y, m, d }) => {
        const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const shown = dateInputText('date', iso);
        expect(shown).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
        expect(value(parseDayInput(shown))).toBe(iso);
        expect(value(parseDayInput(`${d}/${m}/${y}`))).toBe(iso);
        expect(value(parseDayInput(shown.replace(/\//g, '')))).toBe(iso);
      }),
    );
  });
});

describe('typed times (24-hour HH:mm)', () => {
  it('reads the forgiving ways a time is typed', () => {
    const cases: Record<string, string> = { '07:05': '07:05', '7:5': '07:05', '7:05': '07:05', '7h5': '07:05', '7H05': '07:05', '7g5': '07:05', '7 giờ 5 phút': '07:05', '7h05p': '07:05', '7.05': '07:05', '0705': '07:05', '705': '07:05', '7': '07:00', '7h': '07:00', '19:30': '19:30', '0': '00:00', '23:59': '23:59', '': '' };
    for (const [text, expected] of Object.entries(cases)) expect(value(parseTimeInput(text)), text).toBe(expected);
  });

  it('refuses 24:00, minute 60 and twelve-hour times', () => {
    expect(value(parseTimeInput('24:00'))).toBe('err.time.hour');
    expect(value(parseTimeInput('2400'))).toBe('err.time.hour');
    expect(value(parseTimeInput('25'))).toBe('err.time.hour');
    expect(value(parseTimeInput('07:60'))).toBe('err.time.minute');
    expect(value(parseTimeInput('7:05 PM'))).toBe('err.time.ampm');
    expect(value(parseTimeInput('7pm'))).toBe('err.time.ampm');
    expect(value(parseTimeInput('07:05 SA'))).toBe('err.time.ampm');
    expect(value(parseTimeInput('7:05:30'))).toBe('err.time.format');
    expect(value(parseTimeInput('sáng'))).toBe('err.time.format');
    expect(value(parseTimeInput('12345'))).toBe('err.time.format');
  });

  it('reads back every minute of the day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        const hhmm = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        expect(dateInputText('time', hhmm)).toBe(hhmm);
        expect(value(parseTimeInput(hhmm))).toBe(hhmm);
        expect(value(parseTimeInput(`${h}h${m}`))).toBe(hhmm);
        expect(value(parseTimeInput(hhmm.replace(':', '')))).toBe(hhmm);
      }),
    );
  });
});

describe('typed date and time', () => {
  it('reads day then time, time then day, and ISO', () => {
    for (const text of ['05/03/2026 07:05', '5/3/2026 7h5', '5/3/2026, 7:5', '05032026 0705', '07:05, 05/03/2026', '7h5 5/3/2026', '2026-03-05T07:05', '5/3/2026 7 giờ 5 phút']) {
      expect(value(parseDateTimeInput(text)), text).toBe('2026-03-05T07:05');
    }
    expect(dateInputText('datetime', '2026-03-05T07:05')).toBe('05/03/2026 07:05');
    expect(value(parseDateInput('datetime', dateInputText('datetime', '2026-03-05T07:05')))).toBe('2026-03-05T07:05');
  });

  it('says which part is wrong when one is', () => {
    expect(value(parseDateTimeInput('31/04/2026 07:05'))).toBe('err.date.noSuchDay');
    expect(value(parseDateTimeInput('05/03/2026 24:00'))).toBe('err.time.hour');
    expect(value(parseDateTimeInput('05/03/2026'))).toBe('err.datetime.format');
    expect(value(parseDateTimeInput('07:05'))).toBe('err.datetime.format');
    expect(value(parseDateTimeInput('05/03/2026 bảy giờ'))).toBe('err.datetime.format');
  });

  it('shows text it could not read as it was typed', () => {
    expect(dateInputText('date', '31/04/2026')).toBe('31/04/2026');
    expect(dateInputText('date', '')).toBe('');
    expect(dateInputText('datetime', '2026-03-05')).toBe('2026-03-05');
    expect(dateInputText('date', unreadableValue('2026-02-30'))).toBe('2026-02-30');
  });

  it('marks unreadable text so that no stored form is mistaken for it', () => {
    for (const text of ['2026-02-30', '0001-01-01', '24:00', '2026-02-30T07:05']) {
      const v = unreadableValue(text);
      expect(v).not.toMatch(/^\d/);
      expect(parseDayInput(v).ok || parseTimeInput(v).ok || parseDateTimeInput(v).ok).toBe(false);
    }
  });
});

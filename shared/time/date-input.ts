/**
 * Dates and times typed by hand, read the Vietnamese way (dd/mm/yyyy, 24-hour HH:mm) whatever the
 * machine's locale. Forgiving in how they are typed ("5/3/2026", "05032026", "7h5", "0705"), strict
 * in what they mean: a day not in the calendar, a month 13 or 24:00 is refused, with the reason.
 * Values come out as the stored forms: YYYY-MM-DD, HH:mm, YYYY-MM-DDTHH:mm ('' for an empty field).
 */

export type DateInputKind = 'date' | 'time' | 'datetime';

/** Why a text is not a date or time: a message key of the UI, with what fills its blanks. */
export interface DateInputProblem {
  key: 'err.date.format' | 'err.date.noSuchDay' | 'err.date.month' | 'err.date.year' | 'err.time.format' | 'err.time.ampm' | 'err.time.hour' | 'err.time.minute' | 'err.datetime.format';
  params?: Record<string, string>;
}

export type DateInputResult = { ok: true; value: string } | { ok: false; problem: DateInputProblem };

/** Years a date field accepts: wide enough for old legal bases, narrow enough to catch a slip. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

const pad = (n: number) => String(n).padStart(2, '0');
const ok = (value: string): DateInputResult => ({ ok: true, value });
const fail = (key: DateInputProblem['key'], params?: Record<string, string>): DateInputResult => ({ ok: false, problem: params ? { key, params } : { key } });

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function checkedDay(year: number, month: number, day: number): DateInputResult {
  if (year < MIN_YEAR || year > MAX_YEAR) return fail('err.date.year', { min: String(MIN_YEAR), max: String(MAX_YEAR) });
  if (month < 1 || month > 12) return fail('err.date.month');
  if (day < 1 || day > daysInMonth(year, month)) return fail('err.date.noSuchDay', { day: pad(day), month: pad(month), year: String(year) });
  return ok(`${year}-${pad(month)}-${pad(day)}`);
}

/** "5/3/2026", "05-03-2026", "5.3.2026", "05032026" and ISO "2026-03-05" all read as 2026-03-05. */
export function parseDayInput(text: string): DateInputResult {
  const s = text.trim();
  if (s === '') return ok('');
  const yearFirst = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$/.exec(s);
  if (yearFirst) return checkedDay(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
  const dayFirst = /^(\d{1,2})\s*[-/.\s]\s*(\d{1,2})\s*[-/.\s]\s*(\d{4})$/.exec(s) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (dayFirst) return checkedDay(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  return fail('err.date.format');
}

/** "7:05", "7:5", "7h5", "7 giờ 5 phút", "0705", "705" and "7" read as 07:00-style 24-hour times. */
export function parseTimeInput(text: string): DateInputResult {
  const s = text.trim().toLowerCase();
  if (s === '') return ok('');
  // AM/PM (and Vietnamese SA/CH) would make "7:05" mean two different times: 24-hour only.
  if (/(?:^|[\d\s.])(?:a\.?m\.?|p\.?m\.?|sa|ch)$/.test(s)) return fail('err.time.ampm');
  const m = /^(\d{1,2})\s*(?::|h|g|giờ|\.)\s*(\d{1,2})?\s*(?:p|ph|phút|')?$/.exec(s) ?? /^(\d{1,2})()$/.exec(s) ?? /^(\d{1,2})(\d{2})$/.exec(s);
  if (!m) return fail('err.time.format');
  const hour = Number(m[1]);
  const minute = m[2] ? Number(m[2]) : 0;
  if (hour > 23) return fail('err.time.hour');
  if (minute > 59) return fail('err.time.minute');
  return ok(`${pad(hour)}:${pad(minute)}`);
}

/**
 * A day and a time of day: "05/03/2026 07:05", "5/3/2026, 7h5", the other way round as the UI
 * shows it in Vietnamese ("07:05, 05/03/2026"), or ISO "2026-03-05T07:05".
 */
export function parseDateTimeInput(text: string): DateInputResult {
  const s = text.trim();
  if (s === '') return ok('');
  const split = /^(\d{4}-\d{1,2}-\d{1,2})t(.+)$/i.exec(s) ?? /^([^\s,]+)[\s,]+(.+)$/.exec(s);
  if (!split) return fail('err.datetime.format');
  const [a, b] = [split[1]!, split[2]!];
  const day = parseDayInput(a);
  const time = parseTimeInput(b);
  if (day.ok && time.ok) return ok(`${day.value}T${time.value}`);
  const timeFirst = parseTimeInput(a);
  const dayLast = parseDayInput(b);
  if (timeFirst.ok && dayLast.ok) return ok(`${dayLast.value}T${timeFirst.value}`);
  // A part that is there but wrong (31/04, 24:00) says what is wrong with it rather than the shape.
  for (const r of [day, time, dayLast, timeFirst]) if (!r.ok && r.problem.key !== 'err.date.format' && r.problem.key !== 'err.time.format') return r;
  return fail('err.datetime.format');
}

export function parseDateInput(kind: DateInputKind, text: string): DateInputResult {
  return kind === 'date' ? parseDayInput(text) : kind === 'time' ? parseTimeInput(text) : parseDateTimeInput(text);
}

/** Marks a field value that is text which could not be read (see `unreadableValue`). */
const UNREADABLE = '\u2047';

/**
 * A field's value while its text cannot be read: the text behind a mark that no date or time
 * schema accepts (typed "2026-02-30" must not pass a YYYY-MM-DD pattern), so the form refuses it.
 */
export function unreadableValue(text: string): string {
  return `${UNREADABLE}${text}`;
}

/**
 * What a field shows for a stored value: dd/mm/yyyy, HH:mm or "dd/mm/yyyy HH:mm". A value that is
 * not in the stored form (text that could not be read) is shown as it was typed.
 */
export function dateInputText(kind: DateInputKind, value: string): string {
  if (value.startsWith(UNREADABLE)) return value.slice(UNREADABLE.length);
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (kind === 'date' && day && value.length === 10) return `${day[3]}/${day[2]}/${day[1]}`;
  if (kind === 'datetime' && day && /^T\d{2}:\d{2}$/.test(value.slice(10))) return `${day[3]}/${day[2]}/${day[1]} ${value.slice(11)}`;
  return value;
}

/** The pattern a field of this kind is typed in, for its placeholder and hint. */
export function dateInputPattern(kind: DateInputKind): string {
  return kind === 'date' ? 'dd/mm/yyyy' : kind === 'time' ? 'HH:mm' : 'dd/mm/yyyy HH:mm';
}

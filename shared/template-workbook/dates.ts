import { isoDateTimeSchema } from '../schemas/common';
import type { CellValue } from './cells';

/**
 * Dates in the workbook are real date cells shown dd/mm/yyyy; typed text dd/mm/yyyy (or ISO) is
 * read too. The template's publication instant is Vietnam time (+07:00), as the built-ins write it.
 */
const pad = (n: number) => String(n).padStart(2, '0');

function validDay(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2999 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** A date cell to the nearest minute: Excel keeps times as fractions of a day, which may land a hair before midnight. */
const toMinute = (d: Date) => new Date(Math.round(d.getTime() / 60_000) * 60_000);
const dayOfDate = (d: Date) => validDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());

/** YYYY-MM-DD from a date cell or typed text, null when empty, 'bad' when not a date. */
export function readDay(cell: CellValue, text: string): string | null | 'bad' {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? 'bad' : (dayOfDate(toMinute(cell)) ?? 'bad');
  if (text === '') return null;
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (vn) return validDay(Number(vn[3]), Number(vn[2]), Number(vn[1])) ?? 'bad';
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return validDay(Number(iso[1]), Number(iso[2]), Number(iso[3])) ?? 'bad';
  return 'bad';
}

/** An ISO instant from a date(-time) cell (Vietnam time), typed dd/mm/yyyy [HH:mm], or ISO text kept as written. */
export function readInstant(cell: CellValue, text: string): string | null | 'bad' {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return 'bad';
    const at = toMinute(cell);
    const day = dayOfDate(at);
    return day === null ? 'bad' : `${day}T${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:00+07:00`;
  }
  if (text === '') return null;
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(text);
  if (vn) {
    const day = validDay(Number(vn[3]), Number(vn[2]), Number(vn[1]));
    const [h, m] = [Number(vn[4] ?? 0), Number(vn[5] ?? 0)];
    if (day === null || h > 23 || m > 59) return 'bad';
    return `${day}T${pad(h)}:${pad(m)}:00+07:00`;
  }
  return isoDateTimeSchema.safeParse(text).success ? text : 'bad';
}

/** A day as a date cell's value (its UTC fields are the day). */
export function dayCell(day: string | null): Date | null {
  if (day === null) return null;
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

/** An instant as a date cell when it is a whole minute of Vietnam time, else as its ISO text. */
export function instantCell(iso: string): Date | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):00\+07:00$/.exec(iso);
  if (!m) return iso;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])));
}

/** dd/mm/yyyy (and HH:mm when not midnight), as text: how a date reads in a message. */
export function shownDate(d: Date): string {
  const day = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  return d.getUTCHours() === 0 && d.getUTCMinutes() === 0 ? day : `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

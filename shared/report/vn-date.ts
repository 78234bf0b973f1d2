/**
 * Dates and times as Vietnamese administrative documents write them (dd/mm/yyyy, 24-hour HH:mm),
 * read from the local ISO string as recorded (its own offset), never converted to the machine's
 * zone and never through the machine's locale. The one place the app, the PDFs and the exports
 * format dates; an instant from elsewhere (the hub's UTC times) goes through `asLocalIso` first.
 */
function parts(iso: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(iso);
  if (!m) throw new Error(`Not an ISO date: ${iso}`);
  return { year: m[1]!, month: m[2]!, day: m[3]!, hour: m[4] ?? '00', minute: m[5] ?? '00', second: m[6] ?? '00' };
}

/**
 * "ngày 23 tháng 11 năm 2026", "ngày 05 tháng 3 năm 2020": Decree 30/2020 writes a zero before a
 * day below 10 and before months 1 and 2 only.
 */
export function vnDateWords(iso: string): string {
  const p = parts(iso);
  const month = Number(p.month) <= 2 ? p.month : String(Number(p.month));
  return `ngày ${p.day} tháng ${month} năm ${p.year}`;
}

/** "07 giờ 35 phút" */
export function vnTimeWords(iso: string): string {
  const p = parts(iso);
  return `${p.hour} giờ ${p.minute} phút`;
}

/** "23/11/2026" */
export function vnDate(iso: string): string {
  const p = parts(iso);
  return `${p.day}/${p.month}/${p.year}`;
}

/** "07:35" (or "07:35:05") of an ISO date-time as written; a stored time of day ("07:35") as it is. */
export function vnTime(iso: string, options: { seconds?: boolean } = {}): string {
  if (/^\d{2}:\d{2}$/.test(iso)) return iso;
  const p = parts(iso);
  return options.seconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
}

/** "11/2026" from "2026-11". */
export function vnMonth(yearMonth: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(yearMonth);
  if (!m) throw new Error(`Not an ISO month: ${yearMonth}`);
  return `${m[2]}/${m[1]}`;
}

/** "07:35 23/11/2026" */
export function vnDateTime(iso: string): string {
  const p = parts(iso);
  return `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}`;
}

/** The UI's date and time: "07:35, 23/11/2026" in Vietnamese, "23/11/2026 07:35" in English. */
export function vnDateTimeIn(language: 'vi' | 'en', iso: string): string {
  return language === 'vi' ? `${vnTime(iso)}, ${vnDate(iso)}` : `${vnDate(iso)} ${vnTime(iso)}`;
}

/**
 * A PDF date ("D:20261123101000+07'00'") from a local ISO string, keeping its own offset: the file
 * comes out the same whatever time zone the machine that renders it is in.
 */
export function pdfDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$/.exec(iso);
  if (!m) throw new Error(`Not an ISO date-time: ${iso}`);
  const offset = m[7] === 'Z' ? "+00'00'" : `${m[8]}${m[9]}'${m[10]}'`;
  return `D:${m[1]}${m[2]}${m[3]}${m[4]}${m[5]}${m[6]}${offset}`;
}

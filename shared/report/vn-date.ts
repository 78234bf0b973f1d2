/**
 * Dates and times as Vietnamese administrative documents write them, read from the local ISO
 * string as recorded (its own offset), never converted to the machine's zone.
 */
function parts(iso: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso);
  if (!m) throw new Error(`Not an ISO date: ${iso}`);
  return { year: m[1]!, month: m[2]!, day: m[3]!, hour: m[4] ?? '00', minute: m[5] ?? '00' };
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

/** "07:35 23/11/2026" */
export function vnDateTime(iso: string): string {
  const p = parts(iso);
  return `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}`;
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

const two = (n: number) => String(n).padStart(2, '0');

/**
 * An instant from the hub as dd/mm/yyyy HH:mm (or HH:mm:ss) on this browser's clock, written
 * the Vietnamese way in both languages and whatever the browser's locale.
 */
export function formatInstant(instant: string | null, options: { seconds?: boolean } = {}): string {
  if (!instant) return '—';
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  const time = `${two(d.getHours())}:${two(d.getMinutes())}${options.seconds ? `:${two(d.getSeconds())}` : ''}`;
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${time}`;
}

/** A calendar day (YYYY-MM-DD) as dd/mm/yyyy. */
export function formatDay(day: string | null): string {
  if (!day) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}

export function formatCount(n: number, locale: string): string {
  return n.toLocaleString(locale);
}

/**
 * An ISO 8601 instant with the device's own UTC offset ("2026-11-23T07:31:05.120+07:00").
 * Records keep local time with its offset, as the paper record states the local hour.
 */
export function toLocalIso(date: Date): string {
  const offsetMin = -date.getTimezoneOffset();
  const local = new Date(date.getTime() + offsetMin * 60_000);
  const sign = offsetMin >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local.toISOString().slice(0, -1)}${sign}${hh}:${mm}`;
}

/** The calendar day (YYYY-MM-DD) of an ISO instant as written, in its own offset. */
export function isoDay(iso: string): string {
  return iso.slice(0, 10);
}

/**
 * An instant written in another offset (the hub's and the sync engine's UTC "…Z" times, a
 * certificate's validity) as this device's local time, to be shown as the user's clock reads it.
 */
export function asLocalIso(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new Error(`Not an ISO instant: ${instant}`);
  return toLocalIso(date);
}

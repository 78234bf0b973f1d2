import { vnDateTimeIn } from '@shared/report/vn-date';
import { asLocalIso } from '@shared/time/local-iso';

/** "08:05, 23/11/2026" (English: "23/11/2026 08:05") in the record's own offset, as written on site. */
export function formatLocalDateTime(iso: string, locale: string): string {
  return vnDateTimeIn(locale.startsWith('vi') ? 'vi' : 'en', iso);
}

/** An instant from the hub or the sync engine (UTC) at this device's local time, formatted as above. */
export function formatInstant(instant: string, locale: string): string {
  return formatLocalDateTime(asLocalIso(instant), locale);
}

export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i += 1;
  }
  return `${value.toLocaleString(locale, { maximumFractionDigits: i === 0 ? 0 : 1 })} ${units[i]}`;
}

import { asLocalIso } from '@shared/time/local-iso';

/** "23/11/2026 08:05:03" at this device's local time, whatever the browser's locale: a time-stamp to the second. */
export function instantToSecond(instant: string): string {
  const local = asLocalIso(instant);
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 19)}`;
}

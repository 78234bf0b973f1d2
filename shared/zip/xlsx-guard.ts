import { openBoundedZip, type ZipProblem } from './bounded-unzip';

/** What a spreadsheet of units or staff may hold once inflated: far more than any real list. */
const XLSX_LIMITS = { maxEntries: 2000, maxEntryBytes: 64 * 1024 * 1024, maxTotalBytes: 128 * 1024 * 1024, maxRatio: 200 };

/**
 * An .xlsx is a zip: checked, and every part inflated once under the limits, before the spreadsheet
 * library (which trusts the zip and inflates everything at once) is given the bytes. `onEntry`
 * sees each part as inflated, for a caller that looks inside (a worksheet's ranges).
 */
export function checkXlsxZip(bytes: Uint8Array, onEntry?: (name: string, bytes: Uint8Array) => void): { ok: true } | { ok: false; problem: ZipProblem } {
  const opened = openBoundedZip(bytes, XLSX_LIMITS);
  if (!opened.ok) return opened;
  for (const entry of opened.entries) {
    const read = entry.read();
    if (!read.ok) return read;
    onEntry?.(entry.name, read.bytes);
  }
  return { ok: true };
}

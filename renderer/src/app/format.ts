/** "08:05, 23/11/2026" in the record's own offset, as written on site. */
export function formatLocalDateTime(iso: string, locale: string): string {
  const [date, rest] = iso.split('T');
  const [y, m, d] = date!.split('-');
  const hm = rest!.slice(0, 5);
  return locale.startsWith('vi') ? `${hm}, ${d}/${m}/${y}` : `${d}/${m}/${y} ${hm}`;
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

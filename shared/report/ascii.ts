/**
 * Signature dictionaries (reason, location, name) are read by tools that mangle anything but
 * ASCII, so Vietnamese is written there without diacritics: "Nguyễn Thị Ánh" → "Nguyen Thi Anh".
 */
export function toAscii(text: string, maxLength = 200): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/[()\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, maxLength);
}

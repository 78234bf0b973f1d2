/**
 * The time a JPEG photo was taken, from its EXIF DateTimeOriginal (and OffsetTimeOriginal when the
 * camera wrote one). Reads only the APP1 segment; returns null for anything it cannot read.
 */
export interface ExifTime {
  /** "YYYY-MM-DDTHH:mm:ss" as the camera's clock showed it. */
  local: string;
  /** "+07:00" when the camera recorded its offset. */
  offset: string | null;
}

const DATE_TIME_ORIGINAL = 0x9003;
const OFFSET_TIME_ORIGINAL = 0x9011;
const EXIF_IFD_POINTER = 0x8769;

export function readExifTime(bytes: Uint8Array): ExifTime | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return null;
    const marker = bytes[pos + 1]!;
    if (marker === 0xda || marker === 0xd9) return null; // image data starts: no EXIF before it
    const length = (bytes[pos + 2]! << 8) | bytes[pos + 3]!;
    if (length < 2) return null;
    if (marker === 0xe1 && ascii(bytes, pos + 4, 6) === 'Exif\0\0') {
      return readTiff(bytes.subarray(pos + 10, Math.min(bytes.length, pos + 2 + length)));
    }
    pos += 2 + length;
  }
  return null;
}

function readTiff(tiff: Uint8Array): ExifTime | null {
  if (tiff.length < 8) return null;
  const order = ascii(tiff, 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const little = order === 'II';
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const u16 = (o: number) => (o + 2 <= tiff.length ? view.getUint16(o, little) : -1);
  const u32 = (o: number) => (o + 4 <= tiff.length ? view.getUint32(o, little) : -1);
  const entries = (ifd: number): Map<number, { type: number; count: number; valueOffset: number }> => {
    const out = new Map<number, { type: number; count: number; valueOffset: number }>();
    const n = u16(ifd);
    if (n < 0 || n > 1000) return out;
    for (let i = 0; i < n; i++) {
      const e = ifd + 2 + i * 12;
      if (e + 12 > tiff.length) break;
      out.set(u16(e), { type: u16(e + 2), count: u32(e + 4), valueOffset: e + 8 });
    }
    return out;
  };
  const text = (entry: { type: number; count: number; valueOffset: number } | undefined): string | null => {
    if (!entry || entry.type !== 2 || entry.count < 1 || entry.count > 64) return null;
    const start = entry.count <= 4 ? entry.valueOffset : u32(entry.valueOffset);
    if (start < 0 || start + entry.count > tiff.length) return null;
    return ascii(tiff, start, entry.count).replace(/\0+$/, '');
  };
  const ifd0 = entries(u32(4));
  const exifPointer = ifd0.get(EXIF_IFD_POINTER);
  if (!exifPointer) return null;
  const exif = entries(u32(exifPointer.valueOffset));
  const dto = text(exif.get(DATE_TIME_ORIGINAL));
  const match = dto ? /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(dto) : null;
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const offset = text(exif.get(OFFSET_TIME_ORIGINAL));
  return { local: `${y}-${mo}-${d}T${h}:${mi}:${s}`, offset: offset && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : null };
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  let out = '';
  for (let i = start; i < start + length && i < bytes.length; i++) out += String.fromCharCode(bytes[i]!);
  return out;
}

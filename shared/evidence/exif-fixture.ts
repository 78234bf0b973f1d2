/** Test helper. */
/** A minimal JPEG with an EXIF APP1 segment (little- or big-endian TIFF). */
export function jpegWithExif(dateTime: string, offset?: string, little = true): Uint8Array {
  const entries: Array<[number, number, number, Uint8Array]> = [[0x9003, 2, dateTime.length + 1, new TextEncoder().encode(`${dateTime}\0`)]];
  if (offset) entries.push([0x9011, 2, offset.length + 1, new TextEncoder().encode(`${offset}\0`)]);
  const ifd0At = 8;
  const exifAt = ifd0At + 2 + 12 + 4;
  let dataAt = exifAt + 2 + entries.length * 12 + 4;
  const tiff = new Uint8Array(dataAt + entries.reduce((n, e) => n + e[3].length, 0));
  const v = new DataView(tiff.buffer);
  tiff.set(new TextEncoder().encode(little ? 'II' : 'MM'), 0);
  v.setUint16(2, 42, little);
  v.setUint32(4, ifd0At, little);
  v.setUint16(ifd0At, 1, little);
  v.setUint16(ifd0At + 2, 0x8769, little);
  v.setUint16(ifd0At + 4, 4, little);
  v.setUint32(ifd0At + 6, 1, little);
  v.setUint32(ifd0At + 10, exifAt, little);
  v.setUint16(exifAt, entries.length, little);
  entries.forEach(([tag, type, count, data], i) => {
    const e = exifAt + 2 + i * 12;
    v.setUint16(e, tag, little);
    v.setUint16(e + 2, type, little);
    v.setUint32(e + 4, count, little);
    v.setUint32(e + 8, dataAt, little);
    tiff.set(data, dataAt);
    dataAt += data.length;
  });
  const app1Length = 2 + 6 + tiff.length;
  const out = new Uint8Array(2 + 2 + app1Length + 2);
  out.set([0xff, 0xd8, 0xff, 0xe1, app1Length >> 8, app1Length & 0xff], 0);
  out.set(new TextEncoder().encode('Exif\0\0'), 6);
  out.set(tiff, 12);
  out.set([0xff, 0xd9], out.length - 2);
  return out;
}

/**
 * The sfnt container of a TrueType font: the table directory, table checksums and the whole-font
 * checksum in head. Big-endian throughout, as the OpenType specification has it.
 */

/** A font the subsetter cannot read: not TrueType outlines, or its tables do not add up. */
export class FontFormatError extends Error {
  override name = 'FontFormatError';
}

export function dataView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const TRUETYPE_VERSION = 0x00010000;
/** 'true': the Apple tag for TrueType outlines. */
const APPLE_TRUETYPE_VERSION = 0x74727565;
/** The whole font sums to this once head.checkSumAdjustment is filled in. */
const CHECKSUM_MAGIC = 0xb1b0afba;
const HEAD_CHECKSUM_ADJUSTMENT = 8;

/** The tables of a font by tag ("glyf", "OS/2", "cvt "), each a view on the font's bytes. */
export type SfntTables = ReadonlyMap<string, Uint8Array>;

function tagAt(view: DataView, offset: number): string {
  let tag = '';
  for (let i = 0; i < 4; i++) tag += String.fromCharCode(view.getUint8(offset + i));
  return tag;
}

export function readSfnt(bytes: Uint8Array): SfntTables {
  if (bytes.length < 12) throw new FontFormatError(`A font file has at least 12 bytes; this one has ${bytes.length}`);
  const view = dataView(bytes);
  const version = view.getUint32(0);
  if (version !== TRUETYPE_VERSION && version !== APPLE_TRUETYPE_VERSION) {
    throw new FontFormatError(`Not a TrueType font (sfnt version 0x${version.toString(16).padStart(8, '0')})`);
  }
  const count = view.getUint16(4);
  if (12 + 16 * count > bytes.length) throw new FontFormatError(`The table directory of ${count} tables runs past the end of the file`);
  const tables = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++) {
    const entry = 12 + 16 * i;
    const tag = tagAt(view, entry);
    const offset = view.getUint32(entry + 8);
    const length = view.getUint32(entry + 12);
    if (offset + length > bytes.length) throw new FontFormatError(`Table ${tag} (${length} bytes at ${offset}) runs past the end of the file`);
    tables.set(tag, bytes.subarray(offset, offset + length));
  }
  return tables;
}

export function requiredTable(tables: SfntTables, tag: string, minLength: number): Uint8Array {
  const table = tables.get(tag);
  if (!table) throw new FontFormatError(`The font has no ${tag} table`);
  if (table.length < minLength) throw new FontFormatError(`The ${tag} table has ${table.length} bytes, fewer than ${minLength}`);
  return table;
}

/** The sum of the data as big-endian 32-bit words, the last one padded with zeros. */
export function tableChecksum(data: Uint8Array): number {
  const view = dataView(data);
  const whole = data.length & ~3;
  let sum = 0;
  for (let i = 0; i < whole; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  if (whole < data.length) {
    let last = 0;
    for (let i = whole; i < data.length; i++) last = (last | (data[i]! << (24 - 8 * (i - whole)))) >>> 0;
    sum = (sum + last) >>> 0;
  }
  return sum;
}

const padded = (length: number) => (length + 3) & ~3;

/**
 * A TrueType file holding the tables, in tag order, each on a 4-byte boundary, with every
 * checksum and head.checkSumAdjustment filled in. The head table given is not changed.
 */
export function writeSfnt(tables: SfntTables): Uint8Array {
  const tags = [...tables.keys()].sort();
  const head = tables.get('head');
  if (!head || head.length < 12) throw new FontFormatError('A font needs a head table');
  const count = tags.length;
  const log2 = Math.floor(Math.log2(count));
  const searchRange = 16 * 2 ** log2;
  let offset = 12 + 16 * count;
  const size = tags.reduce((n, tag) => n + padded(tables.get(tag)!.length), offset);
  const out = new Uint8Array(size);
  const view = dataView(out);
  view.setUint32(0, TRUETYPE_VERSION);
  view.setUint16(4, count);
  view.setUint16(6, searchRange);
  view.setUint16(8, log2);
  view.setUint16(10, 16 * count - searchRange);
  let headOffset = 0;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const entry = 12 + 16 * i;
    for (let c = 0; c < 4; c++) view.setUint8(entry + c, tag.charCodeAt(c));
    out.set(data, offset);
    // head's own checksum is taken with checkSumAdjustment at zero.
    if (tag === 'head') {
      headOffset = offset;
      view.setUint32(offset + HEAD_CHECKSUM_ADJUSTMENT, 0);
    }
    view.setUint32(entry + 4, tableChecksum(out.subarray(offset, offset + data.length)));
    view.setUint32(entry + 8, offset);
    view.setUint32(entry + 12, data.length);
    offset += padded(data.length);
  });
  view.setUint32(headOffset + HEAD_CHECKSUM_ADJUSTMENT, (CHECKSUM_MAGIC - tableChecksum(out)) >>> 0);
  return out;
}

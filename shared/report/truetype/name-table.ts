import { dataView, FontFormatError } from './sfnt';

const WINDOWS = 3;
const WINDOWS_UNICODE_BMP = 1;
const ENGLISH_US = 0x409;
const MACINTOSH = 1;
const POSTSCRIPT_NAME = 6;

/**
 * What a subset keeps of the name table: copyright (0), family (1), style (2), full name (4),
 * PostScript name (6) and the licence with its address (13, 14), which the OFL asks to travel
 * with the font.
 */
const KEPT_NAME_IDS = new Set([0, 1, 2, 4, 6, 13, 14]);

interface NameRecord {
  platform: number;
  encoding: number;
  language: number;
  nameId: number;
  bytes: Uint8Array;
}

function readRecords(name: Uint8Array): NameRecord[] {
  const view = dataView(name);
  const count = view.getUint16(2);
  const storage = view.getUint16(4);
  const records: NameRecord[] = [];
  for (let i = 0; i < count; i++) {
    const at = 6 + 12 * i;
    const length = view.getUint16(at + 8);
    const offset = storage + view.getUint16(at + 10);
    if (offset + length > name.length) throw new FontFormatError(`Name record ${i} runs past the end of the name table`);
    records.push({ platform: view.getUint16(at), encoding: view.getUint16(at + 2), language: view.getUint16(at + 4), nameId: view.getUint16(at + 6), bytes: name.subarray(offset, offset + length) });
  }
  return records;
}

function utf16be(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) text += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
  return text;
}

/** The font's PostScript name (name ID 6), e.g. "LiberationSerif-Bold". */
export function readPostScriptName(name: Uint8Array): string {
  const records = readRecords(name).filter((r) => r.nameId === POSTSCRIPT_NAME);
  const windows = records.find((r) => r.platform === WINDOWS && r.encoding === WINDOWS_UNICODE_BMP);
  const mac = records.find((r) => r.platform === MACINTOSH && r.encoding === 0);
  const text = windows ? utf16be(windows.bytes) : mac ? String.fromCharCode(...mac.bytes) : '';
  // PostScript names are printable ASCII without PDF/PostScript delimiters (OpenType name ID 6).
  if (!/^[\x21-\x7e]{1,63}$/.test(text) || /[[\](){}<>/%]/.test(text)) throw new FontFormatError(`The font has no usable PostScript name (got "${text}")`);
  return text;
}

/** The Windows US-English records of the kept names, in the order the specification sorts them. */
export function writeMinimalName(name: Uint8Array): Uint8Array {
  const kept = readRecords(name)
    .filter((r) => r.platform === WINDOWS && r.encoding === WINDOWS_UNICODE_BMP && r.language === ENGLISH_US && KEPT_NAME_IDS.has(r.nameId))
    .sort((a, b) => a.nameId - b.nameId);
  const storage = 6 + 12 * kept.length;
  const out = new Uint8Array(kept.reduce((n, r) => n + r.bytes.length, storage));
  const view = dataView(out);
  view.setUint16(2, kept.length);
  view.setUint16(4, storage);
  let offset = 0;
  kept.forEach((r, i) => {
    const at = 6 + 12 * i;
    view.setUint16(at, r.platform);
    view.setUint16(at + 2, r.encoding);
    view.setUint16(at + 4, r.language);
    view.setUint16(at + 6, r.nameId);
    view.setUint16(at + 8, r.bytes.length);
    view.setUint16(at + 10, offset);
    out.set(r.bytes, storage + offset);
    offset += r.bytes.length;
  });
  return out;
}

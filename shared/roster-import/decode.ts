/**
 * Bytes of a text file to NFC text, the same in the browser and in Node. Spreadsheets save CSV
 * as UTF-8 (with or without a byte-order mark), as UTF-16 with a mark ("Unicode text"), or in
 * the Windows code page, 1258 on Vietnamese Windows. Nothing else is guessed: a file with NUL
 * bytes and no mark (a binary file, or UTF-16 without its mark) is refused rather than read as
 * garbage.
 */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1258';

export type DecodeProblem = { code: 'notText' } | { code: 'badUtf16' };

export type DecodeResult = { ok: true; text: string; encoding: TextEncodingName } | { ok: false; problem: DecodeProblem };

export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = utf8(bytes.subarray(3));
    return text === null ? { ok: false, problem: { code: 'notText' } } : done(text, 'utf-8-bom');
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes.subarray(2), true);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes.subarray(2), false);
  if (bytes.includes(0)) return { ok: false, problem: { code: 'notText' } };
  const text = utf8(bytes);
  return text === null ? done(windows1258(bytes), 'windows-1258') : done(text, 'utf-8');
}

function done(text: string, encoding: TextEncodingName): DecodeResult {
  // Windows-1258 writes most tone marks as combining characters; the record keeps one form.
  return { ok: true, text: text.normalize('NFC'), encoding };
}

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function utf16(bytes: Uint8Array, littleEndian: boolean): DecodeResult {
  if (bytes.length % 2 !== 0) return { ok: false, problem: { code: 'badUtf16' } };
  const units = new Uint16Array(bytes.length / 2);
  for (let i = 0; i < units.length; i++) {
    const a = bytes[2 * i]!;
    const b = bytes[2 * i + 1]!;
    units[i] = littleEndian ? a | (b << 8) : (a << 8) | b;
  }
  // A lone surrogate is not text: refused, as strict UTF-8 refuses a broken sequence.
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = units[i + 1];
      if (next === undefined || next < 0xdc00 || next > 0xdfff) return { ok: false, problem: { code: 'badUtf16' } };
      i++;
    } else if (u >= 0xdc00 && u <= 0xdfff) return { ok: false, problem: { code: 'badUtf16' } };
    else if (u === 0) return { ok: false, problem: { code: 'notText' } };
  }
  let text = '';
  const CHUNK = 8192;
  for (let i = 0; i < units.length; i += CHUNK) text += String.fromCharCode(...units.subarray(i, i + CHUNK));
  return done(text, littleEndian ? 'utf-16le' : 'utf-16be');
}

/** Where Windows-1258 differs from Latin-1 (the WHATWG table; unlisted bytes are their own code point). */
const WINDOWS_1258: Readonly<Record<number, number>> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6,
  0x89: 0x2030, 0x8b: 0x2039, 0x8c: 0x0152, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022,
  0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9b: 0x203a, 0x9c: 0x0153, 0x9f: 0x0178, 0xc3: 0x0102,
  0xcc: 0x0300, 0xd0: 0x0110, 0xd2: 0x0309, 0xd5: 0x01a0, 0xdd: 0x01af, 0xde: 0x0303, 0xe3: 0x0103, 0xec: 0x0301,
  0xf0: 0x0111, 0xf2: 0x0323, 0xf5: 0x01a1, 0xfd: 0x01b0, 0xfe: 0x20ab,
};

/** Kept as our own table: not every JavaScript runtime's TextDecoder knows windows-1258. */
export function windows1258(bytes: Uint8Array): string {
  const codes = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) codes[i] = WINDOWS_1258[bytes[i]!] ?? bytes[i]!;
  let text = '';
  const CHUNK = 8192;
  for (let i = 0; i < codes.length; i += CHUNK) text += String.fromCharCode(...codes.subarray(i, i + CHUNK));
  return text;
}

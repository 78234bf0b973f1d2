import { content, children, DerError, expectTag, type DerNode } from './der-read';

export const TAG = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  enumerated: 0x0a,
  utf8String: 0x0c,
  sequence: 0x30,
  set: 0x31,
  utcTime: 0x17,
  generalizedTime: 0x18,
  boolean: 0x01,
} as const;

/** Context-specific tag n: constructed ([n] EXPLICIT, or IMPLICIT over a constructed type) or primitive. */
export const ctx = (n: number, constructed = true): number => (constructed ? 0xa0 : 0x80) | n;

export function readOid(node: DerNode | undefined): string {
  const bytes = content(expectTag(node, TAG.oid, 'an object identifier'));
  if (bytes.length === 0 || bytes.length > 64) throw new DerError('bad object identifier');
  const parts: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 256) throw new DerError('object identifier arc too large');
    if (!(byte & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  if (bytes[bytes.length - 1]! & 0x80) throw new DerError('truncated object identifier');
  const first = parts.shift()!;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...parts].join('.');
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** An INTEGER as lower-case hex without leading zero octets (certificate serials are compared this way). */
export function readIntegerHex(node: DerNode | undefined): string {
  const bytes = content(expectTag(node, TAG.integer, 'an integer'));
  if (bytes.length === 0) throw new DerError('empty integer');
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  return toHex(bytes.subarray(start));
}

export function readSmallInteger(node: DerNode | undefined, tag: number = TAG.integer): number {
  const bytes = content(expectTag(node, tag, 'a small integer'));
  if (bytes.length === 0 || bytes.length > 4) throw new DerError('integer out of range');
  let value = 0;
  for (const byte of bytes) value = value * 256 + byte;
  return value;
}

export function readTime(node: DerNode | undefined): Date {
  if (!node || (node.tag !== TAG.utcTime && node.tag !== TAG.generalizedTime)) throw new DerError('expected a time');
  const text = new TextDecoder('latin1').decode(content(node));
  const match = node.tag === TAG.utcTime
    ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text)
    : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,6}))?Z$/.exec(text);
  if (!match) throw new DerError('time not in UTC form');
  let year = Number(match[1]);
  if (node.tag === TAG.utcTime) year += year < 50 ? 2000 : 1900;
  const millis = node.tag === TAG.generalizedTime && match[7] ? Math.floor(Number(`0.${match[7]}`) * 1000) : 0;
  const date = new Date(Date.UTC(year, Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6] ?? 0), millis));
  if (Number.isNaN(date.getTime())) throw new DerError('bad time');
  return date;
}

/** OCTET STRING contents (or an IMPLICIT-tagged one: pass its tag), a BER constructed one's chunks joined. */
export function readOctets(node: DerNode | undefined, tag: number = TAG.octetString): Uint8Array {
  if (!node || (node.tag & ~0x20) !== (tag & ~0x20)) throw new DerError('expected an octet string');
  if (!node.constructed) return content(node);
  const parts = children(node).map((part) => readOctets(part));
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** BIT STRING contents without the unused-bits octet; `unused` is kept for named-bit lists. */
export function readBitString(node: DerNode | undefined): { bytes: Uint8Array; unused: number } {
  const bytes = content(expectTag(node, TAG.bitString, 'a bit string'));
  if (bytes.length === 0 || bytes[0]! > 7) throw new DerError('bad bit string');
  return { bytes: bytes.subarray(1), unused: bytes[0]! };
}

/** The text of a directory string (UTF8, Printable, IA5, T61 as Latin-1, BMP). */
export function readText(node: DerNode): string {
  const bytes = content(node);
  switch (node.tag) {
    case 0x1e: {
      let out = '';
      for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
      return out;
    }
    case 0x14:
      return new TextDecoder('latin1').decode(bytes);
    default:
      return new TextDecoder('utf-8').decode(bytes);
  }
}

/**
 * A small, strict-enough ASN.1 reader over the original bytes: every node keeps its offsets, so a
 * signed part (tbsCertificate, signed attributes, TSTInfo) is hashed exactly as it was received,
 * never re-encoded. BER indefinite lengths are accepted (some CMS writers stream); everything is
 * bounds-checked and a malformed input throws DerError, which the readers turn into a problem.
 */
export class DerError extends Error {
  override name = 'DerError';
}

export interface DerNode {
  /** The identifier octet (class, constructed bit and tag number < 31). */
  tag: number;
  constructed: boolean;
  start: number;
  contentStart: number;
  contentEnd: number;
  /** Past the node, end-of-contents octets included for an indefinite length. */
  end: number;
  source: Uint8Array;
}

const MAX_DEPTH = 48;

export function readNode(source: Uint8Array, offset: number, limit: number, depth = 0): DerNode {
  if (depth > MAX_DEPTH) throw new DerError('too deep');
  if (offset + 2 > limit) throw new DerError('truncated header');
  const tag = source[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not used here');
  const constructed = (tag & 0x20) !== 0;
  let cursor = offset + 1;
  const first = source[cursor++]!;
  if (first === 0x80) {
    if (!constructed) throw new DerError('indefinite length on a primitive');
    const contentStart = cursor;
    for (;;) {
      if (cursor + 2 > limit) throw new DerError('missing end-of-contents');
      if (source[cursor] === 0 && source[cursor + 1] === 0) break;
      cursor = readNode(source, cursor, limit, depth + 1).end;
    }
    return { tag, constructed, start: offset, contentStart, contentEnd: cursor, end: cursor + 2, source };
  }
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count > 4 || cursor + count > limit) throw new DerError('bad length');
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + source[cursor++]!;
  }
  const end = cursor + length;
  if (end > limit) throw new DerError('content past the end');
  return { tag, constructed, start: offset, contentStart: cursor, contentEnd: end, end, source };
}

/** Parses one node from the start of `bytes`; only zero padding may follow it (a PDF's /Contents hole). */
export function parseDer(bytes: Uint8Array): DerNode {
  const node = readNode(bytes, 0, bytes.length);
  for (let i = node.end; i < bytes.length; i += 1) if (bytes[i] !== 0) throw new DerError('bytes after the structure');
  return node;
}

export function children(node: DerNode): DerNode[] {
  if (!node.constructed) throw new DerError('not a constructed node');
  const out: DerNode[] = [];
  let cursor = node.contentStart;
  while (cursor < node.contentEnd) {
    const child = readNode(node.source, cursor, node.contentEnd);
    out.push(child);
    cursor = child.end;
  }
  return out;
}

/** The node as it was received, header included. */
export function nodeBytes(node: DerNode): Uint8Array {
  return node.source.subarray(node.start, node.end);
}

export function content(node: DerNode): Uint8Array {
  return node.source.subarray(node.contentStart, node.contentEnd);
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node || node.tag !== tag) throw new DerError(`expected ${what}`);
  return node;
}

/** The children of a node that must have `tag`. */
export function sequence(node: DerNode | undefined, what: string, tag = 0x30): DerNode[] {
  return children(expectTag(node, tag, what));
}

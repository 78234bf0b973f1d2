import { PDFArray, PDFContext, PDFDict, PDFName, PDFNumber, PDFObjectParser, PDFRef, type PDFObject } from 'pdf-lib';

/**
 * A PDF read revision by revision, as incremental updates lay it out: every `xref … trailer …
 * %%EOF` section is one revision, and an object's value at revision r is the newest definition at
 * or before r. Only classic cross-reference tables are read (the record PDF and every update this
 * app writes use them); a cross-reference stream is refused rather than half understood.
 */
export class PdfFormatError extends Error {
  override name = 'PdfFormatError';
  constructor(readonly problem: string) {
    super(problem);
  }
}

export interface XrefEntry {
  offset: number;
  gen: number;
  inUse: boolean;
}

export interface Revision {
  xrefOffset: number;
  /** Offset just past this revision's %%EOF and its end-of-line: bytes [0, end) are the file as it was. */
  end: number;
  /** The entries this revision's cross-reference section defines. */
  entries: Map<number, XrefEntry>;
  trailer: PDFDict;
}

const MAX_REVISIONS = 64;
const MAX_OBJECTS = 1_000_000;
const latin1 = new TextDecoder('latin1');

export function indexOfBytes(hay: Uint8Array, needle: string, from = 0, to = hay.length): number {
  const first = needle.charCodeAt(0);
  outer: for (let i = hay.indexOf(first, from); i !== -1 && i + needle.length <= to; i = hay.indexOf(first, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (hay[i + k] !== needle.charCodeAt(k)) continue outer;
    return i;
  }
  return -1;
}

export function lastIndexOfBytes(hay: Uint8Array, needle: string, before = hay.length): number {
  for (let i = before - needle.length; i >= 0; i--) {
    let k = 0;
    while (k < needle.length && hay[i + k] === needle.charCodeAt(k)) k++;
    if (k === needle.length) return i;
  }
  return -1;
}

export class PdfFile {
  readonly context = PDFContext.create();
  /** Oldest first. */
  readonly revisions: Revision[];
  private readonly cache = new Map<string, PDFObject | undefined>();

  private constructor(readonly bytes: Uint8Array) {
    this.revisions = this.readRevisions();
  }

  static read(bytes: Uint8Array): PdfFile {
    if (latin1.decode(bytes.subarray(0, 5)) !== '%PDF-') throw new PdfFormatError('not-pdf');
    try {
      return new PdfFile(bytes);
    } catch (error) {
      if (error instanceof PdfFormatError) throw error;
      throw new PdfFormatError('unreadable');
    }
  }

  get last(): number {
    return this.revisions.length - 1;
  }

  trailer(revision = this.last): PDFDict {
    return this.revisions[revision]!.trailer;
  }

  /** The revision an object number was last defined in, at or before `revision`. */
  definedIn(num: number, revision = this.last): number | undefined {
    for (let r = revision; r >= 0; r--) {
      const entry = this.revisions[r]!.entries.get(num);
      if (entry) return entry.inUse ? r : undefined;
    }
    return undefined;
  }

  /** An indirect object's value as it stood at `revision`. */
  object(num: number, revision = this.last): PDFObject | undefined {
    const r = this.definedIn(num, revision);
    if (r === undefined) return undefined;
    const key = `${num}@${r}`;
    if (!this.cache.has(key)) this.cache.set(key, this.parseAt(this.revisions[r]!.entries.get(num)!.offset, num));
    return this.cache.get(key);
  }

  /** Follows references (a few levels) to the value they point at. */
  resolve(value: PDFObject | undefined, revision = this.last): PDFObject | undefined {
    let current = value;
    for (let hop = 0; current instanceof PDFRef && hop < 8; hop++) current = this.object(current.objectNumber, revision);
    return current instanceof PDFRef ? undefined : current;
  }

  dict(value: PDFObject | undefined, revision = this.last): PDFDict | undefined {
    const resolved = this.resolve(value, revision);
    return resolved instanceof PDFDict ? resolved : undefined;
  }

  array(value: PDFObject | undefined, revision = this.last): PDFArray | undefined {
    const resolved = this.resolve(value, revision);
    return resolved instanceof PDFArray ? resolved : undefined;
  }

  /** The byte span of an object's definition at `revision`: from "n g obj" to past "endobj". */
  span(num: number, revision = this.last): { start: number; end: number } | undefined {
    const r = this.definedIn(num, revision);
    if (r === undefined) return undefined;
    const start = this.revisions[r]!.entries.get(num)!.offset;
    const end = indexOfBytes(this.bytes, 'endobj', start);
    return end === -1 ? undefined : { start, end: end + 6 };
  }

  /** Highest object number in use + 1, as the next revision's /Size must be at least. */
  size(): number {
    const declared = this.trailer().get(PDFName.of('Size'));
    let size = declared instanceof PDFNumber ? declared.asNumber() : 0;
    for (const revision of this.revisions) for (const num of revision.entries.keys()) size = Math.max(size, num + 1);
    return size;
  }

  private parseAt(offset: number, num: number): PDFObject {
    const head = /^\s*(\d+)\s+(\d+)\s+obj\b/.exec(latin1.decode(this.bytes.subarray(offset, offset + 48)));
    if (!head || Number(head[1]) !== num) throw new PdfFormatError(`xref-offset:${num}`);
    return PDFObjectParser.forBytes(this.bytes.subarray(offset + head[0].length), this.context).parseObject();
  }

  private readRevisions(): Revision[] {
    const bytes = this.bytes;
    const tailStart = Math.max(0, bytes.length - 4096);
    const at = lastIndexOfBytes(bytes, 'startxref', bytes.length);
    if (at === -1 || at < tailStart - 4096) throw new PdfFormatError('no-startxref');
    const offset = Number(/^startxref\s+(\d+)/.exec(latin1.decode(bytes.subarray(at, at + 40)))?.[1] ?? NaN);
    const revisions: Revision[] = [];
    const seen = new Set<number>();
    let next: number | undefined = offset;
    while (next !== undefined) {
      if (!Number.isSafeInteger(next) || next < 0 || next >= bytes.length || seen.has(next)) throw new PdfFormatError('xref-chain');
      if (revisions.length >= MAX_REVISIONS) throw new PdfFormatError('too-many-revisions');
      seen.add(next);
      const revision = this.readSection(next);
      revisions.unshift(revision);
      const prev = revision.trailer.get(PDFName.of('Prev'));
      next = prev instanceof PDFNumber ? prev.asNumber() : undefined;
    }
    for (let r = 1; r < revisions.length; r++) if (revisions[r]!.xrefOffset < revisions[r - 1]!.end) throw new PdfFormatError('xref-chain');
    return revisions;
  }

  private readSection(offset: number): Revision {
    const bytes = this.bytes;
    const text = (from: number, length: number) => latin1.decode(bytes.subarray(from, Math.min(bytes.length, from + length)));
    if (!text(offset, 4).startsWith('xref')) throw new PdfFormatError(/^\s*\d+\s+\d+\s+obj/.test(text(offset, 32)) ? 'xref-stream' : 'xref-offset');
    const entries = new Map<number, XrefEntry>();
    let pos = offset + 4;
    for (;;) {
      const line = /^\s*(\d+)\s+(\d+)[ \t]*\r?\n?/.exec(text(pos, 48));
      if (!line) break;
      const first = Number(line[1]);
      const count = Number(line[2]);
      if (entries.size + count > MAX_OBJECTS) throw new PdfFormatError('too-many-objects');
      pos += line[0].length;
      for (let i = 0; i < count; i++) {
        const entry = /^(\d{10}) (\d{5}) ([nf])/.exec(text(pos, 20));
        if (!entry) throw new PdfFormatError('xref-entry');
        entries.set(first + i, { offset: Number(entry[1]), gen: Number(entry[2]), inUse: entry[3] === 'n' });
        pos += 20;
      }
    }
    const trailerAt = indexOfBytes(bytes, 'trailer', pos, Math.min(bytes.length, pos + 64));
    if (trailerAt === -1) throw new PdfFormatError('no-trailer');
    const trailer = PDFObjectParser.forBytes(bytes.subarray(trailerAt + 7), this.context).parseObject();
    if (!(trailer instanceof PDFDict)) throw new PdfFormatError('no-trailer');
    const eof = indexOfBytes(bytes, '%%EOF', trailerAt);
    if (eof === -1) throw new PdfFormatError('no-eof');
    let end = eof + 5;
    if (bytes[end] === 0x0d) end++;
    if (bytes[end] === 0x0a) end++;
    return { xrefOffset: offset, end, entries, trailer };
  }
}

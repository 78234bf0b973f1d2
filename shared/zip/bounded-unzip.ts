import { Inflate } from 'fflate';
import { crc32 } from './crc32';

/**
 * Reading a zip someone else made (a USB bundle, a backup, a spreadsheet) without trusting it: the
 * central directory is read first and the archive refused before anything is inflated when it has
 * too many entries, an entry or the whole declares more than its budget, names repeat or escape, or
 * an entry is encrypted or uses a method we do not read. Entries are then inflated one at a time,
 * as they are asked for, by a streaming inflater that stops as soon as the output passes what the
 * entry declared: a bomb whose headers lie is cut off there, not after filling memory.
 */
export interface ZipLimits {
  maxEntries: number;
  /** The most one entry may hold once inflated (by name, for archives whose entries differ). */
  maxEntryBytes: number | ((name: string) => number);
  maxTotalBytes: number;
  /** Inflated ÷ compressed size allowed for entries over 1 MiB (zeros reach ~1000; real files far less). */
  maxRatio?: number;
}

export type ZipProblemCode = 'not_zip' | 'too_many_entries' | 'entry_too_large' | 'total_too_large' | 'duplicate_name' | 'bad_name' | 'unsupported' | 'ratio' | 'corrupt';
export interface ZipProblem {
  code: ZipProblemCode;
  entry?: string;
}
export type ZipRead = { ok: true; bytes: Uint8Array } | { ok: false; problem: ZipProblem };

export interface ZipEntry {
  name: string;
  /** As declared by the archive; `read` refuses an entry whose bytes say otherwise. */
  size: number;
  read(): ZipRead;
}

const CHUNK = 16 * 1024;
const RATIO_FLOOR = 1024 * 1024;

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

function endOfDirectory(bytes: Uint8Array): number {
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= stop; at--) if (u32(bytes, at) === 0x06054b50) return at;
  return -1;
}

/** A safe relative path: no root, no drive, no "..", no backslash, no control characters. */
function safeName(name: string): boolean {
  if (name.length === 0 || name.length > 512 || name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.includes('\\')) return false;
  if ([...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return false;
  return !name.split('/').some((part) => part === '..' || part === '.');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

export function openBoundedZip(bytes: Uint8Array, limits: ZipLimits): { ok: true; entries: ZipEntry[] } | { ok: false; problem: ZipProblem } {
  const fail = (code: ZipProblemCode, entry?: string) => ({ ok: false as const, problem: entry === undefined ? { code } : { code, entry } });
  const eocd = endOfDirectory(bytes);
  if (eocd < 0) return fail('not_zip');
  const count = u16(bytes, eocd + 10);
  const dirSize = u32(bytes, eocd + 12);
  const dirStart = u32(bytes, eocd + 16);
  // 0xFFFF / 0xFFFFFFFF mark a ZIP64 archive: larger than anything we take.
  if (count === 0xffff || dirStart === 0xffffffff) return fail('unsupported');
  if (count > limits.maxEntries) return fail('too_many_entries');
  if (dirStart + dirSize > eocd) return fail('corrupt');
  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let at = dirStart;
  for (let k = 0; k < count; k++) {
    if (at + 46 > eocd || u32(bytes, at) !== 0x02014b50) return fail('corrupt');
    const flags = u16(bytes, at + 8);
    const method = u16(bytes, at + 10);
    const crc = u32(bytes, at + 16);
    const compressed = u32(bytes, at + 20);
    const size = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const skip = nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    const local = u32(bytes, at + 42);
    let name: string;
    try {
      const raw = bytes.subarray(at + 46, at + 46 + nameLength);
      name = flags & 0x800 ? utf8.decode(raw) : latin1.decode(raw);
    } catch {
      return fail('bad_name');
    }
    at += 46 + skip;
    if (!safeName(name)) return fail('bad_name', name.slice(0, 200));
    // Two entries one name (or one name in two cases, which Windows folders cannot tell apart):
    // which one "wins" would depend on the reader.
    const folded = name.normalize('NFC').toLowerCase();
    if (seen.has(folded)) return fail('duplicate_name', name);
    seen.add(folded);
    if (name.endsWith('/')) continue;
    if (flags & 0x1) return fail('unsupported', name);
    if (method !== 0 && method !== 8) return fail('unsupported', name);
    if (compressed === 0xffffffff || size === 0xffffffff) return fail('unsupported', name);
    const entryLimit = typeof limits.maxEntryBytes === 'number' ? limits.maxEntryBytes : limits.maxEntryBytes(name);
    if (size > entryLimit) return fail('entry_too_large', name);
    total += size;
    if (total > limits.maxTotalBytes) return fail('total_too_large', name);
    if (size > RATIO_FLOOR && size / Math.max(1, compressed) > (limits.maxRatio ?? 200)) return fail('ratio', name);
    if (method === 0 && compressed !== size) return fail('corrupt', name);
    entries.push({ name, size, read: () => readEntry(bytes, { name, method, crc, compressed, size, local }) });
  }
  return { ok: true, entries };
}

function readEntry(bytes: Uint8Array, e: { name: string; method: number; crc: number; compressed: number; size: number; local: number }): ZipRead {
  const corrupt = { ok: false as const, problem: { code: 'corrupt' as const, entry: e.name } };
  if (e.local + 30 > bytes.length || u32(bytes, e.local) !== 0x04034b50) return corrupt;
  const start = e.local + 30 + u16(bytes, e.local + 26) + u16(bytes, e.local + 28);
  if (start + e.compressed > bytes.length) return corrupt;
  const data = bytes.subarray(start, start + e.compressed);
  let out: Uint8Array;
  if (e.method === 0) {
    out = data.slice();
  } else {
    out = new Uint8Array(e.size);
    let filled = 0;
    let over = false;
    const inflater = new Inflate((chunk) => {
      if (over) return;
      if (filled + chunk.length > e.size) {
        over = true;
        return;
      }
      out.set(chunk, filled);
      filled += chunk.length;
    });
    try {
      for (let k = 0; k < data.length && !over; k += CHUNK) inflater.push(data.subarray(k, Math.min(data.length, k + CHUNK)), k + CHUNK >= data.length);
    } catch {
      return corrupt;
    }
    // More than declared (a lying header), or less: either way not the entry the directory describes.
    if (over || filled !== e.size) return { ok: false, problem: { code: over ? 'entry_too_large' : 'corrupt', entry: e.name } };
  }
  if (crc32(out) !== e.crc) return corrupt;
  return { ok: true, bytes: out };
}

/** Every file entry at once (for small archives); the first problem refuses the whole. */
export function unzipBounded(bytes: Uint8Array, limits: ZipLimits): { ok: true; files: Map<string, Uint8Array> } | { ok: false; problem: ZipProblem } {
  const opened = openBoundedZip(bytes, limits);
  if (!opened.ok) return opened;
  const files = new Map<string, Uint8Array>();
  for (const entry of opened.entries) {
    const read = entry.read();
    if (!read.ok) return read;
    files.set(entry.name, read.bytes);
  }
  return { ok: true, files };
}

/** "bundle.json: entry_too_large", for logs and the command line. */
export function describeZipProblem(problem: ZipProblem): string {
  const what: Record<ZipProblemCode, string> = {
    not_zip: 'not a zip file',
    too_many_entries: 'too many entries',
    entry_too_large: 'an entry is larger than allowed',
    total_too_large: 'the contents are larger than allowed',
    duplicate_name: 'two entries have the same name',
    bad_name: 'an entry name is not a safe relative path',
    unsupported: 'encrypted, ZIP64 or an unsupported compression method',
    ratio: 'an entry is compressed suspiciously far (a zip bomb)',
    corrupt: 'the archive is damaged',
  };
  return `${what[problem.code]}${problem.entry ? ` (${problem.entry})` : ''}`;
}

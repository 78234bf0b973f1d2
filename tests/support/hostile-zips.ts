import zlib from 'node:zlib';
import { Zip, ZipPassThrough, strToU8 } from 'fflate';

/** A finished streaming zip's bytes. */
function collect(build: (zip: Zip) => void): Uint8Array {
  const parts: Uint8Array[] = [];
  let done = false;
  const zip = new Zip((error, chunk, final) => {
    if (error) throw error;
    parts.push(chunk);
    done = final;
  });
  build(zip);
  zip.end();
  if (!done) throw new Error('zip not finished');
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One deflated entry and any stored ones, as a zip, from their raw parts. */
function assemble(entries: Array<{ name: string; method: 0 | 8; data: Uint8Array; crc: number; size: number }>): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x800, 8);
    dir.writeUInt16LE(e.method, 10);
    dir.writeUInt32LE(e.crc, 16);
    dir.writeUInt32LE(e.data.length, 20);
    dir.writeUInt32LE(e.size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, name, Buffer.from(e.data));
    central.push(dir, name);
    offset += 30 + name.length + e.data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, dirBytes, end]));
}

/**
 * `bytes` of zeros deflated into one entry by Node's native deflate, fed a megabyte at a time so
 * the test never holds them: 1 GiB becomes a zip of about 1 MB, in a second or two.
 */
export async function zerosBomb(name: string, bytes: number, extra: Record<string, Uint8Array> = {}): Promise<Uint8Array> {
  const mb = Buffer.alloc(1024 * 1024);
  const stream = zlib.createDeflateRaw({ level: 9, memLevel: 9 });
  const out: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => out.push(chunk));
  const finished = new Promise<void>((done, fail) => {
    stream.on('end', done);
    stream.on('error', fail);
  });
  let crc = 0;
  for (let left = bytes; left > 0; left -= mb.length) {
    const piece = left >= mb.length ? mb : mb.subarray(0, left);
    crc = zlib.crc32(piece, crc);
    if (!stream.write(piece)) await new Promise((r) => stream.once('drain', r));
  }
  stream.end();
  await finished;
  const stored = Object.entries(extra).map(([n, data]) => ({ name: n, method: 0 as const, data, crc: zlib.crc32(data), size: data.length }));
  return assemble([...stored, { name, method: 8, data: new Uint8Array(Buffer.concat(out)), crc, size: bytes }]);
}

/** The same entry name twice. */
export function duplicateNames(name: string, first: Uint8Array, second: Uint8Array, extra: Record<string, Uint8Array> = {}): Uint8Array {
  return collect((zip) => {
    for (const [n, data] of [...Object.entries(extra), [name, first] as const, [name, second] as const]) {
      const file = new ZipPassThrough(n);
      zip.add(file);
      file.push(data, true);
    }
  });
}

/**
 * A zip whose directory claims each entry inflates to `claimed` bytes while it really holds far
 * more: the sizes in both headers are rewritten after the archive is built.
 */
export function lyingSizes(zip: Uint8Array, claimed: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let at = 0; at + 4 <= out.length; at++) {
    const sig = view.getUint32(at, true);
    if (sig === 0x04034b50) view.setUint32(at + 22, claimed, true);
    if (sig === 0x02014b50) view.setUint32(at + 24, claimed, true);
  }
  return out;
}

export const text = (s: string) => strToU8(s);

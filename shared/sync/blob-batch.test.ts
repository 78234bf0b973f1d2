import { describe, expect, it } from 'vitest';
import { sha256HexSync } from '../hash/sha256-sync';
import { encodeBlobBatch, parseBlobBatch } from './blob-batch';

const bytesOf = async (body: Blob) => new Uint8Array(await body.arrayBuffer());

const blob = (text: string) => {
  const bytes = new TextEncoder().encode(text);
  return { sha256: sha256HexSync(bytes), bytes };
};

describe('blob batch format', () => {
  it('reads back the blobs it was given, in order, including an empty one and a newline inside the bytes', async () => {
    const blobs = [blob('ảnh một'), blob(''), blob('dòng\nmới\n'), blob('ảnh một')];
    const parsed = parseBlobBatch(await bytesOf(encodeBlobBatch(blobs)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.blobs.map((b) => b.sha256)).toEqual(blobs.map((b) => b.sha256));
    expect(parsed.blobs.map((b) => new TextDecoder().decode(b.bytes))).toEqual(['ảnh một', '', 'dòng\nmới\n', 'ảnh một']);
  });

  it('refuses a body whose manifest is missing, malformed or does not add up to the body', async () => {
    const good = await bytesOf(encodeBlobBatch([blob('một'), blob('hai')]));
    const text = (s: string) => new TextEncoder().encode(s);
    const cases: Array<[Uint8Array, string]> = [
      [text('không có dòng đầu'), 'one-line JSON manifest'],
      [text('{"version":1,\n'), 'not JSON'],
      [text('{"version":2,"blobs":[]}\n'), 'not valid'],
      [text(`{"version":1,"blobs":[{"sha256":"${'A'.repeat(64)}","size":1}]}\nx`), 'not valid'],
      [text(`{"version":1,"blobs":[{"sha256":"${'a'.repeat(64)}","size":-1}]}\n`), 'not valid'],
      [good.subarray(0, good.length - 1), 'shorter'],
      [new Uint8Array([...good, 0x20]), 'longer'],
      [new Uint8Array([0xff, 0xfe, 0x0a]), 'not JSON'],
    ];
    for (const [body, message] of cases) {
      const parsed = parseBlobBatch(body);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain(message);
    }
  });
});

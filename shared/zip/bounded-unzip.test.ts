import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { duplicateNames, lyingSizes, text, zerosBomb } from '../../tests/support/hostile-zips';
import { openBoundedZip, unzipBounded } from './bounded-unzip';

const limits = { maxEntries: 100, maxEntryBytes: 2 * 1024 * 1024, maxTotalBytes: 10 * 1024 * 1024 };

describe('a zip read without trusting it', () => {
  it('reads an honest archive, stored and deflated', () => {
    const zip = zipSync({ 'a.json': [text('{"a":1}'), { level: 0 }], 'blobs/b': [new Uint8Array(5000).fill(7), { level: 9 }], 'folder/': new Uint8Array(0) });
    const read = unzipBounded(zip, limits);
    expect(read.ok && [...read.files.keys()].sort()).toEqual(['a.json', 'blobs/b']);
    expect(read.ok && read.files.get('blobs/b')!.every((b) => b === 7)).toBe(true);
  });

  it('refuses a gigabyte of zeros from its directory, before inflating anything, with little memory', async () => {
    const bomb = await zerosBomb('blobs/zero', 1024 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(3 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const opened = openBoundedZip(bomb, limits);
    expect(opened).toEqual({ ok: false, problem: { code: 'entry_too_large', entry: 'blobs/zero' } });
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('cuts off a bomb whose headers lie about its size once its output passes the claim', async () => {
    const liar = lyingSizes(await zerosBomb('x.json', 256 * 1024 * 1024), 1000);
    const opened = openBoundedZip(liar, limits);
    expect(opened.ok).toBe(true);
    const before = process.memoryUsage().rss;
    const read = opened.ok ? opened.entries[0]!.read() : null;
    expect(read).toEqual({ ok: false, problem: { code: 'entry_too_large', entry: 'x.json' } });
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses duplicate names, also when they differ only in case', () => {
    expect(openBoundedZip(duplicateNames('bundle.json', text('{}'), text('[]')), limits)).toEqual({ ok: false, problem: { code: 'duplicate_name', entry: 'bundle.json' } });
    const cased = zipSync({ 'Record.json': text('1'), 'record.json': text('2') });
    expect(openBoundedZip(cased, limits)).toMatchObject({ ok: false, problem: { code: 'duplicate_name' } });
  });

  it('refuses names that escape, too many entries, too much in total, and what is not a zip', () => {
    expect(openBoundedZip(zipSync({ '../evil': text('x') }), limits)).toMatchObject({ ok: false, problem: { code: 'bad_name' } });
    expect(openBoundedZip(zipSync({ '/etc/passwd': text('x') }), limits)).toMatchObject({ ok: false, problem: { code: 'bad_name' } });
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, k) => [`f${k}`, text('x')]));
    expect(openBoundedZip(zipSync(many), limits)).toEqual({ ok: false, problem: { code: 'too_many_entries' } });
    const big = Object.fromEntries(Array.from({ length: 6 }, (_, k) => [`f${k}`, new Uint8Array(2 * 1024 * 1024)]));
    expect(openBoundedZip(zipSync(big, { level: 0 }), limits)).toMatchObject({ ok: false, problem: { code: 'total_too_large' } });
    expect(openBoundedZip(text('not a zip at all'), limits)).toEqual({ ok: false, problem: { code: 'not_zip' } });
  });

  it('refuses an entry whose bytes were damaged', () => {
    const zip = zipSync({ 'a.txt': [text('hello, world'), { level: 0 }] });
    const at = zip.indexOf('h'.charCodeAt(0));
    zip[at] = 'j'.charCodeAt(0);
    const opened = openBoundedZip(zip, limits);
    expect(opened.ok && opened.entries[0]!.read()).toEqual({ ok: false, problem: { code: 'corrupt', entry: 'a.txt' } });
  });
});

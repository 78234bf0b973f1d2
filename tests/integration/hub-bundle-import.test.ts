import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import { buildSyncBundle } from '../../shared/sync/bundle';
import { duplicateNames, zerosBomb } from '../support/hostile-zips';
import { hubCli, ROOT } from '../support/hub';
import { sampleRecordWithBlobs } from '../support/report-fixture';

/**
 * `hub:cli import` as the administrator runs it, on bundles built to hurt: a real child process on
 * a real SQLite hub, its peak memory read from the kernel.
 */
describe('hub:cli import of a hostile USB bundle', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'congvu-bundle-import-'));
    env = { HUB_DATA_DIR: join(dir, 'hub'), HUB_MAX_BLOB_MB: '2', NODE_OPTIONS: `--import ${pathToFileURL(resolve(ROOT, 'tests/support/peak-memory.mjs')).href}` };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const peakMb = (stderr: string) => Number(/peak-rss-kb=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1024;
  const manifest = (records: string[] = []) => strToU8(JSON.stringify({ kind: 'congvu.sync-bundle', createdAt: '2026-11-23T10:00:00+07:00', records }));

  it('refuses a 1 MB zip of 1 GiB of zeros before inflating it, stores nothing, exits non-zero, stays under 300 MB', async () => {
    const file = join(dir, 'bomb.zip');
    writeFileSync(file, await zerosBomb(`blobs/${'0'.repeat(64)}`, 1024 * 1024 * 1024, { 'bundle.json': manifest() }));
    const run = await hubCli(['import', file], env);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Nothing imported: the bundle is refused');
    expect(run.stdout).toContain('an entry is larger than allowed');
    expect(peakMb(run.stderr)).toBeLessThan(300);
  });

  it('refuses a bundle.json bomb the same way', async () => {
    const file = join(dir, 'manifest-bomb.zip');
    writeFileSync(file, await zerosBomb('bundle.json', 1024 * 1024 * 1024));
    const run = await hubCli(['import', file], env);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('(bundle.json)');
    expect(peakMb(run.stderr)).toBeLessThan(300);
  });

  it('refuses duplicate entries instead of letting the last one win', async () => {
    const { record } = sampleRecordWithBlobs();
    const name = `records/${record.inspection.id}@1.json`;
    const file = join(dir, 'duplicates.zip');
    writeFileSync(file, duplicateNames(name, strToU8('{}'), strToU8('[]'), { 'bundle.json': manifest([name]) }));
    const run = await hubCli(['import', file], env);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`two entries have the same name (${name})`);
  });

  it('imports an honest bundle (exit 0), then reports it held; a blob over the limit is refused with the rest untouched', async () => {
    const { record, blobs } = sampleRecordWithBlobs();
    const file = join(dir, 'honest.zip');
    writeFileSync(file, buildSyncBundle([record], blobs, '2026-11-23T10:00:00+07:00'));
    const first = await hubCli(['import', file], env);
    expect(first.stdout).toContain('Records: 1 stored, 0 already held, 0 refused.');
    expect(first.status).toBe(0);
    const again = await hubCli(['import', file], env);
    expect(again.stdout).toContain('Records: 0 stored, 1 already held, 0 refused.');
    expect(again.status).toBe(0);
    const tight = await hubCli(['import', file], { ...env, HUB_MAX_BLOB_MB: '0.001' });
    expect(tight.status).toBe(1);
    expect(tight.stdout).toContain('an entry is larger than allowed (blobs/');
  });
});

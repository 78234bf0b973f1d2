import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncEngine } from '../../shared/sync/engine';
import { enrollDevice, startHub, type RunningHub } from '../support/hub';
import { MemorySyncStorage } from '../support/memory-sync-storage';
import { seedRecords } from '../support/seed-records';

/**
 * The push in groups (blobs packed several to a request, records several to a request) against a
 * real hub: each record keeps its own outcome, and blobs the hub has lost are sent again.
 */
describe('grouped push through the sync engine (real hub)', () => {
  let hub: RunningHub;
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'congvu-push-'));
    env = { HUB_DATA_DIR: dir };
    hub = await startHub(env);
  });
  afterAll(async () => {
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const storageOf = MemorySyncStorage.of;

  it('pushes every record once; a record whose photo is damaged on the laptop fails alone, and a re-sync sends nothing new', async () => {
    const { records, blobs } = seedRecords(27, { photos: 2 });
    const damaged = records[12]!.attachments[0]!.sha256;
    const local = new Map(blobs);
    local.set(damaged, new Uint8Array([...blobs.get(damaged)!.subarray(0, 100), 1, 2, 3]));
    const storage = storageOf(records, local);
    const device = await enrollDevice(hub.url, 'inspector', env);
    const progress: number[] = [];
    const engine = new SyncEngine(storage, { baseUrl: hub.url, token: device.token }, { baseDelayMs: 1, onProgress: (p) => progress.push(p.done) });
    const report = await engine.push();
    expect(report).toMatchObject({ pushed: 26, failed: 1, stoppedBy: null });
    const failed = [...storage.status.entries()].filter(([, s]) => s.state !== 'synced');
    expect(failed).toEqual([[`${records[12]!.inspection.id}@1`, expect.objectContaining({ state: 'failed', final: true, error: expect.stringContaining('hash_mismatch') })]]);
    expect(progress.at(-1)).toBe(27);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    // The same records from a fresh install of the app: all already held, the damaged one still refused.
    const again = await new SyncEngine(storageOf(records, local), { baseUrl: hub.url, token: device.token }, { baseDelayMs: 1 }).push();
    expect(again).toMatchObject({ pushed: 0, alreadyHeld: 26, failed: 1 });
    // Once the photo is whole again, the record goes through.
    const repaired = storageOf([records[12]!], blobs);
    expect(await new SyncEngine(repaired, { baseUrl: hub.url, token: device.token }, { baseDelayMs: 1 }).push()).toMatchObject({ pushed: 1, failed: 0 });
  });

  it("refuses another device's record on its own: the laptop's other records go through and the run goes on", async () => {
    const { records, blobs } = seedRecords(6, { photos: 1 });
    const first = await enrollDevice(hub.url, 'inspector', env, 'Máy cũ');
    expect(await new SyncEngine(storageOf(records.slice(0, 2), blobs), { baseUrl: hub.url, token: first.token }, { baseDelayMs: 1 }).push()).toMatchObject({ pushed: 2, stoppedBy: null });
    // A backup restored on a new laptop holds the old laptop's two records and four of its own.
    const second = await enrollDevice(hub.url, 'inspector', env, 'Máy mới');
    const storage = storageOf(records, blobs);
    const report = await new SyncEngine(storage, { baseUrl: hub.url, token: second.token }, { baseDelayMs: 1 }).push();
    expect(report).toMatchObject({ pushed: 4, failed: 2, stoppedBy: null });
    const refused = [...storage.status.entries()].filter(([, s]) => s.state !== 'synced');
    expect(refused.map(([key]) => key).sort()).toEqual(records.slice(0, 2).map((r) => `${r.inspection.id}@1`).sort());
    expect(refused.every(([, s]) => s.state === 'failed' && s.final && String(s.error).startsWith('not_owner'))).toBe(true);
  });

  it('falls back to one blob and one record per request when the hub or a proxy before it refuses batches', async () => {
    for (const refusal of [404, 413] as const) {
      const { records, blobs } = seedRecords(12, { photos: 1 });
      const device = await enrollDevice(hub.url, 'inspector', env);
      const seen: string[] = [];
      // An older hub without the batch routes (404), or a proxy whose body limit is below a batch (413).
      const picky: typeof fetch = async (input, init) => {
        const url = String(input);
        const batch = init?.method === 'POST' && (url.endsWith('/api/v1/blobs') || url.endsWith('/api/v1/inspections'));
        seen.push(`${init?.method ?? 'GET'} ${url.replace(hub.url, '').replace(/[0-9a-f-]{36,64}/g, ':x')}`);
        if (batch) return new Response(refusal === 404 ? JSON.stringify({ error: { code: 'not_found', message: 'No route' } }) : '<html>413 Request Entity Too Large</html>', { status: refusal });
        return fetch(input, init);
      };
      const storage = storageOf(records, blobs);
      const report = await new SyncEngine(storage, { baseUrl: hub.url, token: device.token }, { baseDelayMs: 1, fetch: picky }).push();
      expect(report, `refused with ${refusal}`).toMatchObject({ pushed: 12, failed: 0, stoppedBy: null });
      expect([...storage.status.values()].every((s) => s.state === 'synced')).toBe(true);
      // A batch is tried at most once per group in flight (two groups here), then the items go one by one.
      for (const route of ['POST /api/v1/inspections', 'POST /api/v1/blobs']) expect(seen.filter((r) => r === route).length).toBeGreaterThanOrEqual(1);
      for (const route of ['POST /api/v1/inspections', 'POST /api/v1/blobs']) expect(seen.filter((r) => r === route).length).toBeLessThanOrEqual(2);
      expect(seen.filter((r) => r === 'PUT /api/v1/inspections/:x')).toHaveLength(12);
    }
  });

  it('sends again the blobs a hub restored from an older backup has lost, even when it says it holds them', async () => {
    const { records, blobs } = seedRecords(3, { photos: 1 });
    const device = await enrollDevice(hub.url, 'inspector', env);
    expect(await new SyncEngine(storageOf(records.slice(0, 1), blobs), { baseUrl: hub.url, token: device.token }).push()).toMatchObject({ pushed: 1 });
    // The signature images are shared by every seeded record: the hub indexes them as held. Their
    // files vanish (a restore from a backup taken before they came), and the hub restarts.
    await hub.stop();
    const signatures = records[0]!.signatures.flatMap((s) => (s.mark.kind === 'drawn' ? [s.mark.imageSha256] : []));
    expect(signatures.length).toBeGreaterThan(0);
    for (const sha of signatures) {
      const file = join(dir, 'blobs', sha.slice(0, 2), sha);
      expect(existsSync(file)).toBe(true);
      rmSync(file);
    }
    hub = await startHub(env);
    const report = await new SyncEngine(storageOf(records.slice(1), blobs), { baseUrl: hub.url, token: device.token }, { baseDelayMs: 1 }).push();
    expect(report).toMatchObject({ pushed: 2, failed: 0, stoppedBy: null });
    for (const sha of signatures) expect(existsSync(join(dir, 'blobs', sha.slice(0, 2), sha))).toBe(true);
  });
});

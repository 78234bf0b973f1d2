import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRecordPdf } from '../support/sign-record';
import { sha256HexSync } from '../../shared/hash/sha256-sync';
import { checkImportedInspection } from '../../shared/review/verify-import';
import { SyncEngine } from '../../shared/sync/engine';
import { reviewChangeSchema } from '../../shared/sync/protocol';
import { enrollDevice, startHub, type RunningHub } from '../support/hub';
import { MemorySyncStorage } from '../support/memory-sync-storage';
import { buildSamplePdf, sampleRecordWithBlobs } from '../support/report-fixture';
import { makeTestIdentity } from '../support/test-certificate';

/**
 * The client engine against a real hub for the department's flow: an inspector's device sends its
 * records and their signed PDFs (one made for another record is refused for good), a reviewer's
 * device pulls the records with their content and sends a review back.
 */
describe('signed PDFs and reviews through the sync engine (real hub)', () => {
  let hub: RunningHub;
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'congvu-dept-'));
    env = { HUB_DATA_DIR: dir };
    hub = await startHub(env);
  });
  afterAll(async () => {
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends each signed PDF after its record, refuses one made for another record, and brings a review back', async () => {
    const a = sampleRecordWithBlobs({ photos: 1 });
    const b = sampleRecordWithBlobs({ photos: 0 });
    const identity = makeTestIdentity();
    const sign = (r: typeof a) => signRecordPdf(buildSamplePdf(r.record, r.blobs), identity, { meta: { reason: 'Ky bien ban', location: 'Can Tho', name: 'Truong doan', role: 'leader' } });
    const pdfA = await sign(a);
    const storage = new MemorySyncStorage(
      new Map([a, b].map((x) => [`${x.record.inspection.id}@1`, x.record])),
      new Map([...a.blobs, ...b.blobs]),
    );
    storage.reports.set(`${a.record.inspection.id}@1`, { sha256: sha256HexSync(pdfA), pdf: pdfA, state: 'waiting' });
    // The PDF of record A offered as record B's.
    storage.reports.set(`${b.record.inspection.id}@1`, { sha256: sha256HexSync(pdfA), pdf: pdfA, state: 'waiting' });
    const inspector = await enrollDevice(hub.url, 'inspector', env);
    const engine = new SyncEngine(storage, { baseUrl: hub.url, token: inspector.token }, { baseDelayMs: 1 });
    const first = await engine.sync();
    expect(first).toMatchObject({ pushed: 2, failed: 0, reports: 1, stoppedBy: null });
    expect(storage.reports.get(`${a.record.inspection.id}@1`)).toMatchObject({ state: 'synced' });
    expect(storage.reports.get(`${b.record.inspection.id}@1`)).toMatchObject({ state: 'failed', final: true });
    expect(storage.reports.get(`${b.record.inspection.id}@1`)!.error).toContain('invalid_report');
    // Nothing is sent again: the good one is on the hub, the bad one waits for the user.
    expect((await engine.sync()).reports ?? 0).toBe(0);

    const reviewerDevice = await enrollDevice(hub.url, 'reviewer', env);
    const reviewerStorage = new MemorySyncStorage(new Map(), new Map());
    const reviewer = new SyncEngine(reviewerStorage, { baseUrl: hub.url, token: reviewerDevice.token }, { includeRecords: true, pageSize: 1 });
    expect((await reviewer.sync()).stoppedBy).toBeNull();
    const inspections = [...reviewerStorage.pulled.values()].filter((i) => i.kind === 'inspection');
    expect(inspections).toHaveLength(2);
    for (const item of inspections) expect(await checkImportedInspection(item)).toMatchObject({ ok: true });
    expect([...reviewerStorage.pulled.values()].filter((i) => i.kind === 'report')).toHaveLength(1);
    expect(await reviewer.fetchBlob(sha256HexSync(pdfA))).toEqual(pdfA);

    const reviewId = '0f0e0d0c-0b0a-4909-8807-060504030201';
    const sent = { id: reviewId, inspectionId: a.record.inspection.id, revision: 1, status: 'approved', comment: 'Đạt yêu cầu', state: 'pending' as const };
    reviewerStorage.reviews.push({ localId: 1, ...sent });
    // The same review again, as after an answer lost on the way: stored once.
    reviewerStorage.reviews.push({ localId: 2, ...sent });
    reviewerStorage.reviews.push({ localId: 3, id: '1f0e0d0c-0b0a-4909-8807-060504030201', inspectionId: '01900000-0000-7000-8000-000000000000', revision: 1, status: 'approved', comment: '', state: 'pending' });
    // A revision the hub does not hold is refused, not moved onto another one.
    reviewerStorage.reviews.push({ localId: 4, id: '2f0e0d0c-0b0a-4909-8807-060504030201', inspectionId: a.record.inspection.id, revision: 2, status: 'rejected', comment: '', state: 'pending' });
    await reviewer.sync();
    expect(reviewerStorage.reviews.map((r) => r.state)).toEqual(['sent', 'sent', 'failed', 'failed']);
    expect([...reviewerStorage.pulled.values()].filter((i) => i.kind === 'review').map((i) => i.id)).toEqual([reviewId]);
    await engine.sync();
    const review = [...storage.pulled.values()].find((i) => i.kind === 'review');
    expect(reviewChangeSchema.parse(review?.data)).toMatchObject({ inspectionId: a.record.inspection.id, status: 'approved', comment: 'Đạt yêu cầu' });
  });
});

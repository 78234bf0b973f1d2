import { describe, expect, it } from 'vitest';
import { sampleCompleteRecord } from '../inspection/sample';
import { finalizeRecord } from '../inspection/finalize';
import { templateRef } from '../schemas';
import { builtInTemplates } from '../templates';
import { buildSyncBundle, parseSyncBundle } from './bundle';
import { backoffDelay, HubRequestError } from './engine';
import { checkPushRequest, makeCursor, parseCursor, pushRequestFor } from './protocol';

const templates = new Map(builtInTemplates.map((t) => [templateRef(t), t]));
function finalized() {
  const r = finalizeRecord(sampleCompleteRecord(), templates, '2026-11-23T10:00:00.000+07:00');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.record;
}

describe('sync protocol', () => {
  it('accepts a finalized record at its own id, and says precisely what is wrong otherwise', () => {
    const record = finalized();
    const body = pushRequestFor(record);
    expect(checkPushRequest(record.inspection.id, body)).toMatchObject({ ok: true });
    expect(checkPushRequest('../etc/passwd', body)).toMatchObject({ ok: false, code: 'bad_id' });
    expect(checkPushRequest('01900000-0000-7000-8000-000000000000', body)).toMatchObject({ ok: false, code: 'id_mismatch' });
    expect(checkPushRequest(record.inspection.id, { ...body, contentHash: 'b'.repeat(64) })).toMatchObject({ ok: false, code: 'hash_mismatch' });
    expect(checkPushRequest(record.inspection.id, { ...body, blobs: [] })).toMatchObject({ ok: false, code: 'blobs_mismatch' });
    expect(checkPushRequest(record.inspection.id, { ...body, record: { ...record, inspection: { ...record.inspection, status: 'draft' } } })).toMatchObject({ ok: false });
    expect(checkPushRequest(record.inspection.id, null)).toMatchObject({ ok: false, code: 'invalid_request' });
  });

  it('makes cursors that carry the epoch, and refuses malformed ones', () => {
    const epoch = '0b0e6a3e-6f0c-4a47-9a53-3c1c0c8d7e11';
    expect(parseCursor(makeCursor(epoch, 42))).toEqual({ epoch, seq: 42 });
    expect(parseCursor('42')).toBeNull();
    expect(parseCursor(`${epoch}:-1`)).toBeNull();
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffDelay(0, 500, 30_000, () => 0)).toBe(250);
    expect(backoffDelay(3, 500, 30_000, () => 1)).toBe(4000);
    expect(backoffDelay(20, 500, 30_000, () => 1)).toBe(30_000);
  });

  it('retries the network and the hub being down, not a refusal', () => {
    expect(new HubRequestError(0, 'network', '').retryable).toBe(true);
    expect(new HubRequestError(503, 'x', '').retryable).toBe(true);
    expect(new HubRequestError(409, 'conflict', '').retryable).toBe(false);
    expect(new HubRequestError(422, 'hash_mismatch', '').retryable).toBe(false);
  });

  it("stops a run for a lost token or a refused role, but not for one record another device owns", () => {
    expect(new HubRequestError(401, 'unauthorized', '').stopsRun).toBe(true);
    expect(new HubRequestError(403, 'forbidden', '').stopsRun).toBe(true);
    const owned = new HubRequestError(403, 'not_owner', '');
    expect([owned.stopsRun, owned.final]).toEqual([false, true]);
    const broken = new HubRequestError(409, 'broken_chain', '');
    expect([broken.stopsRun, broken.final]).toEqual([false, true]);
    expect(new HubRequestError(0, 'local', '').final).toBe(false);
  });

  it('packs records and blobs into a USB bundle and reads them back, flagging altered blobs', () => {
    const record = finalized();
    const blobs = new Map(pushRequestFor(record).blobs.map((sha) => [sha, new TextEncoder().encode('x')]));
    expect(() => buildSyncBundle([record], new Map(), '2026-11-23T10:00:00+07:00')).toThrow('err.bundle.blobMissing');
    const zip = buildSyncBundle([record], blobs, '2026-11-23T10:00:00+07:00');
    const parsed = parseSyncBundle(zip, { maxBlobBytes: 1024 });
    expect(parsed.records).toHaveLength(1);
    expect(checkPushRequest(parsed.records[0]!.id, parsed.records[0]!.body)).toMatchObject({ ok: true });
    // The blobs here are not the bytes their names promise: each is refused when read.
    expect(parsed.blobs.map((b) => b.sha256).sort()).toEqual([...blobs.keys()].sort());
    expect(parsed.blobs.every((b) => !b.read().ok)).toBe(true);
    expect(() => parseSyncBundle(new Uint8Array([1, 2, 3]), { maxBlobBytes: 1024 })).toThrow('err.bundle.notZip');
    // A blob over the hub's limit refuses the bundle before anything is inflated.
    expect(() => parseSyncBundle(zip, { maxBlobBytes: 0 })).toThrow(/err\.bundle\.refused: an entry is larger than allowed \(blobs\//);
  });
});

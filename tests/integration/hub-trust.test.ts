import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSyncBundle } from '../../shared/sync/bundle';
import { pushRequestFor } from '../../shared/sync/protocol';
import { sha256HexSync } from '../../shared/hash/sha256-sync';
import { enrollDevice, hubCli } from '../support/hub';
import { useHubApi } from '../support/hub-api-harness';
import { nextRevision, withCorrectionOnFirst } from '../support/hub-revisions';
import { sampleRecordWithBlobs } from '../support/report-fixture';
import type { InspectionRecord } from '../../shared/inspection/record';

type Feed = { items: Array<{ kind: string; id: string; data: { comment?: string; inspectionId?: string } }> };

/**
 * Issue 13, ownership and chains, against a real hub process on SQLite and on PostgreSQL: an
 * inspection belongs to the device that first pushed it; another device's push, revision or report
 * is 403 and nothing is stored; a revision stands on the one before it; ids have one spelling;
 * blobs are read only by their records' device; an administrator hands records over, logged.
 */
for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`hub trust boundaries on ${backend}`, () => {
    const api = useHubApi(backend);
    const { call, pushBlobs } = api;
    let other: { deviceId: string; token: string };
    const put = (record: InspectionRecord, token: string, pathId = record.inspection.id) => call('PUT', `/api/v1/inspections/${pathId}`, token, pushRequestFor(record));
    const feed = async (token: string) => (await (await call('GET', '/api/v1/changes?limit=5000', token)).json()) as Feed;
    const heldRevision = async (id: string) => ((await (await call('GET', `/api/v1/inspections/${id}`, api.reviewer.token)).json()) as { revision: number }).revision;

    beforeAll(async () => {
      other = await enrollDevice(api.hub.url, 'inspector', api.env, 'Máy khác');
    });

    it("refuses another device's push, revision and report of a record with 403 not_owner, storing nothing", async () => {
      const { record, blobs } = sampleRecordWithBlobs({ photos: 1 });
      await pushBlobs(blobs);
      expect((await put(record, api.inspector.token)).status).toBe(201);
      const id = record.inspection.id;
      // The same revision again, a next revision, in a batch beside a record of its own, a report.
      const retry = await put(record, other.token);
      expect(retry.status).toBe(403);
      expect(await retry.json()).toMatchObject({ error: { code: 'not_owner' } });
      const second = nextRevision(record);
      expect((await put(second, other.token)).status).toBe(403);
      const own = sampleRecordWithBlobs();
      await pushBlobs(own.blobs);
      const batch = await call('POST', '/api/v1/inspections', other.token, { items: [second, own.record].map((r) => ({ id: r.inspection.id, ...pushRequestFor(r) })) });
      expect(batch.status).toBe(200);
      const { results } = (await batch.json()) as { results: Array<{ id: string; status: number; error?: { code: string } }> };
      expect(results.map((r) => [r.id, r.status, r.error?.code])).toEqual([
        [id, 403, 'not_owner'],
        [own.record.inspection.id, 201, undefined],
      ]);
      const report = await call('PUT', `/api/v1/inspections/${id}/report`, other.token, { revision: 1, sha256: [...blobs.keys()][0] });
      expect(report.status).toBe(403);
      expect(await report.json()).toMatchObject({ error: { code: 'not_owner' } });
      // Nothing of it is held: revision 1 is the newest, the feed has no revision 2 and no report.
      expect(await heldRevision(id)).toBe(1);
      const rows = (await feed(api.reviewer.token)).items.filter((i) => i.id.startsWith(id));
      expect(rows.map((r) => [r.kind, r.id])).toEqual([['inspection', `${id}@1`]]);
      // The owner's own next revision goes in.
      expect((await put(second, api.inspector.token)).status).toBe(201);
    });

    it('sends a review to the owning device only', async () => {
      const { record, blobs } = sampleRecordWithBlobs();
      await pushBlobs(blobs);
      expect((await put(record, api.inspector.token)).status).toBe(201);
      const comment = `Xem lại ${backend} ${record.inspection.id}`;
      expect((await call('POST', `/api/v1/inspections/${record.inspection.id}/reviews`, api.reviewer.token, { status: 'has-issues', comment })).status).toBe(201);
      expect((await feed(api.inspector.token)).items.some((i) => i.kind === 'review' && i.data.comment === comment)).toBe(true);
      expect((await feed(other.token)).items.some((i) => i.kind === 'review' && i.data.comment === comment)).toBe(false);
    });

    it('takes revision N+1 only on top of the held revision N: 409 broken_chain with what the hub holds', async () => {
      const { record, blobs } = sampleRecordWithBlobs();
      await pushBlobs(blobs);
      const id = record.inspection.id;
      // The record schema already refuses it; the store's chain check stands behind it for every caller.
      const claimsToReplace = await put(withCorrectionOnFirst(record), api.inspector.token);
      expect(claimsToReplace.status).toBe(422);
      expect(await claimsToReplace.json()).toMatchObject({ error: { code: 'invalid_record' } });
      const orphan = await put(nextRevision(record), api.inspector.token);
      expect(orphan.status).toBe(409);
      expect(await orphan.json()).toMatchObject({ error: { code: 'broken_chain', held: null } });
      expect((await call('GET', `/api/v1/inspections/${id}`, api.reviewer.token)).status).toBe(404);
      expect((await put(record, api.inspector.token)).status).toBe(201);
      const held = { revision: 1, contentHash: record.inspection.contentHash };
      const wrongHash = await put(nextRevision(record, 'c'.repeat(64)), api.inspector.token);
      expect(wrongHash.status).toBe(409);
      expect(await wrongHash.json()).toMatchObject({ error: { code: 'broken_chain', held } });
      const skipping = await put(nextRevision(nextRevision(record)), api.inspector.token);
      expect(skipping.status).toBe(409);
      expect(await skipping.json()).toMatchObject({ error: { code: 'broken_chain', held } });
      // In a batch too, item by item.
      const batch = await call('POST', '/api/v1/inspections', api.inspector.token, { items: [{ id, ...pushRequestFor(nextRevision(record, 'd'.repeat(64))) }] });
      expect(((await batch.json()) as { results: Array<{ status: number; error?: { code: string } }> }).results).toMatchObject([{ status: 409, error: { code: 'broken_chain' } }]);
      expect(await heldRevision(id)).toBe(1);
      const second = nextRevision(record);
      expect((await put(second, api.inspector.token)).status).toBe(201);
      expect((await put(second, api.inspector.token)).status).toBe(200);
      expect((await put(record, api.inspector.token)).status).toBe(200);
      expect(await heldRevision(id)).toBe(2);
    });

    it('compares ids in lower case: an upper-case path finds the record, an upper-case record id is refused', async () => {
      const { record, blobs } = sampleRecordWithBlobs();
      await pushBlobs(blobs);
      const id = record.inspection.id;
      expect((await put(record, api.inspector.token, id.toUpperCase())).status).toBe(201);
      expect((await put(record, api.inspector.token)).status).toBe(200);
      expect((await put(record, other.token, id.toUpperCase())).status).toBe(403);
      expect((await call('GET', `/api/v1/inspections/${id.toUpperCase()}`, api.reviewer.token)).status).toBe(200);
      const shouting = structuredClone(record);
      shouting.inspection.id = id.toUpperCase();
      for (const part of [shouting.roster, shouting.findings, shouting.recommendations, shouting.attachments, shouting.signatures]) for (const row of part) row.inspectionId = shouting.inspection.id;
      const refused = await call('PUT', `/api/v1/inspections/${id.toUpperCase()}`, api.inspector.token, { ...pushRequestFor(shouting), revision: 1 });
      expect(refused.status).toBe(422);
      expect(await refused.json()).toMatchObject({ error: { code: 'non_canonical_id' } });
      const rows = (await feed(api.reviewer.token)).items.filter((i) => i.kind === 'inspection' && i.id.toLowerCase().startsWith(id));
      expect(rows.map((r) => r.id)).toEqual([`${id}@1`]);
    });

    it('imports a USB bundle as a push from the laptop the administrator names, under the same ownership and chain rules', async () => {
      const mine = sampleRecordWithBlobs();
      const theirs = sampleRecordWithBlobs();
      await pushBlobs(mine.blobs);
      expect((await put(mine.record, api.inspector.token)).status).toBe(201);
      const blobs = new Map([...mine.blobs, ...theirs.blobs]);
      const dir = mkdtempSync(join(tmpdir(), 'congvu-bundle-'));
      try {
        const file = join(dir, 'bundle.zip');
        // The other laptop's bundle: its own new record, and a revision 2 of the inspector's record.
        writeFileSync(file, buildSyncBundle([theirs.record, nextRevision(mine.record)], blobs, '2026-11-23T10:30:00+07:00'));
        const run = await hubCli(['import', file, '--device', other.deviceId], api.env);
        expect(run.stdout).toContain('Records: 1 stored, 0 already held, 1 refused.');
        expect(run.stdout).toContain('not_owner');
        expect(run.status).toBe(1);
        expect(await heldRevision(mine.record.inspection.id)).toBe(1);
        expect((await put(theirs.record, api.inspector.token)).status).toBe(403);
        expect((await put(theirs.record, other.token)).status).toBe(200);
        // A revision that skips one is refused on this path too.
        writeFileSync(file, buildSyncBundle([nextRevision(nextRevision(theirs.record))], blobs, '2026-11-23T10:31:00+07:00'));
        expect((await hubCli(['import', file, '--device', other.deviceId], api.env)).stdout).toContain('broken_chain');
        expect(await heldRevision(theirs.record.inspection.id)).toBe(1);
        expect((await hubCli(['import', file, '--device', api.reviewer.deviceId], api.env)).status).toBe(2);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('lets an inspector read only the blobs of its own records; the administrator transfers records, logged', async () => {
      // A photo of its own (the sample photos are the same bytes in every sample record).
      const bytes = new TextEncoder().encode(`ảnh riêng ${backend} ${Date.now()}`);
      const photo = sha256HexSync(bytes);
      const { record, blobs } = sampleRecordWithBlobs({
        photos: 1,
        mutate: (r) => {
          r.attachments.push({ ...r.attachments[0]!, sha256: photo, size: bytes.length, caption: 'Ảnh riêng' });
        },
      });
      await pushBlobs(new Map([...blobs, [photo, bytes]]));
      const id = record.inspection.id;
      // Uploaded but linked to no record yet: not even its uploader reads it back.
      expect((await call('GET', `/api/v1/blobs/${photo}`, api.inspector.token)).status).toBe(403);
      expect((await put(record, api.inspector.token)).status).toBe(201);
      expect((await call('GET', `/api/v1/blobs/${photo}`, api.inspector.token)).status).toBe(200);
      const denied = await call('GET', `/api/v1/blobs/${photo}`, other.token);
      expect(denied.status).toBe(403);
      expect(await denied.json()).toMatchObject({ error: { code: 'forbidden' } });
      expect((await call('GET', `/api/v1/blobs/${photo}`, api.reviewer.token)).status).toBe(200);

      // To a reviewer, or to nobody: refused, nothing changes.
      const toReviewer = await hubCli(['transfer', '--inspection', id, '--to', api.reviewer.deviceId], api.env);
      expect(toReviewer.status).toBe(2);
      expect(toReviewer.stderr).toContain('not an active inspector');
      const moved = await hubCli(['transfer', '--inspection', id.toUpperCase(), '--to', other.deviceId], api.env);
      expect(moved.status).toBe(0);
      expect(moved.stdout).toContain(`Transferred 1 inspection(s) to ${other.deviceId}`);
      expect((await call('GET', `/api/v1/blobs/${photo}`, other.token)).status).toBe(200);
      expect((await call('GET', `/api/v1/blobs/${photo}`, api.inspector.token)).status).toBe(403);
      const second = nextRevision(record);
      expect((await put(second, api.inspector.token)).status).toBe(403);
      expect((await put(second, other.token)).status).toBe(201);
      const comment = `Sau bàn giao ${id}`;
      expect((await call('POST', `/api/v1/inspections/${id}/reviews`, api.reviewer.token, { status: 'approved', comment })).status).toBe(201);
      expect((await feed(other.token)).items.some((i) => i.kind === 'review' && i.data.comment === comment)).toBe(true);
      expect((await feed(api.inspector.token)).items.some((i) => i.kind === 'review' && i.data.comment === comment)).toBe(false);

      // Everything of one device at once, back again.
      const all = await hubCli(['transfer', '--from', other.deviceId, '--to', api.inspector.deviceId], api.env);
      expect(all.status).toBe(0);
      expect((await put(nextRevision(second), api.inspector.token)).status).toBe(201);
      const log = await hubCli(['log'], api.env);
      expect(log.status).toBe(0);
      // The log holds every administrative change (the enrollments too): the transfers are these.
      const lines = log.stdout.trim().split('\n').filter((line) => /^\S+ {2}\(cli\) {2}transfer {2}/.test(line));
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain(`"inspection":"${id}"`);
      expect(lines[1]).toContain(`"from":"${other.deviceId}"`);
    });
  });
}

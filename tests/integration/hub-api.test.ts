import { execFileSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushRequestFor } from '../../shared/sync/protocol';
import { sha256HexSync } from '../../shared/hash/sha256-sync';
import { BLOB_BATCH_MEDIA_TYPE, encodeBlobBatch } from '../../shared/sync/blob-batch';
import { enrollCode, enrollDevice, hubCli, startHub, startPgCluster, type PgCluster, type RunningHub } from '../support/hub';
import { buildSamplePdf, sampleRecordWithBlobs } from '../support/report-fixture';
import { makeTestIdentity } from '../support/test-certificate';
import { openHub } from '../../server/open-hub';
import { signPdf } from '../../electron/main/signing/sign-pdf';
import { canonicalJson } from '../../shared/hash/canonical-json';
import { recordBlobHashes, recordContentHash, type InspectionRecord } from '../../shared/inspection/record';

/**
 * The hub's API v1 against a real hub process on 127.0.0.1, once on SQLite and once on a
 * throwaway PostgreSQL cluster: the same behaviour on both.
 */
for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`hub API on ${backend}`, () => {
    let env: Record<string, string>;
    let hub: RunningHub;
    let pg: PgCluster | undefined;
    let dataDir: string;
    let inspector: { deviceId: string; token: string };
    let reviewer: { deviceId: string; token: string };
    const call = (method: string, path: string, token: string | null, body?: unknown, raw?: Uint8Array) =>
      fetch(`${hub.url}${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(raw ? { 'content-type': 'application/octet-stream' } : body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: raw ? Buffer.from(raw) : body !== undefined ? (typeof body === 'string' ? body : JSON.stringify(body)) : undefined,
      });
    /**
     * A body announced over the limit is refused from its headers: only its start is sent, as a
     * client streaming the whole of it would see the 413 and the connection closed under the rest.
     */
    const oversize = (path: string, contentType: string, length: number, start: string) =>
      new Promise<number>((done, fail) => {
        const req = httpRequest(`${hub.url}${path}`, { method: 'PUT', headers: { authorization: `Bearer ${inspector.token}`, 'content-type': contentType, 'content-length': String(length) } }, (res) => {
          res.resume();
          done(res.statusCode ?? 0);
          req.destroy();
        });
        req.on('error', fail);
        req.write(start);
      });
    const pushBlobs = async (blobs: Map<string, Uint8Array>) => {
      for (const [sha, bytes] of blobs) expect([200, 201]).toContain((await call('PUT', `/api/v1/blobs/${sha}`, inspector.token, undefined, bytes)).status);
    };

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'congvu-hubapi-'));
      if (backend === 'postgres') {
        pg = await startPgCluster();
        env = { DATABASE_URL: pg.url, HUB_DATA_DIR: dataDir, HUB_MAX_BLOB_MB: '2' };
      } else env = { HUB_DATA_DIR: dataDir, HUB_MAX_BLOB_MB: '2' };
      hub = await startHub(env);
      inspector = await enrollDevice(hub.url, 'inspector', env);
      reviewer = await enrollDevice(hub.url, 'reviewer', env);
    });

    afterAll(async () => {
      await hub?.stop();
      await pg?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('enrolls with a one-time code: wrong 401, used 409, and lists and revokes devices', async () => {
      const code = await enrollCode('inspector', 'Lê Hoàng Yến', env);
      const first = await call('POST', '/api/v1/enroll', null, { code: code.toLowerCase().replace(/-/g, ' '), deviceName: 'Laptop 1' });
      expect(first.status).toBe(201);
      const device = (await first.json()) as { deviceId: string; token: string; role: string };
      expect(device.role).toBe('inspector');
      expect((await call('POST', '/api/v1/enroll', null, { code, deviceName: 'Laptop 2' })).status).toBe(409);
      const wrong = await call('POST', '/api/v1/enroll', null, { code: 'AAAA-BBBB-CCCC', deviceName: 'x' });
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_code' } });
      const list = await hubCli(['devices', '--json'], env);
      expect(JSON.parse(list.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ id: device.deviceId, role: 'inspector' })]));
      expect((await hubCli(['revoke', device.deviceId], env)).status).toBe(0);
      expect((await call('GET', '/api/v1/changes', device.token)).status).toBe(401);
    });

    it('refuses requests without a token, or with an unknown one, and inspectors reading inspections', async () => {
      expect((await call('GET', '/api/v1/changes', null)).status).toBe(401);
      expect((await call('GET', '/api/v1/changes', 'not-a-real-token-aaaaaaaaaaaa')).status).toBe(401);
      const someId = '01900000-0000-7000-8000-000000000000';
      const forbidden = await call('GET', `/api/v1/inspections/${someId}`, inspector.token);
      expect(forbidden.status).toBe(403);
      expect(await forbidden.json()).toMatchObject({ error: { code: 'forbidden' } });
      expect((await call('POST', `/api/v1/inspections/${someId}/reviews`, inspector.token, { status: 'approved' })).status).toBe(403);
    });

    it('keeps blobs by hash: 201 stored, 200 held, 422 mismatch, 413 over the limit', async () => {
      const bytes = new TextEncoder().encode(`ảnh ${backend} ${Date.now()}`);
      const sha = sha256HexSync(bytes);
      expect((await call('HEAD', `/api/v1/blobs/${sha}`, inspector.token)).status).toBe(404);
      expect((await call('PUT', `/api/v1/blobs/${sha}`, inspector.token, undefined, bytes)).status).toBe(201);
      expect((await call('PUT', `/api/v1/blobs/${sha}`, inspector.token, undefined, bytes)).status).toBe(200);
      expect((await call('HEAD', `/api/v1/blobs/${sha}`, inspector.token)).status).toBe(200);
      const other = sha256HexSync(new TextEncoder().encode('khác'));
      const mismatch = await call('PUT', `/api/v1/blobs/${other}`, inspector.token, undefined, bytes);
      expect(mismatch.status).toBe(422);
      expect((await call('HEAD', `/api/v1/blobs/${other}`, inspector.token)).status).toBe(404);
      const big = new Uint8Array(2 * 1024 * 1024 + 10);
      const tooBig = await call('PUT', `/api/v1/blobs/${sha256HexSync(big)}`, inspector.token, undefined, big);
      expect(tooBig.status).toBe(413);
      expect(await tooBig.json()).toMatchObject({ error: { code: 'too_large' } });
      expect((await call('PUT', `/api/v1/blobs/../../etc/passwd`, inspector.token, undefined, bytes)).status).toBeGreaterThanOrEqual(400);
      expect((await call('PUT', `/api/v1/blobs/${'A'.repeat(64)}`, inspector.token, undefined, bytes)).status).toBe(400);
    });

    it('takes a finalized record once: 201, then 200 on a retry, 409 for another hash, 422 for missing blobs or a bad hash', async () => {
      const { record, blobs } = sampleRecordWithBlobs({ photos: 1 });
      const body = pushRequestFor(record);
      const path = `/api/v1/inspections/${record.inspection.id}`;
      const missing = await call('PUT', path, inspector.token, body);
      expect(missing.status).toBe(422);
      expect(((await missing.json()) as { error: { missingBlobs: string[] } }).error.missingBlobs.sort()).toEqual(body.blobs);
      await pushBlobs(blobs);
      const created = await call('PUT', path, inspector.token, body);
      expect(created.status).toBe(201);
      expect(await created.json()).toEqual({ id: record.inspection.id, revision: 1, contentHash: record.inspection.contentHash });
      expect((await call('PUT', path, inspector.token, body)).status).toBe(200);
      // The same id and revision with other content: a conflict, and the held record is untouched.
      const other = sampleRecordWithBlobs({
        mutate: (r) => {
          r.inspection.id = record.inspection.id;
          r.inspection.conclusion = 'Khác';
          for (const part of [r.roster, r.findings, r.recommendations, r.attachments, r.signatures]) for (const row of part) row.inspectionId = record.inspection.id;
        },
      });
      await pushBlobs(other.blobs);
      const conflict = await call('PUT', path, inspector.token, pushRequestFor(other.record));
      expect(conflict.status).toBe(409);
      const held = await call('GET', path, reviewer.token);
      expect(held.status).toBe(200);
      expect(await held.json()).toMatchObject({ revision: 1, contentHash: record.inspection.contentHash, blobs: body.blobs, record: { inspection: { conclusion: record.inspection.conclusion } } });
      // A contentHash that is not the record's own.
      const fresh = sampleRecordWithBlobs();
      await pushBlobs(fresh.blobs);
      const badHash = await call('PUT', `/api/v1/inspections/${fresh.record.inspection.id}`, inspector.token, { ...pushRequestFor(fresh.record), contentHash: 'a'.repeat(64) });
      expect(badHash.status).toBe(422);
      expect(await badHash.json()).toMatchObject({ error: { code: 'hash_mismatch' } });
      const tampered = pushRequestFor(fresh.record);
      tampered.record = { ...tampered.record, inspection: { ...tampered.record.inspection, place: 'Nơi khác' } };
      expect((await call('PUT', `/api/v1/inspections/${fresh.record.inspection.id}`, inspector.token, tampered)).status).toBe(422);
      expect((await call('GET', `/api/v1/inspections/${fresh.record.inspection.id}`, reviewer.token)).status).toBe(404);
    });

    it('takes several blobs in one request, each stored or refused on its own', async () => {
      const one = new TextEncoder().encode(`ảnh một ${backend} ${Date.now()}`);
      const two = new TextEncoder().encode(`ảnh hai ${backend} ${Date.now()}`);
      const held = new TextEncoder().encode(`đã có ${backend} ${Date.now()}`);
      await pushBlobs(new Map([[sha256HexSync(held), held]]));
      const forged = sha256HexSync(new TextEncoder().encode('không phải ảnh này'));
      const batch = async (blobs: Array<{ sha256: string; bytes: Uint8Array }>) => new Uint8Array(await encodeBlobBatch(blobs).arrayBuffer());
      const post = (body: Uint8Array, contentType = BLOB_BATCH_MEDIA_TYPE, token: string | null = inspector.token) =>
        fetch(`${hub.url}/api/v1/blobs`, { method: 'POST', headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': contentType }, body: Buffer.from(body) });
      const res = await post(await batch([{ sha256: sha256HexSync(one), bytes: one }, { sha256: sha256HexSync(held), bytes: held }, { sha256: forged, bytes: two }, { sha256: sha256HexSync(two), bytes: two }]));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        results: [
          { sha256: sha256HexSync(one), status: 'created' },
          { sha256: sha256HexSync(held), status: 'exists' },
          { sha256: forged, status: 'mismatch' },
          { sha256: sha256HexSync(two), status: 'created' },
        ],
      });
      for (const bytes of [one, two]) {
        const got = await call('GET', `/api/v1/blobs/${sha256HexSync(bytes)}`, inspector.token);
        expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
      }
      expect((await call('HEAD', `/api/v1/blobs/${forged}`, inspector.token)).status).toBe(404);
      // A body whose sizes do not add up, a manifest that is not one, the wrong media type, no token, a blob over the limit.
      const good = await batch([{ sha256: sha256HexSync(one), bytes: one }]);
      const bad: Array<[Uint8Array, string, string | null, number]> = [
        [good.subarray(0, good.length - 1), BLOB_BATCH_MEDIA_TYPE, inspector.token, 400],
        [new Uint8Array([...good, 0]), BLOB_BATCH_MEDIA_TYPE, inspector.token, 400],
        [new TextEncoder().encode('{"version":1,"blobs":[{"sha256":"../../x","size":1}]}\nx'), BLOB_BATCH_MEDIA_TYPE, inspector.token, 400],
        [new TextEncoder().encode('no manifest here'), BLOB_BATCH_MEDIA_TYPE, inspector.token, 400],
        [good, 'application/json', inspector.token, 400],
        [good, BLOB_BATCH_MEDIA_TYPE, null, 401],
      ];
      for (const [body, type, token, status] of bad) {
        const answer = await post(body, type, token);
        expect(answer.status).toBe(status);
        expect(await answer.json()).toMatchObject({ error: { code: expect.any(String) } });
      }
      // A blob over the limit is refused on its own; the one beside it is stored.
      const big = new Uint8Array(2 * 1024 * 1024 + 10);
      const small = new TextEncoder().encode(`ảnh nhỏ ${backend} ${Date.now()}`);
      const mixed = await post(await batch([{ sha256: sha256HexSync(big), bytes: big }, { sha256: sha256HexSync(small), bytes: small }]));
      expect(mixed.status).toBe(200);
      expect(await mixed.json()).toEqual({ results: [{ sha256: sha256HexSync(big), status: 'too_large' }, { sha256: sha256HexSync(small), status: 'created' }] });
      expect((await call('HEAD', `/api/v1/blobs/${sha256HexSync(big)}`, inspector.token)).status).toBe(404);
    });

    it('takes several records in one request, each answered as its own PUT would be and the accepted ones committed together', async () => {
      const fresh = sampleRecordWithBlobs({ photos: 1 });
      const retried = sampleRecordWithBlobs({ photos: 1 });
      const unheld = sha256HexSync(new TextEncoder().encode(`ảnh chưa gửi ${backend} ${Date.now()}`));
      const lacking = sampleRecordWithBlobs({
        photos: 1,
        mutate: (r) => {
          r.attachments.push({ ...r.attachments[0]!, sha256: unheld, caption: 'Ảnh chưa gửi lên hub' });
        },
      });
      const invalid = sampleRecordWithBlobs();
      await pushBlobs(new Map([...fresh.blobs, ...retried.blobs, ...invalid.blobs]));
      expect((await call('PUT', `/api/v1/inspections/${retried.record.inspection.id}`, inspector.token, pushRequestFor(retried.record))).status).toBe(201);
      const conflicting = sampleRecordWithBlobs({
        mutate: (r) => {
          r.inspection.id = retried.record.inspection.id;
          r.inspection.conclusion = 'Khác';
          for (const part of [r.roster, r.findings, r.recommendations, r.attachments, r.signatures]) for (const row of part) row.inspectionId = retried.record.inspection.id;
        },
      });
      await pushBlobs(conflicting.blobs);
      const item = (record: InspectionRecord) => ({ id: record.inspection.id, ...pushRequestFor(record) });
      const items = [
        item(fresh.record),
        item(retried.record),
        item(conflicting.record),
        item(lacking.record),
        { ...item(invalid.record), contentHash: 'a'.repeat(64) },
        { ...item(fresh.record), id: 'not-an-id' },
        item(fresh.record),
      ];
      // Text JSON can carry but RFC 8785 cannot (a lone surrogate), and a revision no database column holds.
      const surrogate = sampleRecordWithBlobs();
      const lone = item(surrogate.record);
      lone.record = { ...lone.record, inspection: { ...lone.record.inspection, conclusion: 'Kết luận \ud800' } };
      const huge = sampleRecordWithBlobs();
      items.push(lone, { ...item(huge.record), revision: 2 ** 31 });
      const res = await call('POST', '/api/v1/inspections', inspector.token, { items });
      expect(res.status).toBe(200);
      const { results } = (await res.json()) as { results: Array<{ id: string; status: number; error?: { code: string; missingBlobs?: string[] } }> };
      expect(results.map((r) => [r.id, r.status, r.error?.code])).toEqual([
        [fresh.record.inspection.id, 201, undefined],
        [retried.record.inspection.id, 200, undefined],
        [retried.record.inspection.id, 409, 'conflict'],
        [lacking.record.inspection.id, 422, 'missing_blobs'],
        [invalid.record.inspection.id, 422, 'hash_mismatch'],
        ['not-an-id', 400, 'bad_id'],
        // The same record twice in one request is stored once.
        [fresh.record.inspection.id, 200, undefined],
        [surrogate.record.inspection.id, 422, 'invalid_record'],
        [huge.record.inspection.id, 422, 'invalid_request'],
      ]);
      expect(results[0]).toEqual({ id: fresh.record.inspection.id, status: 201, revision: 1, contentHash: fresh.record.inspection.contentHash });
      expect(results[3]!.error!.missingBlobs).toEqual([unheld]);
      const stored = await call('GET', `/api/v1/inspections/${fresh.record.inspection.id}`, reviewer.token);
      expect(await stored.json()).toMatchObject({ contentHash: fresh.record.inspection.contentHash });
      for (const record of [lacking.record, invalid.record]) expect((await call('GET', `/api/v1/inspections/${record.inspection.id}`, reviewer.token)).status).toBe(404);
      expect(await (await call('GET', `/api/v1/inspections/${retried.record.inspection.id}`, reviewer.token)).json()).toMatchObject({ record: { inspection: { conclusion: retried.record.inspection.conclusion } } });
      const feed = (await (await call('GET', '/api/v1/changes?limit=5000', reviewer.token)).json()) as { items: Array<{ kind: string; id: string }> };
      expect(feed.items.filter((i) => i.id === `${fresh.record.inspection.id}@1`)).toHaveLength(1);
      // Only inspectors push, and a batch must be a list of 1 to 100 items.
      expect((await call('POST', '/api/v1/inspections', reviewer.token, { items: [item(fresh.record)] })).status).toBe(403);
      for (const body of [{ items: [] }, { items: 'x' }, { items: Array.from({ length: 101 }, () => item(fresh.record)) }, [], '{"items":[']) {
        const bad = await call('POST', '/api/v1/inspections', inspector.token, body);
        expect(bad.status).toBe(400);
        expect(await bad.json()).toMatchObject({ error: { code: expect.any(String) } });
      }
    });

    it('answers malformed JSON, wrong types, oversize bodies and path-like ids with a 4xx and stores nothing', async () => {
      const before = await (await call('GET', '/api/v1/changes?limit=5000', reviewer.token)).json() as { items: unknown[] };
      const id = '01900000-0000-7000-8000-000000000001';
      const cases: Array<[string, string, unknown]> = [
        ['PUT', `/api/v1/inspections/${id}`, '{"formatVersion": 1, "revision":'],
        ['PUT', `/api/v1/inspections/${id}`, { formatVersion: '1', revision: 'one', contentHash: 5, record: [], blobs: 'x' }],
        ['PUT', `/api/v1/inspections/${id}`, []],
        ['PUT', '/api/v1/inspections/..%2F..%2Fetc%2Fpasswd', { formatVersion: 1 }],
        ['PUT', '/api/v1/inspections/not-an-id', { formatVersion: 1 }],
        ['POST', '/api/v1/enroll', { code: 5 }],
        ['POST', `/api/v1/inspections/${id}/reviews`, { status: 'maybe' }],
        ['GET', '/api/v1/changes?limit=abc', undefined],
        ['GET', '/api/v1/changes?cursor=garbage', undefined],
        ['GET', `/api/v1/inspections/${id}?revision=${2 ** 31}`, undefined],
        ['PUT', `/api/v1/inspections/${id}/report`, { revision: 2 ** 31, sha256: 'a'.repeat(64) }],
        ['POST', `/api/v1/inspections/${id}/reviews`, { status: 'approved', revision: 1e300 }],
      ];
      for (const [method, path, body] of cases) {
        const token = path.includes('reviews') || path.includes('changes') || (method === 'GET' && path.includes('inspections')) ? reviewer.token : inspector.token;
        const res = await call(method, path, token, body);
        expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
        expect(await res.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      }
      expect(await oversize(`/api/v1/inspections/${id}`, 'application/json', 70 * 1024 * 1024, `{"pad":"${'x'.repeat(1024)}`)).toBe(413);
      const after = await (await call('GET', '/api/v1/changes?limit=5000', reviewer.token)).json() as { items: unknown[] };
      expect(after.items.length).toBe(before.items.length);
    });

    it('hands down changes in server order with a cursor that carries the epoch; reviews go back to the pushing device only', async () => {
      const { record, blobs } = sampleRecordWithBlobs();
      await pushBlobs(blobs);
      expect((await call('PUT', `/api/v1/inspections/${record.inspection.id}`, inspector.token, pushRequestFor(record))).status).toBe(201);
      const review = await call('POST', `/api/v1/inspections/${record.inspection.id}/reviews`, reviewer.token, { status: 'has-issues', comment: 'Thiếu chữ ký người chứng kiến' });
      expect(review.status).toBe(201);
      // Reviewers see inspections and reviews; paging with the cursor gives every row once, in order.
      const seen: Array<{ seq: number; kind: string }> = [];
      let cursor = '';
      for (;;) {
        const page = (await (await call('GET', `/api/v1/changes?limit=2${cursor ? `&cursor=${cursor}` : ''}`, reviewer.token)).json()) as { items: Array<{ seq: number; kind: string }>; cursor: string; more: boolean };
        seen.push(...page.items);
        cursor = page.cursor;
        if (!page.more) break;
      }
      expect(seen.map((s) => s.seq)).toEqual([...seen.map((s) => s.seq)].sort((a, b) => a - b));
      expect(new Set(seen.map((s) => s.seq)).size).toBe(seen.length);
      expect(seen.some((s) => s.kind === 'inspection')).toBe(true);
      const mine = (await (await call('GET', '/api/v1/changes', inspector.token)).json()) as { items: Array<{ kind: string; data: { comment?: string } }> };
      expect(mine.items.filter((i) => i.kind === 'inspection')).toEqual([]);
      expect(mine.items.find((i) => i.kind === 'review')?.data.comment).toBe('Thiếu chữ ký người chứng kiến');
      const stranger = await enrollDevice(hub.url, 'inspector', env);
      const theirs = (await (await call('GET', '/api/v1/changes', stranger.token)).json()) as { items: Array<{ kind: string }> };
      expect(theirs.items.filter((i) => i.kind === 'review')).toEqual([]);
      // A cursor from another epoch (a hub restored from backup) is refused, so the client starts over.
      const epoch = ((await (await call('GET', '/api/v1/health', null)).json()) as { epoch: string }).epoch;
      const stale = await call('GET', `/api/v1/changes?cursor=${'0'.repeat(8)}-0000-4000-8000-000000000000:3`, reviewer.token);
      expect(stale.status).toBe(409);
      expect(await stale.json()).toMatchObject({ error: { code: 'epoch_changed' } });
      const ahead = await call('GET', `/api/v1/changes?cursor=${epoch}:999999`, reviewer.token);
      expect(ahead.status).toBe(409);
    });

    it('hands reviewers each record with its blobs, and takes a signed PDF only when it is the signed form of a record it holds', async () => {
      const { record, blobs } = sampleRecordWithBlobs({ photos: 1 });
      const id = record.inspection.id;
      await pushBlobs(blobs);
      expect((await call('PUT', `/api/v1/inspections/${id}`, inspector.token, pushRequestFor(record))).status).toBe(201);
      const feed = async (token: string) => {
        const items: Array<{ kind: string; id: string; record?: InspectionRecord; blobs?: string[]; data: { sha256?: string } }> = [];
        let cursor = '';
        for (;;) {
          const res = await call('GET', `/api/v1/changes?include=records&limit=3${cursor ? `&cursor=${cursor}` : ''}`, token);
          if (res.status !== 200) return res.status;
          const page = (await res.json()) as { items: typeof items; cursor: string; more: boolean };
          items.push(...page.items);
          cursor = page.cursor;
          if (!page.more) return items;
        }
      };
      const items = await feed(reviewer.token);
      if (typeof items === 'number') throw new Error(`feed ${items}`);
      const item = items.find((i) => i.kind === 'inspection' && i.id === `${id}@1`)!;
      expect(canonicalJson(item.record)).toBe(canonicalJson(record));
      expect(recordContentHash(item.record!)).toBe(record.inspection.contentHash);
      expect(item.blobs).toEqual(recordBlobHashes(record));
      expect(await feed(inspector.token)).toBe(403);
      expect((await call('GET', '/api/v1/changes?include=everything', reviewer.token)).status).toBe(400);

      const identity = makeTestIdentity();
      const signed = await signPdf(buildSamplePdf(record, blobs), identity.p12, identity.passphrase, { reason: 'Ky bien ban', location: 'Can Tho', name: 'Test' });
      const sha = sha256HexSync(signed);
      const attach = () => call('PUT', `/api/v1/inspections/${id}/report`, inspector.token, { revision: 1, sha256: sha });
      expect(await (await attach()).json()).toMatchObject({ error: { code: 'missing_blobs', missingBlobs: [sha] } });
      expect((await call('PUT', `/api/v1/blobs/${sha}`, inspector.token, undefined, signed)).status).toBe(201);
      expect((await attach()).status).toBe(201);
      expect((await attach()).status).toBe(200);
      expect((await call('PUT', `/api/v1/inspections/${id}/report`, reviewer.token, { revision: 1, sha256: sha })).status).toBe(403);
      expect((await call('PUT', `/api/v1/inspections/${id}/report`, inspector.token, { revision: 2, sha256: sha })).status).toBe(404);
      expect((await call('PUT', `/api/v1/inspections/${id}/report`, inspector.token, { revision: 'x' })).status).toBe(422);
      // The same PDF offered for another record, and an unsigned one, are refused with the reason.
      const other = sampleRecordWithBlobs({ photos: 0 }).record;
      expect((await call('PUT', `/api/v1/inspections/${other.inspection.id}`, inspector.token, pushRequestFor(other))).status).toBe(201);
      const wrong = await call('PUT', `/api/v1/inspections/${other.inspection.id}/report`, inspector.token, { revision: 1, sha256: sha });
      expect(wrong.status).toBe(422);
      expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_report', problems: ['other-record'] } });
      const unsigned = buildSamplePdf(other, new Map());
      expect((await call('PUT', `/api/v1/blobs/${sha256HexSync(unsigned)}`, inspector.token, undefined, unsigned)).status).toBe(201);
      const bare = await call('PUT', `/api/v1/inspections/${other.inspection.id}/report`, inspector.token, { revision: 1, sha256: sha256HexSync(unsigned) });
      expect(((await bare.json()) as { error: { problems: string[] } }).error.problems).toContain('no-signature');
      const after = await feed(reviewer.token);
      if (typeof after === 'number') throw new Error(`feed ${after}`);
      expect(after.filter((i) => i.kind === 'report').map((i) => i.data.sha256)).toEqual([sha]);
      const mine = (await (await call('GET', '/api/v1/changes', inspector.token)).json()) as { items: Array<{ kind: string }> };
      expect(mine.items.filter((i) => i.kind === 'report')).toEqual([]);
    });

    // Readers page the feed by sequence number: on PostgreSQL, where transactions run side by side,
    // a row numbered later must not become visible while an earlier one is still uncommitted.
    it.runIf(backend === 'postgres')('never shows a change row while one numbered before it is still uncommitted', async () => {
      const { store, close } = await openHub(env);
      try {
        let release!: () => void;
        const held = new Promise<void>((r) => (release = r));
        let written!: () => void;
        const firstWritten = new Promise<void>((r) => (written = r));
        const first = store.db.transaction().execute(async (trx) => {
          await store.appendChange(trx, { kind: 'order-test', entityId: 'first', data: { n: 1 } });
          written();
          await held;
        });
        await firstWritten;
        let secondDone = false;
        const second = store.appendChange(store.db, { kind: 'order-test', entityId: 'second', data: { n: 2 } }).then(() => (secondDone = true));
        // Until the second writer is seen waiting for the feed's lock (or has got through, wrongly).
        const waiting = async () => (await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'`.execute(store.db)).rows[0]!.n;
        await expect.poll(async () => secondDone || (await waiting()) > 0).toBe(true);
        const visible = await store.db.selectFrom('changes').select('entity_id').where('kind', '=', 'order-test').execute();
        expect(secondDone).toBe(false);
        expect(visible).toEqual([]);
        release();
        await Promise.all([first, second]);
        const rows = await store.db.selectFrom('changes').select(['seq', 'entity_id']).where('kind', '=', 'order-test').orderBy('seq').execute();
        expect(rows.map((r) => r.entity_id)).toEqual(['first', 'second']);
      } finally {
        await close();
      }
    });

    it('publishes templates once per version and hands units down from a CSV', async () => {
      const file = join(dataDir, 'units.csv');
      (await import('node:fs')).writeFileSync(file, 'Mã đơn vị,Tên đơn vị,Cấp,Tỉnh/Thành phố,Họ và tên,Chức vụ,Bộ phận\n31471,UBND xã Tân Phước Hưng,xã,Cần Thơ,Phạm Minh Khôi,Chủ tịch,\n31471,UBND xã Tân Phước Hưng,xã,Cần Thơ,Võ Thị Thu Hằng,Công chức,Văn phòng\n');
      const imported = await hubCli(['import-units', file], env);
      expect(imported.stdout).toContain('1 unit(s) with 2 staff member(s)');
      const templateFile = join(dataDir, 'tpl.json');
      const { builtInTemplates } = await import('../../shared/templates');
      (await import('node:fs')).writeFileSync(templateFile, JSON.stringify(builtInTemplates[0]));
      expect((await hubCli(['publish-template', templateFile], env)).stdout).toContain('Published GIO@1');
      expect((await hubCli(['publish-template', templateFile], env)).stdout).toContain('already published, unchanged');
      (await import('node:fs')).writeFileSync(templateFile, JSON.stringify({ ...builtInTemplates[0], title: { vi: 'Khác', en: 'Other' } }));
      const changed = await hubCli(['publish-template', templateFile], env);
      expect(changed.status).not.toBe(0);
      expect(changed.stderr).toContain('new version');
      const feed = (await (await call('GET', '/api/v1/changes?limit=5000', inspector.token)).json()) as { items: Array<{ kind: string; id: string; data: { staff?: unknown[] } }> };
      expect(feed.items.filter((i) => i.kind === 'template').map((i) => i.id)).toEqual(['GIO@1']);
      expect(feed.items.find((i) => i.kind === 'unit' && i.id === '31471')?.data.staff).toHaveLength(2);
      expect((await hubCli(['assign', '--unit', '31471', '--from', '2026-12-01', '--to', '2026-12-15', '--team', 'Đoàn 1'], env)).stdout).toContain('Assigned UBND xã Tân Phước Hưng to Đoàn 1');
      expect((await hubCli(['assign', '--unit', '99999', '--from', '2026-12-01', '--team', 'x'], env)).stderr).toContain('Unknown unit');
      const basesFile = join(dataDir, 'bases.json');
      const { defaultLegalBases } = await import('../../shared/legal-bases/default-legal-bases');
      (await import('node:fs')).writeFileSync(basesFile, JSON.stringify(defaultLegalBases));
      expect((await hubCli(['publish-legal-bases', basesFile], env)).stdout).toContain(`Handed down ${defaultLegalBases.length} legal basis/bases (0 unchanged)`);
      expect((await hubCli(['publish-legal-bases', basesFile], env)).stdout).toContain(`Handed down 0 legal basis/bases (${defaultLegalBases.length} unchanged)`);
      const after = (await (await call('GET', '/api/v1/changes?limit=5000', inspector.token)).json()) as { items: Array<{ kind: string; data: { team?: string } }> };
      expect(after.items.find((i) => i.kind === 'assignment')?.data.team).toBe('Đoàn 1');
      expect(after.items.filter((i) => i.kind === 'legal-basis')).toHaveLength(defaultLegalBases.length);
    });
  });
}

describe('hub CLI export', () => {
  it("exports the department's sheets as XLSX and CSV, and the period report as PDF, from the command line", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'congvu-hubexport-'));
    const env = { HUB_DATA_DIR: dataDir };
    try {
      const { openHub } = await import('../../server/open-hub');
      const hub = await openHub(env);
      const { record, blobs } = sampleRecordWithBlobs();
      for (const [sha, bytes] of blobs) await hub.store.putBlob(sha, bytes);
      expect((await hub.store.putInspection('cli-test', pushRequestFor(record))).status).toBe(201);
      await hub.close();
      const day = record.inspection.arrival.at.slice(0, 10);
      // One row per checklist item: the roll call (GIO-03) and the late arrivals (GIO-04) have no finding of their own.
      const { currentBuiltInTemplates } = await import('../../shared/templates');
      const items = currentBuiltInTemplates.reduce((n, t) => n + t.sections.reduce((k, s) => k + s.items.length, 0), 0);
      expect(items).toBe(record.findings.length + 2);
      const expectedRows: Record<string, number> = { 'Cuộc kiểm tra': 1, 'Kết quả kiểm tra': items, 'Điểm danh': record.roster.length };

      const csvDir = join(dataDir, 'csv');
      const run = await hubCli(['export', '--format', 'csv', '--out', csvDir], env);
      expect(run.stdout).toContain('Wrote 5 CSV file(s) for 1 inspection(s)');
      const { readFileSync } = await import('node:fs');
      const findingsCsv = readFileSync(join(csvDir, 'ket-qua-kiem-tra.csv'), 'utf8');
      expect(findingsCsv.startsWith('\uFEFFMã cuộc kiểm tra,Lần lập,Ngày kiểm tra,Mã đơn vị,Đơn vị')).toBe(true);
      expect(findingsCsv.trim().split('\r\n')).toHaveLength(items + 1);
      expect(readFileSync(join(csvDir, 'diem-danh.csv'), 'utf8').trim().split('\r\n')).toHaveLength(record.roster.length + 1);

      const xlsx = join(dataDir, 'out.xlsx');
      expect((await hubCli(['export', '--format', 'xlsx', '--out', xlsx, '--from', day, '--to', day], env)).status).toBe(0);
      const ExcelJS = (await import('exceljs')).default;
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(xlsx);
      expect(workbook.worksheets.map((w) => w.name)).toEqual(['Cuộc kiểm tra', 'Kết quả kiểm tra', 'Điểm danh', 'Cán bộ vi phạm', 'Kiến nghị']);
      for (const [name, rows] of Object.entries(expectedRows)) expect(workbook.getWorksheet(name)!.rowCount).toBe(rows + 1);
      expect(workbook.getWorksheet('Cuộc kiểm tra')!.getRow(2).getCell(1).value).toBe(record.inspection.id);

      // A filter that matches nothing leaves the sheets with their headers only.
      const none = join(dataDir, 'none.xlsx');
      expect((await hubCli(['export', '--format', 'xlsx', '--out', none, '--unit', 'KHONG-CO'], env)).stdout).toContain('for 0 inspection(s)');

      const pdf = join(dataDir, 'report.pdf');
      expect((await hubCli(['export', '--format', 'pdf', '--out', pdf], env)).status).toBe(0);
      const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
      expect(text).toContain('BÁO CÁO');
      expect(text).toContain(record.inspection.unit.name);

      expect((await hubCli(['export', '--format', 'doc', '--out', xlsx], env)).stderr).toContain('--format xlsx|csv|pdf');
      expect((await hubCli(['export', '--format', 'xlsx', '--out', xlsx, '--from', '25/11/2026'], env)).stderr).toContain('--from must be a day');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

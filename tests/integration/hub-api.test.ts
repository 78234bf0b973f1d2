import { describe, expect, it } from 'vitest';
import { pushRequestFor } from '../../shared/sync/protocol';
import { sha256HexSync } from '../../shared/hash/sha256-sync';
import { BLOB_BATCH_MEDIA_TYPE, encodeBlobBatch } from '../../shared/sync/blob-batch';
import { enrollCode, hubCli } from '../support/hub';
import { useHubApi } from '../support/hub-api-harness';
import { sampleRecordWithBlobs } from '../support/report-fixture';
import type { InspectionRecord } from '../../shared/inspection/record';

/**
 * The hub's API v1 against a real hub process on 127.0.0.1, once on SQLite and once on a
 * throwaway PostgreSQL cluster, the same behaviour on both: enrollment, tokens, blobs, records
 * taken one by one and in batches, and malformed input. What the hub hands down is in hub-feed.
 */
for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`hub API on ${backend}`, () => {
    const api = useHubApi(backend);
    const { call, oversize, pushBlobs } = api;

    it('enrolls with a one-time code: wrong 401, used 409, and lists and revokes devices', async () => {
      const code = await enrollCode('inspector', 'Lê Hoàng Yến', api.env);
      const first = await call('POST', '/api/v1/enroll', null, { code: code.toLowerCase().replace(/-/g, ' '), deviceName: 'Laptop 1' });
      expect(first.status).toBe(201);
      const device = (await first.json()) as { deviceId: string; token: string; role: string };
      expect(device.role).toBe('inspector');
      expect((await call('POST', '/api/v1/enroll', null, { code, deviceName: 'Laptop 2' })).status).toBe(409);
      const wrong = await call('POST', '/api/v1/enroll', null, { code: 'AAAA-BBBB-CCCC', deviceName: 'x' });
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_code' } });
      const list = await hubCli(['devices', '--json'], api.env);
      expect(JSON.parse(list.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ id: device.deviceId, role: 'inspector' })]));
      expect((await hubCli(['revoke', device.deviceId], api.env)).status).toBe(0);
      expect((await call('GET', '/api/v1/changes', device.token)).status).toBe(401);
    });

    it('refuses requests without a token, or with an unknown one, and inspectors reading inspections', async () => {
      expect((await call('GET', '/api/v1/changes', null)).status).toBe(401);
      expect((await call('GET', '/api/v1/changes', 'not-a-real-token-aaaaaaaaaaaa')).status).toBe(401);
      const someId = '01900000-0000-7000-8000-000000000000';
      const forbidden = await call('GET', `/api/v1/inspections/${someId}`, api.inspector.token);
      expect(forbidden.status).toBe(403);
      expect(await forbidden.json()).toMatchObject({ error: { code: 'forbidden' } });
      expect((await call('POST', `/api/v1/inspections/${someId}/reviews`, api.inspector.token, { status: 'approved' })).status).toBe(403);
    });

    it('keeps blobs by hash: 201 stored, 200 held, 422 mismatch, 413 over the limit', async () => {
      const bytes = new TextEncoder().encode(`ảnh ${backend} ${Date.now()}`);
      const sha = sha256HexSync(bytes);
      expect((await call('HEAD', `/api/v1/blobs/${sha}`, api.inspector.token)).status).toBe(404);
      expect((await call('PUT', `/api/v1/blobs/${sha}`, api.inspector.token, undefined, bytes)).status).toBe(201);
      expect((await call('PUT', `/api/v1/blobs/${sha}`, api.inspector.token, undefined, bytes)).status).toBe(200);
      expect((await call('HEAD', `/api/v1/blobs/${sha}`, api.inspector.token)).status).toBe(200);
      const other = sha256HexSync(new TextEncoder().encode('khác'));
      const mismatch = await call('PUT', `/api/v1/blobs/${other}`, api.inspector.token, undefined, bytes);
      expect(mismatch.status).toBe(422);
      expect((await call('HEAD', `/api/v1/blobs/${other}`, api.inspector.token)).status).toBe(404);
      const big = new Uint8Array(2 * 1024 * 1024 + 10);
      const tooBig = await call('PUT', `/api/v1/blobs/${sha256HexSync(big)}`, api.inspector.token, undefined, big);
      expect(tooBig.status).toBe(413);
      expect(await tooBig.json()).toMatchObject({ error: { code: 'too_large' } });
      expect((await call('PUT', `/api/v1/blobs/../../etc/passwd`, api.inspector.token, undefined, bytes)).status).toBeGreaterThanOrEqual(400);
      expect((await call('PUT', `/api/v1/blobs/${'A'.repeat(64)}`, api.inspector.token, undefined, bytes)).status).toBe(400);
    });

    it('takes a finalized record once: 201, then 200 on a retry, 409 for another hash, 422 for missing blobs or a bad hash', async () => {
      const { record, blobs } = sampleRecordWithBlobs({ photos: 1 });
      const body = pushRequestFor(record);
      const path = `/api/v1/inspections/${record.inspection.id}`;
      const missing = await call('PUT', path, api.inspector.token, body);
      expect(missing.status).toBe(422);
      expect(((await missing.json()) as { error: { missingBlobs: string[] } }).error.missingBlobs.sort()).toEqual(body.blobs);
      await pushBlobs(blobs);
      const created = await call('PUT', path, api.inspector.token, body);
      expect(created.status).toBe(201);
      expect(await created.json()).toEqual({ id: record.inspection.id, revision: 1, contentHash: record.inspection.contentHash });
      expect((await call('PUT', path, api.inspector.token, body)).status).toBe(200);
      // The same id and revision with other content: a conflict, and the held record is untouched.
      const other = sampleRecordWithBlobs({
        mutate: (r) => {
          r.inspection.id = record.inspection.id;
          r.inspection.conclusion = 'Khác';
          for (const part of [r.roster, r.findings, r.recommendations, r.attachments, r.signatures]) for (const row of part) row.inspectionId = record.inspection.id;
        },
      });
      await pushBlobs(other.blobs);
      const conflict = await call('PUT', path, api.inspector.token, pushRequestFor(other.record));
      expect(conflict.status).toBe(409);
      const held = await call('GET', path, api.reviewer.token);
      expect(held.status).toBe(200);
      expect(await held.json()).toMatchObject({ revision: 1, contentHash: record.inspection.contentHash, blobs: body.blobs, record: { inspection: { conclusion: record.inspection.conclusion } } });
      // A contentHash that is not the record's own.
      const fresh = sampleRecordWithBlobs();
      await pushBlobs(fresh.blobs);
      const badHash = await call('PUT', `/api/v1/inspections/${fresh.record.inspection.id}`, api.inspector.token, { ...pushRequestFor(fresh.record), contentHash: 'a'.repeat(64) });
      expect(badHash.status).toBe(422);
      expect(await badHash.json()).toMatchObject({ error: { code: 'hash_mismatch' } });
      const tampered = pushRequestFor(fresh.record);
      tampered.record = { ...tampered.record, inspection: { ...tampered.record.inspection, place: 'Nơi khác' } };
      expect((await call('PUT', `/api/v1/inspections/${fresh.record.inspection.id}`, api.inspector.token, tampered)).status).toBe(422);
      expect((await call('GET', `/api/v1/inspections/${fresh.record.inspection.id}`, api.reviewer.token)).status).toBe(404);
    });

    it('takes several blobs in one request, each stored or refused on its own', async () => {
      const one = new TextEncoder().encode(`ảnh một ${backend} ${Date.now()}`);
      const two = new TextEncoder().encode(`ảnh hai ${backend} ${Date.now()}`);
      const held = new TextEncoder().encode(`đã có ${backend} ${Date.now()}`);
      await pushBlobs(new Map([[sha256HexSync(held), held]]));
      const forged = sha256HexSync(new TextEncoder().encode('không phải ảnh này'));
      const batch = async (blobs: Array<{ sha256: string; bytes: Uint8Array }>) => new Uint8Array(await encodeBlobBatch(blobs).arrayBuffer());
      const post = (body: Uint8Array, contentType = BLOB_BATCH_MEDIA_TYPE, token: string | null = api.inspector.token) =>
        fetch(`${api.hub.url}/api/v1/blobs`, { method: 'POST', headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': contentType }, body: Buffer.from(body) });
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
      // Read back by the reviewer: an inspector reads only the blobs its own records link to (see hub-trust).
      for (const bytes of [one, two]) {
        const got = await call('GET', `/api/v1/blobs/${sha256HexSync(bytes)}`, api.reviewer.token);
        expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
      }
      expect((await call('HEAD', `/api/v1/blobs/${forged}`, api.inspector.token)).status).toBe(404);
      // A body whose sizes do not add up, a manifest that is not one, the wrong media type, no token, a blob over the limit.
      const good = await batch([{ sha256: sha256HexSync(one), bytes: one }]);
      const bad: Array<[Uint8Array, string, string | null, number]> = [
        [good.subarray(0, good.length - 1), BLOB_BATCH_MEDIA_TYPE, api.inspector.token, 400],
        [new Uint8Array([...good, 0]), BLOB_BATCH_MEDIA_TYPE, api.inspector.token, 400],
        [new TextEncoder().encode('{"version":1,"blobs":[{"sha256":"../../x","size":1}]}\nx'), BLOB_BATCH_MEDIA_TYPE, api.inspector.token, 400],
        [new TextEncoder().encode('no manifest here'), BLOB_BATCH_MEDIA_TYPE, api.inspector.token, 400],
        [good, 'application/json', api.inspector.token, 400],
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
      expect((await call('HEAD', `/api/v1/blobs/${sha256HexSync(big)}`, api.inspector.token)).status).toBe(404);
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
      expect((await call('PUT', `/api/v1/inspections/${retried.record.inspection.id}`, api.inspector.token, pushRequestFor(retried.record))).status).toBe(201);
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
      // Text JSON can carry but no database stores (a lone surrogate) refuses the whole request (see hub-abuse).
      const surrogate = sampleRecordWithBlobs();
      const lone = item(surrogate.record);
      lone.record = { ...lone.record, inspection: { ...lone.record.inspection, conclusion: 'Kết luận \ud800' } };
      const refused = await call('POST', '/api/v1/inspections', api.inspector.token, { items: [lone] });
      expect(refused.status).toBe(422);
      expect(await refused.json()).toMatchObject({ error: { code: 'invalid_text' } });
      expect((await call('GET', `/api/v1/inspections/${surrogate.record.inspection.id}`, api.reviewer.token)).status).toBe(404);
      // A revision no database column holds.
      const huge = sampleRecordWithBlobs();
      items.push({ ...item(huge.record), revision: 2 ** 31 });
      const res = await call('POST', '/api/v1/inspections', api.inspector.token, { items });
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
        [huge.record.inspection.id, 422, 'invalid_request'],
      ]);
      expect(results[0]).toEqual({ id: fresh.record.inspection.id, status: 201, revision: 1, contentHash: fresh.record.inspection.contentHash });
      expect(results[3]!.error!.missingBlobs).toEqual([unheld]);
      const stored = await call('GET', `/api/v1/inspections/${fresh.record.inspection.id}`, api.reviewer.token);
      expect(await stored.json()).toMatchObject({ contentHash: fresh.record.inspection.contentHash });
      for (const record of [lacking.record, invalid.record]) expect((await call('GET', `/api/v1/inspections/${record.inspection.id}`, api.reviewer.token)).status).toBe(404);
      expect(await (await call('GET', `/api/v1/inspections/${retried.record.inspection.id}`, api.reviewer.token)).json()).toMatchObject({ record: { inspection: { conclusion: retried.record.inspection.conclusion } } });
      const feed = (await (await call('GET', '/api/v1/changes?limit=5000', api.reviewer.token)).json()) as { items: Array<{ kind: string; id: string }> };
      expect(feed.items.filter((i) => i.id === `${fresh.record.inspection.id}@1`)).toHaveLength(1);
      // Only inspectors push, and a batch must be a list of 1 to 100 items.
      expect((await call('POST', '/api/v1/inspections', api.reviewer.token, { items: [item(fresh.record)] })).status).toBe(403);
      for (const body of [{ items: [] }, { items: 'x' }, { items: Array.from({ length: 101 }, () => item(fresh.record)) }, [], '{"items":[']) {
        const bad = await call('POST', '/api/v1/inspections', api.inspector.token, body);
        expect(bad.status).toBe(400);
        expect(await bad.json()).toMatchObject({ error: { code: expect.any(String) } });
      }
    });

    it('answers malformed JSON, wrong types, oversize bodies and path-like ids with a 4xx and stores nothing', async () => {
      const before = await (await call('GET', '/api/v1/changes?limit=5000', api.reviewer.token)).json() as { items: unknown[] };
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
        const token = path.includes('reviews') || path.includes('changes') || (method === 'GET' && path.includes('inspections')) ? api.reviewer.token : api.inspector.token;
        const res = await call(method, path, token, body);
        expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
        expect(await res.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      }
      expect(await oversize(`/api/v1/inspections/${id}`, 'application/json', 70 * 1024 * 1024, `{"pad":"${'x'.repeat(1024)}`)).toBe(413);
      const after = await (await call('GET', '/api/v1/changes?limit=5000', api.reviewer.token)).json() as { items: unknown[] };
      expect(after.items.length).toBe(before.items.length);
    });
  });
}

import { Agent, request as httpRequest, type ClientRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256HexSync } from '../../shared/hash/sha256-sync';
import { SyncEngine } from '../../shared/sync/engine';
import { enrollDevice, startHub, startPgCluster, type PgCluster, type RunningHub } from '../support/hub';
import { MemorySyncStorage } from '../support/memory-sync-storage';
import { sampleRecordWithBlobs } from '../support/report-fixture';

const MB = 1024 * 1024;

interface Answer {
  status: number;
  json: unknown;
  /** The hub said it would close the connection after this answer (it keeps it open after a refusal it has read to the end). */
  closes: boolean;
}

/**
 * A PUT whose whole body is written, 64 KB at a time as a client streaming a file would, before the
 * answer is awaited: announced with Content-Length, or chunked.
 */
function streamPut(url: string, token: string, body: Uint8Array, agent: Agent, chunked = false): Promise<Answer> {
  return new Promise((done, fail) => {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', ...(chunked ? {} : { 'content-length': String(body.byteLength) }) };
    const req: ClientRequest = httpRequest(url, { method: 'PUT', headers, agent }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(parts).toString()), closes: String(res.headers.connection).toLowerCase() === 'close' }));
    });
    req.on('error', fail);
    for (let at = 0; at < body.byteLength; at += 64 * 1024) req.write(body.subarray(at, at + 64 * 1024));
    req.end();
  });
}

/**
 * A client still sending when the hub refuses its body as too large reads the 413, whatever the
 * machine's load: the hub reads the rest of the body instead of closing the connection under it
 * (which ended in EPIPE for the client, and the app's sync taking the refusal for a network fault).
 */
for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`hub answers over-limit uploads on ${backend}`, () => {
    let env: Record<string, string>;
    let hub: RunningHub;
    let pg: PgCluster | undefined;
    let dataDir: string;
    let token: string;

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'congvu-oversize-'));
      pg = backend === 'postgres' ? await startPgCluster() : undefined;
      env = { HUB_DATA_DIR: dataDir, HUB_MAX_BLOB_MB: '2', ...(pg ? { DATABASE_URL: pg.url } : {}) };
      hub = await startHub(env);
      token = (await enrollDevice(hub.url, 'inspector', env)).token;
    });

    afterAll(async () => {
      await hub?.stop();
      await pg?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const tooLarge = { error: { code: 'too_large', message: expect.any(String) } };

    it('answers every blob over the limit with a 413 the client reads: fetch, a streamed body, a chunked one', async () => {
      const big = new Uint8Array(2 * MB + 10);
      const url = `${hub.url}/api/v1/blobs/${sha256HexSync(big)}`;
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        for (let round = 0; round < 20; round++) {
          const res = await fetch(url, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: Buffer.from(big) });
          expect(res.status, `fetch, round ${round}`).toBe(413);
          expect(await res.json()).toMatchObject(tooLarge);
          for (const chunked of [false, true]) {
            const answer = await streamPut(url, token, big, agent, chunked);
            expect(answer, `${chunked ? 'chunked' : 'streamed'}, round ${round}`).toMatchObject({ status: 413, json: tooLarge });
            // The connection outlives the refusal (said in the answer itself, not inferred from an idle socket).
            expect(answer.closes, `${chunked ? 'chunked' : 'streamed'}, round ${round}`).toBe(false);
          }
        }
        const small = new TextEncoder().encode(`ảnh nhỏ ${backend}`);
        expect(await streamPut(`${hub.url}/api/v1/blobs/${sha256HexSync(small)}`, token, small, agent)).toMatchObject({ status: 201, closes: false });
      } finally {
        agent.destroy();
      }
    });

    it('cuts off a chunked body that runs on past what the hub takes on any route, after answering it', async () => {
      const chunk = new Uint8Array(MB);
      const outcome = await new Promise<{ status: number; cut: boolean }>((done) => {
        let status = 0;
        const req = httpRequest(`${hub.url}/api/v1/blobs/${sha256HexSync(chunk)}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' } }, (res) => {
          status = res.statusCode ?? 0;
          res.resume();
        });
        // More than the hub reads of a refused body (64 MB here), written at once: Node's client stops
        // emitting 'drain' once the answer has come, so it is not waited for.
        let cut = false;
        req.on('error', () => (cut = true));
        req.on('close', () => done({ status, cut }));
        for (let sent = 0; sent < 80; sent++) req.write(chunk);
        req.end();
      });
      expect(outcome).toEqual({ status: 413, cut: true });
    });

    it('tells the sync engine a photo is over the limit (for good), in a batch or alone, and pushes the other records', async () => {
      const extra = new Map<string, Uint8Array>();
      const withPhoto = (bytes: number, tag: number) =>
        sampleRecordWithBlobs({
          mutate: (record) => {
            const photo = new Uint8Array(bytes).fill(tag);
            const sha = sha256HexSync(photo);
            extra.set(sha, photo);
            record.attachments.push({ sha256: sha, inspectionId: record.inspection.id, revision: 1, itemCode: record.findings[0]!.itemCode, mime: 'image/jpeg', size: bytes, caption: 'Ảnh quá lớn', createdAt: '2026-11-23T08:00:00+07:00' });
          },
        });
      // 3 MB goes up in a blob batch (refused on its own inside it); 9 MB goes alone and meets the 413.
      const refused = [withPhoto(3 * MB, 1), ...[2, 3, 4].map((tag) => withPhoto(9 * MB, tag))];
      const fine = sampleRecordWithBlobs({ photos: 1 });
      const all = [...refused, fine];
      const storage = MemorySyncStorage.of(
        all.map((r) => r.record),
        new Map([...all.flatMap((r) => [...r.blobs]), ...extra]),
      );
      // One attempt each: a refusal lost to a reset connection would read as a network fault and stop the run.
      const report = await new SyncEngine(storage, { baseUrl: hub.url, token }, { maxAttempts: 1 }).push();
      expect(report).toMatchObject({ pushed: 1, failed: refused.length, stoppedBy: null });
      const status = (r: { record: { inspection: { id: string } } }) => storage.status.get(`${r.record.inspection.id}@1`);
      expect(status(fine)).toMatchObject({ state: 'synced' });
      for (const r of refused) expect(status(r)).toMatchObject({ state: 'failed', final: true, error: expect.stringContaining('too_large') });
    });
  });
}

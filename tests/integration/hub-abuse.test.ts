import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pushRequestFor } from '../../shared/sync/protocol';
import { useHubApi } from '../support/hub-api-harness';
import { enrollCode, startHub, type RunningHub } from '../support/hub';
import { rawExchange } from '../support/hub-raw';
import { sampleRecordWithBlobs } from '../support/report-fixture';

const ENROLL_PER_MINUTE = 10;

/** Every string leaf of a JSON value, as a path of keys, so each can be spoiled in turn. */
function stringPaths(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, k) => stringPaths(v, [...path, k]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
  return [];
}

function withStringAt(value: unknown, path: Array<string | number>, spoil: (s: string) => string): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  at[last] = spoil(at[last] as string);
  return copy;
}

/**
 * Issue 13, hostile input against a real hub process on SQLite and on PostgreSQL: text no database
 * stores, framework and parser errors, oversized and stalled bodies, enrollment guesses. Every
 * answer a 4xx in the API's shape with CORS and nosniff, nothing stored, the hub alive.
 */
for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`hub under hostile input on ${backend}`, () => {
    const api = useHubApi(backend, { HUB_ENROLL_PER_MINUTE: String(ENROLL_PER_MINUTE), HUB_IDLE_TIMEOUT_MS: '1000', HUB_REQUEST_TIMEOUT_MS: '3000' });
    const { call } = api;
    const feedLength = async () => ((await (await call('GET', '/api/v1/changes?limit=5000', api.reviewer.token)).json()) as { items: unknown[] }).items.length;
    const expectRefusal = async (res: Response, status: number, code: string, what: string) => {
      expect(res.status, what).toBe(status);
      expect(res.headers.get('access-control-allow-origin'), what).toBe('*');
      expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
      expect(await res.json(), what).toMatchObject({ error: { code, message: expect.any(String) } });
    };

    it('refuses NUL and lone surrogates in every string of a pushed record with 422 invalid_text, storing nothing', async () => {
      const before = await feedLength();
      const { record, blobs } = sampleRecordWithBlobs({ photos: 1 });
      await api.pushBlobs(blobs);
      const body = pushRequestFor(record);
      const paths = stringPaths(body);
      expect(paths.length).toBeGreaterThan(50);
      for (const [n, path] of paths.entries()) {
        const spoil = n % 5 === 4 ? (s: string) => `${s}\ud800` : (s: string) => `${s.slice(0, 1)}\u0000${s.slice(1)}`;
        await expectRefusal(await call('PUT', `/api/v1/inspections/${record.inspection.id}`, api.inspector.token, withStringAt(body, path, spoil)), 422, 'invalid_text', path.join('.'));
      }
      const batch = await call('POST', '/api/v1/inspections', api.inspector.token, { items: [{ id: record.inspection.id, ...(withStringAt(body, ['record', 'inspection', 'place'], (s) => `${s}\u0000`) as object) }] });
      await expectRefusal(batch, 422, 'invalid_text', 'batch');
      // A key holding NUL is text too.
      await expectRefusal(await call('PUT', `/api/v1/inspections/${record.inspection.id}`, api.inspector.token, { ...body, 'k\u0000': 1 }), 422, 'invalid_text', 'key');
      expect((await call('GET', `/api/v1/inspections/${record.inspection.id}`, api.reviewer.token)).status).toBe(404);
      expect(await feedLength()).toBe(before);
    });

    it('refuses NUL in enrollment, reviews, reports, blob lists, path parameters and query strings', async () => {
      const before = await feedLength();
      const id = '01900000-0000-7000-8000-0000000000a1';
      const code = await enrollCode('inspector', 'Người thử', api.env);
      await expectRefusal(await call('POST', '/api/v1/enroll', null, { code, deviceName: 'Máy\u0000' }), 422, 'invalid_text', 'deviceName');
      await expectRefusal(await call('POST', '/api/v1/enroll', null, { code: `${code}\u0000`, deviceName: 'Máy' }), 422, 'invalid_text', 'code');
      // The code was not spent by the refusals.
      expect((await call('POST', '/api/v1/enroll', null, { code, deviceName: 'Máy' })).status).toBe(201);
      await expectRefusal(await call('POST', `/api/v1/inspections/${id}/reviews`, api.reviewer.token, { status: 'approved', comment: 'Tốt\u0000' }), 422, 'invalid_text', 'comment');
      await expectRefusal(await call('PUT', `/api/v1/inspections/${id}/report`, api.inspector.token, { revision: 1, sha256: `${'a'.repeat(63)}\u0000` }), 422, 'invalid_text', 'report');
      await expectRefusal(await call('POST', '/api/v1/blobs/missing', api.inspector.token, { hashes: ['\u0000'] }), 422, 'invalid_text', 'missing');
      for (const [method, path, token] of [
        ['GET', '/api/v1/inspections/%00', api.reviewer.token],
        ['GET', `/api/v1/inspections/${id}%00`, api.reviewer.token],
        ['PUT', '/api/v1/inspections/%00', api.inspector.token],
        ['GET', '/api/v1/blobs/%00', api.inspector.token],
        ['HEAD', '/api/v1/blobs/%00', api.inspector.token],
        ['POST', '/api/v1/inspections/%00/reviews', api.reviewer.token],
        ['GET', '/api/v1/changes?cursor=%00', api.reviewer.token],
        ['GET', '/api/v1/changes?include=%00', api.reviewer.token],
        ['GET', `/api/v1/inspections/${id}?revision=%00`, api.reviewer.token],
        ['GET', '/api/v1/changes?%00=1', api.reviewer.token],
        ['GET', '/api/v1/inspections/%ED%A0%80', api.reviewer.token],
      ] as const) {
        const res = await call(method, path, token, method === 'PUT' || method === 'POST' ? { status: 'approved' } : undefined);
        expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
        expect(res.headers.get('access-control-allow-origin')).toBe('*');
        if (method !== 'HEAD') expect(await res.json()).toMatchObject({ error: { code: expect.any(String) } });
      }
      expect(await feedLength()).toBe(before);
    });

    it('answers framework and parser errors in the API shape with CORS: 414, bad percent-encoding, malformed JSON, media type, 404, 431, garbage', async () => {
      await expectRefusal(await call('GET', `/api/v1/inspections/${'a'.repeat(5000)}`, api.reviewer.token), 414, 'uri_too_long', '414');
      await expectRefusal(await call('GET', '/api/v1/inspections/%E0%A4%A', api.reviewer.token), 400, 'bad_url', 'percent-encoding');
      await expectRefusal(await call('PUT', '/api/v1/inspections/01900000-0000-7000-8000-0000000000a2', api.inspector.token, '{"revision":'), 400, 'bad_request', 'malformed JSON');
      const xml = await fetch(`${api.hub.url}/api/v1/inspections`, { method: 'POST', headers: { authorization: `Bearer ${api.inspector.token}`, 'content-type': 'text/xml' }, body: '<a/>' });
      await expectRefusal(xml, 415, 'unsupported_media_type', 'media type');
      await expectRefusal(await call('GET', '/api/v2/nothing', null), 404, 'not_found', '404');
      const huge = await rawExchange(api.hub.url, (send) => {
        send(`GET /api/v1/health HTTP/1.1\r\nhost: x\r\nx-pad: ${'p'.repeat(70 * 1024)}\r\n\r\n`);
      });
      expect(huge.status).toBe(431);
      expect(huge.headers['access-control-allow-origin']).toBe('*');
      expect(JSON.parse(huge.body)).toMatchObject({ error: { code: 'headers_too_large' } });
      const garbage = await rawExchange(api.hub.url, (send) => {
        send('HELLO THERE\r\n\r\n');
      });
      expect(garbage.status).toBe(400);
      expect(JSON.parse(garbage.body)).toMatchObject({ error: { code: 'bad_request' } });
      expect((await call('GET', '/api/v1/health', null)).status).toBe(200);
    });

    it('refuses a 64 MB enrollment from its headers, cuts a stalled and a trickled body, and stays alive', async () => {
      const big = await rawExchange(api.hub.url, (send) => {
        send(`POST /api/v1/enroll HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${64 * 1024 * 1024}\r\n\r\n{"code":"${'A'.repeat(8 * 1024)}`);
      });
      expect(big.status).toBe(413);
      expect(JSON.parse(big.body)).toMatchObject({ error: { code: 'too_large' } });
      expect(big.headers['access-control-allow-origin']).toBe('*');
      // Headers and the start of a body, then nothing: the idle timeout closes the connection.
      const stalled = await rawExchange(api.hub.url, (send) => {
        send(`PUT /api/v1/inspections/01900000-0000-7000-8000-0000000000a3 HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${api.inspector.token}\r\ncontent-type: application/json\r\ncontent-length: 5000\r\n\r\n{"revision":`);
      });
      expect(stalled.closed).toBe(true);
      // A byte at a time, each well inside the idle timeout: the request timeout cuts it.
      let sent = 0;
      const trickled = await rawExchange(api.hub.url, async (send) => {
        send(`POST /api/v1/blobs/missing HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${api.inspector.token}\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n`);
        for (;;) {
          await new Promise((r) => setTimeout(r, 200));
          if (!send(' ')) return;
          sent += 1;
          if (sent > 300) return;
        }
      });
      expect(trickled.closed).toBe(true);
      expect(sent).toBeLessThan(300);
      expect((await call('GET', '/api/v1/health', null)).status).toBe(200);
    }, 90_000);

    it('marks answers nosniff and no-store, the enrollment answer among them', async () => {
      const code = await enrollCode('inspector', 'Người thử 2', api.env);
      const enrolled = await call('POST', '/api/v1/enroll', null, { code, deviceName: 'Máy 2' });
      expect(enrolled.status).toBe(201);
      expect(enrolled.headers.get('cache-control')).toBe('no-store');
      expect(enrolled.headers.get('x-content-type-options')).toBe('nosniff');
      for (const res of [await call('GET', '/api/v1/health', null), await call('GET', '/api/v1/changes', api.reviewer.token), await call('GET', '/api/v1/changes', null)]) {
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('cache-control')).toBe('no-store');
      }
    });

    // Last: it spends this minute's enrollment attempts from 127.0.0.1.
    it('limits enrollment guesses per client address: 50 wrong codes in a second → 429 with Retry-After', async () => {
      // The code is made first: a CLI run takes seconds, and the limiter's one-minute window runs meanwhile.
      const code = await enrollCode('inspector', 'Người thử 3', api.env);
      // The window began with the suite's first enrollment: a burst that straddles its end is tried
      // again inside the next one, so what is checked never depends on where the clock stood.
      let answers: Response[] = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        answers = await Promise.all(Array.from({ length: 50 }, (_, n) => call('POST', '/api/v1/enroll', null, { code: `WRNG-CODE-${String(n).padStart(4, 'A')}`, deviceName: 'Đoán mò' })));
        const retryAfter = Number(answers.find((r) => r.status === 429)?.headers.get('retry-after') ?? 0);
        if (answers.filter((r) => r.status === 401).length <= ENROLL_PER_MINUTE && retryAfter >= 5) break;
        await new Promise((resolve) => setTimeout(resolve, (retryAfter + 1) * 1000));
      }
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(ENROLL_PER_MINUTE);
      expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
      const limited = answers.find((r) => r.status === 429)!;
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      await expectRefusal(limited, 429, 'too_many_requests', '429');
      // A right code is refused too until the window passes: guessing gains nothing.
      expect((await call('POST', '/api/v1/enroll', null, { code, deviceName: 'Máy 3' })).status).toBe(429);
      expect((await call('GET', '/api/v1/health', null)).status).toBe(200);
    });
  });
}

describe('hub start', () => {
  it('removes unfinished upload files left by a process that is gone, and keeps a live writer’s', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'congvu-parts-'));
    let running: RunningHub | undefined;
    try {
      // A process that has exited: its id names the leftover file.
      const gone = spawn(process.execPath, ['-e', '']);
      await new Promise((done) => gone.once('exit', done));
      const folder = join(dataDir, 'blobs', 'ab');
      mkdirSync(folder, { recursive: true });
      const sha = `ab${'0'.repeat(62)}`;
      const dead = join(folder, `.${sha}.${gone.pid}.x1.part`);
      const live = join(folder, `.${sha}.${process.pid}.x2.part`);
      const blob = join(folder, sha);
      for (const file of [dead, live, blob]) writeFileSync(file, 'bytes');
      running = await startHub({ HUB_DATA_DIR: dataDir });
      expect(existsSync(dead)).toBe(false);
      expect(existsSync(live)).toBe(true);
      expect(existsSync(blob)).toBe(true);
    } finally {
      await running?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

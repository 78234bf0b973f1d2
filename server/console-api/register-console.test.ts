import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_API_PREFIX } from '@shared/admin/admin-api';
import { buildHub } from '../app';
import { openHub } from '../open-hub';

/** The console's guards in process: paths spelled otherwise reach no route unguarded; a missing build says how to make it. */
describe('console routing (in process, SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'congvu-console-'));
  let opened: Awaited<ReturnType<typeof openHub>>;
  let hub: ReturnType<typeof buildHub>;
  beforeAll(async () => {
    opened = await openHub({ HUB_DATA_DIR: dir });
    const console = { consoleDir: join(dir, 'no-build'), tls: false, trustProxy: false, hubVersion: '0.0.0', dataDir: dir, signinPerMinute: 100 };
    hub = buildHub({ store: opened.store, epoch: await opened.store.epoch(), console });
  });
  afterAll(async () => {
    await hub.close();
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks for a session on every API path, however it is spelled', async () => {
    for (const url of [`${ADMIN_API_PREFIX}/devices`, '/admin/api/%761/devices', '/admin/api/v1/%64evices', '/admin/api/v1/devices/', '/admin/api/v1/log?limit=1', '/admin/api/v1/health', '/admin/api/v1/templates', '/admin/api/v1/units']) {
      const res = await hub.inject({ method: 'GET', url });
      expect([401, 404], `${url}: ${res.statusCode} ${res.body}`).toContain(res.statusCode);
    }
    // Same-origin only: the device API's CORS for any origin does not reach the console.
    const session = await hub.inject({ method: 'GET', url: `${ADMIN_API_PREFIX}/session`, headers: { origin: 'http://evil.example' } });
    expect(session.statusCode).toBe(401);
    expect(session.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await hub.inject({ method: 'OPTIONS', url: `${ADMIN_API_PREFIX}/session`, headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } });
    // No preflight passes: not a 2xx, and neither the CSRF header nor credentials allowed.
    expect(preflight.statusCode).toBeGreaterThanOrEqual(400);
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    expect(String(preflight.headers['access-control-allow-headers'] ?? '')).not.toContain('x-congvu-csrf');
    const change = await hub.inject({ method: 'POST', url: '/admin/api/%761/enrollments', headers: { 'content-type': 'application/json' }, payload: { role: 'inspector', name: 'A', hubUrl: 'http://127.0.0.1' } });
    expect(change.statusCode).toBe(401);
    expect(await opened.store.db.selectFrom('enrollment_codes').select('code_hash').execute()).toEqual([]);
  });

  it('counts sign-ins per client address: the forwarded one only behind a trusted proxy', async () => {
    let logins = 0;
    const limits = async (trustProxy: boolean, forwarded: string[]) => {
      const options = { consoleDir: dir, tls: false, trustProxy, hubVersion: '0.0.0', dataDir: dir, signinPerMinute: 2 };
      const proxied = buildHub({ store: opened.store, epoch: await opened.store.epoch(), console: options });
      try {
        const statuses: Array<number | string> = [];
        for (const hops of forwarded) {
          const res = await proxied.inject({ method: 'POST', url: `${ADMIN_API_PREFIX}/session`, remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': hops }, payload: { name: `ai.${++logins}`, password: 'sai rồi' } });
          statuses.push(res.statusCode === 429 ? `429 ${res.json<{ error: { code: string } }>().error.code}` : res.statusCode);
        }
        return statuses;
      } finally {
        await proxied.close();
      }
    };
    const threeClients = ['198.51.100.7, 203.0.113.1', '198.51.100.7, 203.0.113.2', '198.51.100.7, 203.0.113.3'];
    expect(await limits(true, threeClients)).toEqual([401, 401, 401]);
    expect(await limits(false, threeClients)).toEqual([401, 401, '429 too_many_requests']);
    // One client writing a new first hop each time: only the proxy's own entry (the last) is believed.
    expect(await limits(true, ['198.51.100.1, 203.0.113.9', '198.51.100.2, 203.0.113.9', '198.51.100.3, 203.0.113.9'])).toEqual([401, 401, '429 too_many_requests']);

  });

  it('answers a clear 503 naming the build command when the console is not built', async () => {
    const res = await hub.inject({ method: 'GET', url: '/admin' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build:admin');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

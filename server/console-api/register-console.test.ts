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
    const change = await hub.inject({ method: 'POST', url: '/admin/api/%761/enrollments', headers: { 'content-type': 'application/json' }, payload: { role: 'inspector', name: 'A', hubUrl: 'http://127.0.0.1' } });
    expect(change.statusCode).toBe(401);
    expect(await opened.store.db.selectFrom('enrollment_codes').select('code_hash').execute()).toEqual([]);
  });

  it('answers a clear 503 naming the build command when the console is not built', async () => {
    const res = await hub.inject({ method: 'GET', url: '/admin' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build:admin');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

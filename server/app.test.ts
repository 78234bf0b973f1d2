import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_VERSION } from '@shared/format-version';
import { buildHub } from './app';
import { openHub } from './open-hub';

describe('hub (in process, SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'congvu-hub-'));
  let opened: Awaited<ReturnType<typeof openHub>>;
  let hub: ReturnType<typeof buildHub>;
  beforeAll(async () => {
    opened = await openHub({ HUB_DATA_DIR: dir });
    hub = buildHub({ store: opened.store, epoch: await opened.store.epoch() });
  });
  afterAll(async () => {
    await hub.close();
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers health with its epoch and format version, and keeps the epoch across restarts', async () => {
    const res = await hub.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    const epoch = await opened.store.epoch();
    expect(res.json()).toEqual({ status: 'ok', epoch, formatVersion: FORMAT_VERSION });
    const again = await openHub({ HUB_DATA_DIR: dir });
    expect(await again.store.epoch()).toBe(epoch);
    await again.close();
  });

  it('answers unknown routes, missing tokens and malformed bodies with JSON errors, never a 5xx', async () => {
    const missing = await hub.inject({ method: 'GET', url: '/api/v1/nothing', headers: { authorization: 'Bearer xxxxxxxxxxxxxxxxxxxxxxxxxxx' } });
    expect(missing.statusCode).toBe(401);
    const outside = await hub.inject({ method: 'GET', url: '/elsewhere' });
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toMatchObject({ error: { code: 'not_found' } });
    const bad = await hub.inject({ method: 'POST', url: '/api/v1/enroll', headers: { 'content-type': 'application/json' }, payload: '{"code":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  });
});

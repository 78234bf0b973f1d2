import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMAT_VERSION } from '@shared/format-version';
import { buildHub } from './app';
import { loadOrCreateEpoch } from './epoch';

describe('hub', () => {
  it('answers health with its epoch and format version', async () => {
    const hub = buildHub({ epoch: '0b0e6a3e-6f0c-4a47-9a53-3c1c0c8d7e11' });
    const res = await hub.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', epoch: '0b0e6a3e-6f0c-4a47-9a53-3c1c0c8d7e11', formatVersion: FORMAT_VERSION });
  });

  it('answers unknown routes and malformed bodies with JSON errors, never a 5xx', async () => {
    const hub = buildHub({ epoch: 'e' });
    hub.post('/api/v1/echo', async (req) => req.body);
    const missing = await hub.inject({ method: 'GET', url: '/api/v1/nothing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'not_found' } });
    const bad = await hub.inject({ method: 'POST', url: '/api/v1/echo', headers: { 'content-type': 'application/json' }, payload: '{"a":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  it('keeps one epoch per data directory and refuses a damaged one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'congvu-hub-'));
    const epoch = loadOrCreateEpoch(dir);
    expect(loadOrCreateEpoch(dir)).toBe(epoch);
    writeFileSync(join(dir, 'hub-epoch'), 'garbage');
    expect(() => loadOrCreateEpoch(dir)).toThrow(/damaged/);
  });
});

import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { enrollDevice, startHub, startPgCluster, type PgCluster, type RunningHub } from './hub';

export type HubBackend = 'sqlite' | 'postgres';
interface Device {
  deviceId: string;
  token: string;
}

/** What a hub API suite works with; filled in before its first test. */
export interface HubApi {
  env: Record<string, string>;
  hub: RunningHub;
  dataDir: string;
  inspector: Device;
  reviewer: Device;
  call: (method: string, path: string, token: string | null, body?: unknown, raw?: Uint8Array) => Promise<Response>;
  /**
   * A body announced over the limit is refused from its headers: only its start is sent, as a
   * client streaming the whole of it would see the 413 and the connection closed under the rest.
   */
  oversize: (path: string, contentType: string, length: number, start: string) => Promise<number>;
  pushBlobs: (blobs: Map<string, Uint8Array>) => Promise<void>;
}

/**
 * A real hub process on 127.0.0.1 (on SQLite, or on a throwaway PostgreSQL cluster) with an
 * inspector and a reviewer enrolled, started before the suite's tests and stopped after them.
 */
export function useHubApi(backend: HubBackend, extraEnv: Record<string, string> = {}): HubApi {
  let pg: PgCluster | undefined;
  const api = {
    call: (method, path, token, body, raw) =>
      fetch(`${api.hub.url}${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(raw ? { 'content-type': 'application/octet-stream' } : body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: raw ? Buffer.from(raw) : body !== undefined ? (typeof body === 'string' ? body : JSON.stringify(body)) : undefined,
      }),
    oversize: (path, contentType, length, start) =>
      new Promise<number>((done, fail) => {
        const req = httpRequest(`${api.hub.url}${path}`, { method: 'PUT', headers: { authorization: `Bearer ${api.inspector.token}`, 'content-type': contentType, 'content-length': String(length) } }, (res) => {
          res.resume();
          done(res.statusCode ?? 0);
          req.destroy();
        });
        req.on('error', fail);
        req.write(start);
      }),
    pushBlobs: async (blobs) => {
      for (const [sha, bytes] of blobs) expect([200, 201]).toContain((await api.call('PUT', `/api/v1/blobs/${sha}`, api.inspector.token, undefined, bytes)).status);
    },
  } as HubApi;

  beforeAll(async () => {
    api.dataDir = mkdtempSync(join(tmpdir(), 'congvu-hubapi-'));
    if (backend === 'postgres') {
      pg = await startPgCluster();
      api.env = { DATABASE_URL: pg.url, HUB_DATA_DIR: api.dataDir, HUB_MAX_BLOB_MB: '2', ...extraEnv };
    } else api.env = { HUB_DATA_DIR: api.dataDir, HUB_MAX_BLOB_MB: '2', ...extraEnv };
    api.hub = await startHub(api.env);
    api.inspector = await enrollDevice(api.hub.url, 'inspector', api.env);
    api.reviewer = await enrollDevice(api.hub.url, 'reviewer', api.env);
  });

  afterAll(async () => {
    await api.hub?.stop();
    await pg?.stop();
    if (api.dataDir) rmSync(api.dataDir, { recursive: true, force: true });
  });
  return api;
}

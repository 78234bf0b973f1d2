import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_API_PREFIX } from '@shared/admin/admin-api';
import { hubCli, startHub, type RunningHub } from '../support/hub';

const PASSWORD = 'mật khẩu qua https 2026';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request to the https hub, trusting only the throwaway certificate made for this suite. */
function httpsCall(url: string, ca: Buffer, method: string, path: string, body?: unknown): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = request(`${url}${path}`, { method, ca, agent: false, headers: body === undefined ? {} : { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', fail);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/**
 * The hub serving https itself (HUB_TLS_CERT/HUB_TLS_KEY, a throwaway certificate for 127.0.0.1):
 * the console's cookie is Secure; sign-ins per client address are limited.
 */
describe('hub console over https', { timeout: 120_000 }, () => {
  let dir: string;
  let hub: RunningHub;
  let ca: Buffer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'congvu-hubtls-'));
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    ca = readFileSync(cert);
    const env = { HUB_DATA_DIR: dir, HUB_TLS_CERT: cert, HUB_TLS_KEY: key, HUB_SIGNIN_PER_MINUTE: '4' };
    const added = await hubCli(['admin', 'add', '--name', 'so.noivu', '--password-env', 'ADMIN_PW'], { ...env, ADMIN_PW: PASSWORD });
    expect(added.status, added.stderr).toBe(0);
    hub = await startHub(env);
  });

  afterAll(async () => {
    await hub?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('listens on https and sets a Secure, HttpOnly, SameSite=Strict cookie for /admin', async () => {
    expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const res = await httpsCall(hub.url, ca, 'POST', `${ADMIN_API_PREFIX}/session`, { name: 'so.noivu', password: PASSWORD });
    expect(res.status).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    for (const flag of [/; Secure/, /; HttpOnly/, /; SameSite=Strict/, /; Path=\/admin(;|$)/]) expect(cookie).toMatch(flag);
  });

  it('limits sign-in attempts per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await httpsCall(hub.url, ca, 'POST', `${ADMIN_API_PREFIX}/session`, { name: `ai.do.${i}`, password: 'sai mật khẩu rồi' })).status);
    // Four a minute (one spent above): three more answered, then 429 whatever the login.
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});

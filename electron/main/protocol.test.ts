import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from './protocol';
import { CONTENT_SECURITY_POLICY } from './security';

describe('congvu:// protocol', () => {
  let handler: (r: Request) => Promise<Response>;
  let outside: string;
  beforeAll(() => {
    const base = mkdtempSync(join(tmpdir(), 'congvu-proto-'));
    const root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    outside = join(base, 'secret.txt');
    writeFileSync(outside, 'secret');
    handler = createAppProtocolHandler(root);
  });

  it('serves the app with its CSP header and the right content type', async () => {
    const res = await handler(new Request('congvu://app/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const js = await handler(new Request('congvu://app/assets/app.js'));
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toBe('console.log(1)');
  });

  it('refuses paths that leave the app folder, other hosts, missing files and other methods', async () => {
    for (const url of [
      'congvu://app/%2e%2e/secret.txt',
      'congvu://app/..%2fsecret.txt',
      'congvu://app/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'congvu://other/index.html',
      'congvu://app/missing.js',
      'congvu://app/%E0%A4%A',
    ]) {
      const res = await handler(new Request(url));
      expect(res.status, url).toBe(404);
    }
    expect((await handler(new Request('congvu://app/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});

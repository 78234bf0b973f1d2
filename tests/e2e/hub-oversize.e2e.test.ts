import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, PLAYWRIGHT_TIMEOUT_MS } from '../support/chromium';
import { enrollDevice, startHub, type RunningHub } from '../support/hub';

/**
 * The app's sync runs on Chromium's fetch (in the browser build and in Electron): a photo over the
 * hub's limit must come back as a 413 with the hub's JSON error, and the connection it went on
 * must still serve the uploads after it.
 */
describe('an over-limit upload from Chromium (real hub)', () => {
  let hub: RunningHub;
  let dataDir: string;
  let token: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'congvu-e2e-oversize-'));
    const env = { HUB_DATA_DIR: dataDir, HUB_MAX_BLOB_MB: '2' };
    hub = await startHub(env);
    token = (await enrollDevice(hub.url, 'inspector', env)).token;
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, timeout: PLAYWRIGHT_TIMEOUT_MS });
    page = await browser.newPage();
    page.setDefaultTimeout(PLAYWRIGHT_TIMEOUT_MS);
    // The hub's own origin: the requests are the app's, without CORS in the way.
    await page.goto(`${hub.url}/api/v1/health`);
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reads the 413 for a body sent as bytes or as a Blob, and the next upload goes through', async () => {
    const answers = await page.evaluate(async (token) => {
      const put = async (bytes: Uint8Array<ArrayBuffer>, asBlob: boolean) => {
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
        const sha = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
        try {
          const res = await fetch(`/api/v1/blobs/${sha}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: asBlob ? new Blob([bytes]) : bytes });
          return `${res.status} ${JSON.stringify(await res.json())}`;
        } catch (error) {
          return String(error);
        }
      };
      const out: string[] = [];
      for (let round = 0; round < 3; round++) {
        for (const asBlob of [false, true]) out.push(await put(new Uint8Array(2 * 1024 * 1024 + 10).fill(round), asBlob));
      }
      out.push(await put(new TextEncoder().encode('ảnh nhỏ'), false));
      return out;
    }, token);
    const refused = `413 ${JSON.stringify({ error: { code: 'too_large', message: 'Request body is too large' } })}`;
    expect(answers.slice(0, -1)).toEqual(Array(6).fill(refused));
    expect(answers.at(-1)).toMatch(/^201 /);
  });
});

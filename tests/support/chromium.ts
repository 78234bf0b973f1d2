import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Flags for this machine: headless, no network chatter that the closed network would refuse. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * How long a Playwright action or wait may take before it counts as hung (its own default is 30 s).
 * A hang detector, not a speed target: a busy two-core machine is several times slower.
 */
export const PLAYWRIGHT_TIMEOUT_MS = 120_000;

export function freshProfileDir(prefix = 'congvu-profile-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A real Chromium with a profile on disk, so IndexedDB survives closing and relaunching it. In
 * Vietnam by default; `where` puts the browser elsewhere (its locale and time zone).
 */
export async function launchProfile(userDataDir: string, extraArgs: string[] = [], where: { locale: string; timezoneId: string } = { locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' }): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    headless: true,
    viewport: { width: 1280, height: 900 },
    ...where,
    timeout: PLAYWRIGHT_TIMEOUT_MS,
  });
  context.setDefaultTimeout(PLAYWRIGHT_TIMEOUT_MS);
  return context;
}

/** A fake camera that Chromium grants without asking: for the evidence-photo camera flow. */
export const FAKE_CAMERA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

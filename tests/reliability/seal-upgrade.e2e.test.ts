import { execFileSync, execSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startWebServer } from '../../scripts/serve-web';
import { seedBrowserStore } from '../bench/seed-browser-store';
import { freshProfileDir } from '../support/chromium';
import { readRawStore, readStore } from '../support/idb';
import { KillableChromium } from '../support/killable-chromium';
import { seededRandom } from '../support/seeded-random';

const REPO = resolve(import.meta.dirname, '../..');
const INSPECTIONS = 1500;
const FINDINGS_EACH = 4;
const KILLS = 5;
const SEED = Number(process.env['SEAL_KILL_SEED'] ?? Date.now() % 100_000);

const rng = seededRandom;

/**
 * The web build of the app as it was just before sealing (the parent of the commit that added the
 * sealed schema version), made in a temporary directory from git: the store it leaves is the one
 * the new app must upgrade.
 */
function buildPreviousApp(): string {
  const sealing = execFileSync('git', ['log', '-1', '--format=%H', '-S', 'this.version(5)', '--', 'renderer/src/db/database.ts'], { cwd: REPO, encoding: 'utf8' }).trim();
  const dir = mkdtempSync(join(tmpdir(), 'congvu-before-seal-'));
  execSync(`git archive ${sealing}^ | tar -x -C ${dir}`, { cwd: REPO });
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  execFileSync('npx', ['vite', 'build', '--config', 'vite.web.config.ts', '--logLevel', 'error'], { cwd: dir, stdio: 'inherit' });
  return dir;
}

describe('sealing an existing store survives kills midway', () => {
  const profile = freshProfileDir('congvu-seal-upgrade-');
  let previous: string | undefined;
  let server: Awaited<ReturnType<typeof startWebServer>> | undefined;
  let browser: KillableChromium | undefined;
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(profile, { recursive: true, force: true });
    if (previous) rmSync(previous, { recursive: true, force: true });
  });

  it(`loses no record and leaves every row sealed (${KILLS} kills, seed ${SEED})`, { timeout: 900_000 }, async () => {
    const random = rng(SEED);
    previous = buildPreviousApp();
    // The same origin for both builds: IndexedDB belongs to the origin.
    server = await startWebServer(join(previous, 'out/web'), 0);
    const port = Number(new URL(server.url).port);
    browser = await KillableChromium.start(profile, server.url);
    await browser.page.getByTestId('status-bar').waitFor();
    await seedBrowserStore(browser.page, INSPECTIONS, FINDINGS_EACH);
    await browser.page.evaluate(
      () =>
        new Promise<void>((ok, fail) => {
          const q = indexedDB.open('congvu');
          q.onsuccess = () => {
            const tx = q.result.transaction('settings', 'readwrite');
            tx.objectStore('settings').put({ key: 'hub.token', value: 'plain-token-before-sealing' });
            tx.oncomplete = () => (q.result.close(), ok());
            tx.onerror = () => fail(tx.error);
          };
        }),
    );
    const before = await readRawStore<{ sealed$?: unknown }>(browser.page, 'inspections');
    expect(before).toHaveLength(INSPECTIONS);
    expect(before.some((r) => r.sealed$ !== undefined)).toBe(false);
    await browser.kill();
    await server.close();

    server = await startWebServer(resolve(REPO, 'out/web'), port);
    const progress: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      browser = await KillableChromium.start(profile, server.url);
      await new Promise((r) => setTimeout(r, 300 + random() * 2500));
      progress.push((await readRawStore<{ sealed$?: unknown }>(browser.page, 'findings').catch(() => [])).filter((r) => r.sealed$ !== undefined).length);
      await new Promise((r) => setTimeout(r, random() * 400));
      await browser.kill();
    }
    console.log(`[seal-upgrade] sealed findings seen before each kill: ${progress.join(', ')} of ${INSPECTIONS * FINDINGS_EACH}`);

    browser = await KillableChromium.start(profile, server.url);
    const page = browser.page;
    await expect.poll(async () => (await readStore<{ key: string; value: unknown }>(page, 'settings')).find((s) => s.key === 'storage.sealedAll')?.value, { timeout: 300_000 }).toBe(true);
    const inspections = await readStore<{ id: string; unit: { name: string } }>(page, 'inspections');
    expect(inspections).toHaveLength(INSPECTIONS);
    expect(new Set(inspections.map((i) => i.unit.name)).size).toBe(INSPECTIONS);
    expect(inspections.every((i) => /^UBND xã số \d+$/.test(i.unit.name))).toBe(true);
    expect((await readStore<{ note: string }>(page, 'findings')).length).toBe(INSPECTIONS * FINDINGS_EACH);
    expect((await readStore<{ key: string; value: unknown }>(page, 'settings')).find((s) => s.key === 'hub.token')?.value).toBe('plain-token-before-sealing');
    for (const store of ['inspections', 'findings', 'rosterEntries', 'settings', 'units']) {
      const raw = await readRawStore<{ sealed$?: unknown }>(page, store);
      expect(raw.filter((r) => r.sealed$ === undefined), store).toEqual([]);
    }
    // And the app itself lists them.
    await page.getByTestId('status-bar').waitFor();
    expect(await page.getByText('UBND xã số 1500').count()).toBeGreaterThan(0);
  });
});

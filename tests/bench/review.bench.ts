import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pushRequestFor } from '../../shared/sync/protocol';
import { startWebServer } from '../../scripts/serve-web';
import type { BrowserContext } from 'playwright-core';
import { freshProfileDir, launchProfile } from '../support/chromium';
import { hubCli, ROOT, startHub } from '../support/hub';
import { seedRecords } from '../support/seed-records';
import { judge, median, type BenchRun } from './results';

const RECORDS = Number(process.env['BENCH_REVIEW_RECORDS'] ?? 10_000);

/** Peak resident memory of a child process, sampled from /proc while it runs. */
function runMeasured(args: string[], env: Record<string, string>): Promise<{ ms: number; peakMb: number; out: string }> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let peak = 0;
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setInterval(() => {
      try {
        const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (rss) peak = Math.max(peak, Number(rss[1]) / 1024);
      } catch {
        // The process has just exited.
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      if (code !== 0) return fail(new Error(`exit ${code}: ${out}`));
      done({ ms: performance.now() - t0, peakMb: peak, out });
    });
  });
}

/**
 * The department's side with 10,000 inspections (39 findings each): the reviewer's import from a
 * hub on loopback into the app's IndexedDB in Chromium, the dashboard over them, and the XLSX
 * export of every finding from the hub's command line (streamed).
 */
export async function benchReview({ emit, part }: BenchRun): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'congvu-bench-review-'));
  const env = { HUB_DATA_DIR: dir };
  try {
    const { records, blobs } = seedRecords(RECORDS, { photos: 0 });
    const findings = records.reduce((n, r) => n + r.findings.length, 0);
    console.log(`  ${records.length} records, ${findings} findings`);
    const { openHub } = await import('../../server/open-hub');
    const filled = await openHub(env);
    for (const [sha, bytes] of blobs) await filled.store.putBlob(sha, bytes);
    for (const record of records) await filled.store.putInspection('bench', pushRequestFor(record));
    await filled.close();

    await part('XLSX export from the hub CLI', async () => {
      const xlsx = await runMeasured(['--import', 'tsx', 'server/cli.ts', 'export', '--format', 'xlsx', '--out', join(dir, 'all.xlsx')], env);
      emit(judge('review.xlsx_300k_s', xlsx.ms / 1000, 's', '<= 15'));
      emit(judge('review.xlsx_peak_mb', xlsx.peakMb, 'MB', '<= 500'));
    });

    await part('import into Chromium and the dashboard', () => importAndDashboard(env, records, emit, part));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function importAndDashboard(env: Record<string, string>, records: readonly unknown[], emit: BenchRun['emit'], part: BenchRun['part']): Promise<void> {
  const hub = await startHub(env);
  try {
    const server = await startWebServer(resolve(import.meta.dirname, '../../out/web'), 0);
    try {
      await inChromium(hub.url, server.url, env, records, emit, part);
    } finally {
      await server.close();
    }
  } finally {
    await hub.stop();
  }
}

/** Plain JavaScript for the bare page (a string, so the TypeScript runner adds nothing to it): one transaction per chunk, timed in the page. */
const FLOOR_PUT = `async (rows) => {
  const db = await new Promise((ok, fail) => {
    const q = indexedDB.open('bench-floor', 1);
    q.onupgradeneeded = () => q.result.createObjectStore('records', { keyPath: ['inspection.id', 'inspection.revision'] });
    q.onsuccess = () => ok(q.result);
    q.onerror = () => fail(q.error);
  });
  const t0 = performance.now();
  await new Promise((ok, fail) => {
    const tx = db.transaction('records', 'readwrite', { durability: 'strict' });
    for (const row of rows) tx.objectStore('records').put(row);
    tx.oncomplete = ok;
    tx.onerror = () => fail(tx.error);
  });
  db.close();
  return performance.now() - t0;
}`;

/**
 * The floor under review.import_10k_s on this machine: the same records bulk-put into IndexedDB by
 * a bare page of the same origin (no app, no checks, no sealing), in chunks as the import pulls them;
 * only the time inside IndexedDB counts (not handing the records to the page).
 */
async function importFloorSeconds(context: BrowserContext, serverUrl: string, records: readonly unknown[]): Promise<number> {
  const page = await context.newPage();
  try {
    await page.route('**/bench-floor.html', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>floor</title>' }));
    await page.goto(new URL('/bench-floor.html', serverUrl).href);
    let ms = 0;
    for (let i = 0; i < records.length; i += 500) ms += (await page.evaluate(`(${FLOOR_PUT})(${JSON.stringify(records.slice(i, i + 500))})`)) as number;
    return ms / 1000;
  } finally {
    await page.close();
  }
}

async function inChromium(hubUrl: string, serverUrl: string, env: Record<string, string>, records: readonly unknown[], emit: BenchRun['emit'], part: BenchRun['part']): Promise<void> {
  const profile = freshProfileDir('congvu-bench-');
  const context = await launchProfile(profile);
  try {
    const floor = await importFloorSeconds(context, serverUrl, records);
    emit(judge('review.import_raw_floor_s', floor, 's', null));
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${serverUrl}#/sync`);
    const { qrPayload } = JSON.parse((await hubCli(['enroll', '--role', 'reviewer', '--name', 'Sở Nội vụ', '--json', '--hub-url', hubUrl], env)).stdout) as { qrPayload: string };
    await page.getByTestId('enroll-code').fill(qrPayload);
    await page.getByTestId('device-name').fill('Máy Sở');
    let peak = 0;
    const sampler = setInterval(() => {
      void cdp
        .send('Performance.getMetrics')
        .then(({ metrics }) => (peak = Math.max(peak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0)))
        .catch(() => undefined);
    }, 250);
    try {
      // Enrolling starts the first import by itself; the clock runs from the click on "enroll".
      const t0 = performance.now();
      await page.getByTestId('enroll-submit').click();
      await page.getByTestId('hub-panel').waitFor();
      await page.goto(`${serverUrl}#/review`);
      const button = page.getByTestId('review-import');
      if (await button.isEnabled()) await button.click();
      await page.waitForFunction((n) => document.querySelector('[data-testid="review-counts"]')?.textContent?.startsWith(`Đã nhập ${n} biên bản: ${n} khớp`), RECORDS, { polling: 200, timeout: 600_000 });
      // With sealing on, at most twice what IndexedDB alone takes for the same records in this run.
      emit(judge('review.import_10k_s', (performance.now() - t0) / 1000, 's', `<= ${(2 * floor).toFixed(3)}`));
    } finally {
      clearInterval(sampler);
    }
    emit(judge('review.import_peak_mb', peak / (1024 * 1024), 'MB', null));

    await part('dashboard opened from another page', async () => {
      // As a reviewer does during a session.
      const times: number[] = [];
      for (let k = 0; k < 5; k++) {
        await page.goto(`${serverUrl}#/sync`);
        await page.getByTestId('hub-panel').waitFor();
        const start = performance.now();
        await page.evaluate(() => (window.location.hash = '#/dashboard'));
        await page.getByTestId('chart-items').locator('svg').waitFor();
        times.push(performance.now() - start);
      }
      emit(judge('review.dashboard_ms', median(times), 'ms', '<= 300'));
    });
    await part('dashboard from a cold load', async () => {
      // The app loaded afresh straight onto the dashboard (its code, then every row read).
      const cold: number[] = [];
      for (let k = 0; k < 3; k++) {
        const start = performance.now();
        await page.goto(`${serverUrl}?cold=${k}#/dashboard`);
        await page.getByTestId('chart-items').locator('svg').waitFor();
        cold.push(performance.now() - start);
      }
      emit(judge('review.dashboard_cold_ms', median(cold), 'ms', null));
    });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

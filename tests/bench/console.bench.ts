import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freshProfileDir, launchProfile } from '../support/chromium';
import { hubCli, startHub } from '../support/hub';
import { judge, median, type BenchRun } from './results';

const DEVICES = 2000;
const PASSWORD = 'bench password, long enough';

/**
 * The console's Devices page on a hub with 2,000 enrolled devices: from opening the page (a full
 * load of /admin, the session checked) to its first rows on screen, in headless Chromium. The
 * floor, measured in the same run, is the page's own API call for those rows, fetched from the page.
 */
export async function benchConsole({ emit }: BenchRun): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'congvu-bench-console-'));
  const env = { HUB_DATA_DIR: dataDir };
  const profile = freshProfileDir('congvu-bench-');
  try {
    const { openHub } = await import('../../server/open-hub');
    const filled = await openHub(env);
    try {
      for (let i = 0; i < DEVICES; i++) {
        const { code } = await filled.store.createEnrollment(i % 10 === 0 ? 'reviewer' : 'inspector', `Cán bộ ${i + 1}`);
        await filled.store.enroll(code, `Máy ${i + 1}`);
      }
    } finally {
      await filled.close();
    }
    const made = await hubCli(['admin', 'add', '--name', 'bench.admin', '--password-env', 'CONGVU_BENCH_ADMIN_PASSWORD'], { ...env, CONGVU_BENCH_ADMIN_PASSWORD: PASSWORD });
    if (made.status !== 0) throw new Error(`admin add failed: ${made.stderr}`);
    const hub = await startHub(env);
    const context = await launchProfile(profile);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${hub.url}/admin/`);
      await page.getByLabel('Tên đăng nhập').fill('bench.admin');
      await page.getByLabel('Mật khẩu').fill(PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByTestId('device-row').first().waitFor();
      const times: number[] = [];
      const floors: number[] = [];
      for (let i = 0; i < 8; i++) {
        const start = performance.now();
        await page.goto(`${hub.url}/admin/?run=${i}#/devices`);
        await page.getByTestId('device-row').first().waitFor();
        times.push(performance.now() - start);
        floors.push(
          await page.evaluate(async () => {
            const t0 = performance.now();
            const res = await fetch('/admin/api/v1/devices?offset=0&limit=100&status=all', { credentials: 'same-origin', cache: 'no-store' });
            await res.json();
            return performance.now() - t0;
          }),
        );
      }
      const total = await page.getByTestId('pager-range').textContent();
      if (!total?.includes('2.000')) throw new Error(`The page does not list ${DEVICES} devices: ${total}`);
      // The first load compiles the bundle and warms the hub's statements: the rest are the figure.
      emit(judge('console.devices_page_ms', median(times.slice(1)), 'ms', '<= 300'));
      emit(judge('console.devices_api_floor_ms', median(floors.slice(1)), 'ms', null));
    } finally {
      await context.close();
      await hub.stop();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

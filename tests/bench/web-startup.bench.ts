import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startWebServer } from '../../scripts/serve-web';
import { freshProfileDir, launchProfile } from '../support/chromium';
import { judge, median, type BenchRun } from './results';

/** Navigation to the inspections list being on screen, in headless Chromium, on a fresh profile. */
export async function benchWebStartup({ emit }: BenchRun): Promise<void> {
  const server = await startWebServer(resolve(import.meta.dirname, '../../out/web'), 0);
  const profile = freshProfileDir('congvu-bench-');
  const context = await launchProfile(profile);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const times: number[] = [];
    for (let i = 0; i < 8; i++) {
      const start = performance.now();
      await page.goto(`${server.url}?run=${i}`);
      await page.getByRole('heading', { name: 'Các cuộc kiểm tra' }).waitFor();
      await page.getByTestId('empty-list').or(page.getByTestId('inspections-table')).waitFor();
      times.push(performance.now() - start);
    }
    emit(judge('web.empty_list_visible_ms', median(times.slice(1)), 'ms', '<= 1000'));
    const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    emit(judge('web.empty_list_heap_mb', heap / (1024 * 1024), 'MB', null));
  } finally {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

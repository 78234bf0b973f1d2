import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { startWebServer } from '../../scripts/serve-web';
import { freshProfileDir, launchProfile } from '../support/chromium';
import { judge, median, type BenchRun } from './results';
import { readStore } from '../support/idb';
import { seedBrowserStore } from './seed-browser-store';

const INSPECTIONS = Number(process.env['BENCH_INSPECTIONS'] ?? 10_000);
const FINDINGS_EACH = 30;

/** Plain JavaScript run in the page (a string, so the TypeScript runner adds nothing to it). */
const RAW_WRITE_PROBE = `(async () => {
  const db = await new Promise((ok) => { const q = indexedDB.open('congvu'); q.onsuccess = () => ok(q.result); });
  const ta = document.createElement('textarea');
  ta.id = 'bench-bare';
  document.body.prepend(ta);
  window.__benchRaw = [];
  window.__benchInputs = 0;
  ta.addEventListener('input', () => {
    window.__benchInputs += 1;
    const t0 = performance.now();
    const tx = db.transaction(['settings'], 'readwrite', { durability: 'strict' });
    tx.objectStore('settings').put({ key: 'bench.probe', value: ta.value });
    tx.oncomplete = () => window.__benchRaw.push(performance.now() - t0);
  });
})()`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * With 10,000 inspections and 300,000 findings stored: launch to list visible, renderer heap after
 * the list, and keystroke-to-committed-save times while typing a note.
 */
export async function benchRecording({ emit, part }: BenchRun): Promise<void> {
  const server = await startWebServer(resolve(import.meta.dirname, '../../out/web'), 0);
  const profile = freshProfileDir('congvu-bench-');
  let context = await launchProfile(profile, ['--enable-precise-memory-info']);
  try {
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    await page.getByTestId('empty-list').waitFor();
    const seedStart = Date.now();
    await seedBrowserStore(page, INSPECTIONS, FINDINGS_EACH);
    console.log(`  seeded ${INSPECTIONS} inspections, ${INSPECTIONS * FINDINGS_EACH} findings in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
    // The seeded rows are plain, as an app from before sealing left them: the next start seals them
    // (the marker the empty store got at its first start is taken away, as that app never wrote one).
    await page.evaluate(`new Promise((ok) => { const q = indexedDB.open('congvu'); q.onsuccess = () => { const tx = q.result.transaction('settings', 'readwrite'); tx.objectStore('settings').delete('storage.sealedAll'); tx.oncomplete = () => { q.result.close(); ok(); }; }; })`);
    await context.close();
    context = await launchProfile(profile, ['--enable-precise-memory-info']);
    page = context.pages()[0] ?? (await context.newPage());
    await part('sealing the stored rows in place', async () => {
      const t0 = Date.now();
      await page.goto(server.url);
      for (;;) {
        const settings = await readStore<{ key: string; value: unknown }>(page, 'settings');
        if (settings.some((s) => s.key === 'storage.sealedAll' && s.value === true)) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      emit(judge('startup.seal_existing_s', (Date.now() - t0) / 1000, 's', null));
    });
    // A cold start: the browser relaunched on the same profile, then the app opened each time.
    await context.close();
    context = await launchProfile(profile, ['--enable-precise-memory-info']);
    page = context.pages()[0] ?? (await context.newPage());
    await part('list on screen after a cold start', async () => {
      const times: number[] = [];
      for (let i = 0; i < 8; i++) {
        await page.goto(`${server.url}?run=${i}#/`);
        const visibleAt = await page.waitForFunction(() => (document.querySelectorAll('[data-testid="inspection-row"]').length > 0 ? performance.now() : 0), undefined, { polling: 5 });
        times.push(Number(await visibleAt.jsonValue()));
      }
      emit(judge('startup.list_visible_ms', median(times.slice(1)), 'ms', '<= 400'));
      const count = await page.locator('.page-head .muted').first().textContent();
      console.log(`  list shows "${count}"`);
      const heap = await page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize);
      emit(judge('startup.heap_mb', heap / (1024 * 1024), 'MB', null));
    });

    let rawP95: number | null = null;
    await part('plain IndexedDB writes from a textarea', async () => {
      // The floor under save.p95_ms in this browser: a bare textarea outside React whose input event
      // writes one small row with plain IndexedDB, typed at the same speed.
      await page.evaluate(RAW_WRITE_PROBE);
      await page.locator('#bench-bare').click();
      await page.keyboard.type('Công chức không đeo thẻ khi tiếp công dân; đã nhắc nhở tại chỗ. ', { delay: 120 });
      // Every keystroke's write committed, however long the last ones take.
      await page.waitForFunction('window.__benchRaw.length === window.__benchInputs', undefined, { polling: 20 });
      await page.evaluate(`document.getElementById('bench-bare').remove()`);
      const raw = (await page.evaluate('window.__benchRaw')) as number[];
      rawP95 = percentile(raw, 95);
      emit(judge('save.raw_idb_from_input_p95_ms', rawP95, 'ms', null));
      emit(judge('save.raw_idb_from_input_p50_ms', median(raw), 'ms', null));
    });
    await part('typing a note', async () => {
      // Typing a note at about 100 words a minute (120 ms a key), one committed save per keystroke.
      await page.getByTestId('inspection-row').first().getByRole('link').click();
      await page.getByRole('link', { name: 'Nội dung kiểm tra', exact: true }).click();
      const note = page.locator('textarea[data-testid^="note-"]').first();
      await note.click();
      await page.evaluate(() => performance.clearMeasures('congvu.save'));
      await page.keyboard.type('Công chức không đeo thẻ khi tiếp công dân; đã nhắc nhở tại chỗ. '.repeat(3), { delay: 120 });
      await page.waitForFunction(() => document.querySelector('[data-testid="save-indicator"]')?.getAttribute('data-state') === 'saved', undefined, { polling: 20 });
      const saves = await page.evaluate(() => performance.getEntriesByName('congvu.save').map((e) => e.duration));
      console.log(`  ${saves.length} saves while typing; median ${median(saves).toFixed(1)} ms`);
      // With sealing on, a save may cost at most a quarter more than the bare write measured just before.
      emit(judge('save.p95_ms', percentile(saves, 95), 'ms', rawP95 === null ? null : `<= ${(1.25 * rawP95).toFixed(3)}`));
      emit(judge('save.p50_ms', median(saves), 'ms', null));
    });
  } finally {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

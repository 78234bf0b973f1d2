import type { Page } from 'playwright-core';
import { sampleCompleteRecord } from '../../shared/inspection/sample';

/**
 * Runs in the page. Plain JavaScript in a string: the TypeScript runner would otherwise wrap the
 * named helpers in a function the page does not have.
 */
const SEED_SOURCE = `async ({ template, inspections, findingsEach }) => {
  const db = await new Promise((ok, fail) => {
    const r = indexedDB.open('congvu');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  function hex(n, width) { return n.toString(16).padStart(width, '0'); }
  const start = Date.UTC(2023, 0, 2, 0, 30);
  const batch = 500;
  for (let from = 0; from < inspections; from += batch) {
    await new Promise((ok, fail) => {
      const tx = db.transaction(['inspections', 'findings', 'rosterEntries'], 'readwrite', { durability: 'relaxed' });
      for (let n = from; n < Math.min(inspections, from + batch); n++) {
        const ms = start + n * 7200000;
        const id = hex(Math.floor(ms / 65536), 8) + '-' + hex(ms % 65536, 4) + '-7' + hex(n % 4096, 3) + '-8' + hex(n % 4096, 3) + '-' + hex(n, 12);
        const at = new Date(ms + 7 * 3600000).toISOString().slice(0, 19) + '.000+07:00';
        tx.objectStore('inspections').put({
          ...template.inspection,
          id,
          unit: { ...template.inspection.unit, name: 'UBND xã số ' + (n + 1), code: String(10000 + (n % 3000)) },
          arrival: { ...template.inspection.arrival, at },
          createdAt: at,
          updatedAt: at,
        });
        for (let f = 0; f < findingsEach; f++) {
          const finding = template.findings[f % template.findings.length];
          tx.objectStore('findings').put({ ...finding, id: id.slice(0, 24) + hex(f, 12), inspectionId: id });
        }
        template.roster.forEach((r, i) => tx.objectStore('rosterEntries').put({ ...r, id: id.slice(0, 24) + hex(100 + i, 12), inspectionId: id }));
      }
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
  }
  db.close();
}`;

/**
 * Fills the app's IndexedDB (already created by the app) with `inspections` inspections of
 * `findingsEach` findings, written directly in large transactions, as years of use would leave it.
 */
export async function seedBrowserStore(page: Page, inspections: number, findingsEach: number): Promise<void> {
  const sample = sampleCompleteRecord();
  const args = { template: { inspection: sample.inspection, findings: sample.findings.slice(0, findingsEach), roster: sample.roster }, inspections, findingsEach };
  await page.evaluate(`(${SEED_SOURCE})(${JSON.stringify(args)})`);
}

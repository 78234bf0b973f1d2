import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/schemas';
import { startWebServer } from '../../scripts/serve-web';
import { createInspectionViaUi, waitSaved } from '../support/app-driver';
import { freshProfileDir } from '../support/chromium';
import { readStore } from '../support/idb';
import { KillableChromium } from '../support/killable-chromium';
import { seededRandom } from '../support/seeded-random';

const MIN_EDITS = 220;
const SEED = Number(process.env['CRASH_SEED'] ?? Date.now() % 100_000);

const rng = seededRandom;

interface FieldHistory {
  /** Value the UI showed as saved, last time it did. */
  acked: string | null;
  /** Values set after that, not (yet) shown as saved. */
  pending: string[];
}

/** What a field holds, as a comparable string. */
function valueOf(finding: Finding, field: 'answer' | 'note'): string {
  if (field === 'note') return finding.note;
  return finding.answer?.type === 'compliance' ? finding.answer.value : 'null';
}

describe('crash safety: killing the browser at random moments during editing', () => {
  const profile = freshProfileDir('congvu-crash-');
  let server: Awaited<ReturnType<typeof startWebServer>> | undefined;
  let browser: KillableChromium | undefined;
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it(`loses nothing that was shown as saved (${MIN_EDITS}+ edits, seed ${SEED})`, { timeout: 600_000 }, async () => {
    const random = rng(SEED);
    server = await startWebServer(resolve(import.meta.dirname, '../../out/web'), 0);
    browser = await KillableChromium.start(profile, server.url);
    const id = await createInspectionViaUi(browser.page, { templates: ['VH', 'MC'], staff: [] });
    const findings = async (page: Page) => (await readStore<Finding>(page, 'findings')).filter((f) => f.inspectionId === id);
    const compliance = (await findings(browser.page)).filter((f) => /^(VH-(0[3-689]|1[0-2])|MC-(0[1-46]|09|1[0-5]))$/.test(f.itemCode)).map((f) => f.itemCode);
    const history = new Map<string, FieldHistory>();
    const stats = { edits: 0, acked: 0, kills: 0, sessions: 0, checkedFields: 0, inFlightAtKill: 0 };

    const verify = async (page: Page) => {
      const stored = new Map((await findings(page)).map((f) => [f.itemCode, f]));
      for (const [key, h] of history) {
        const [code, field] = key.split('/') as [string, 'answer' | 'note'];
        const value = valueOf(stored.get(code)!, field);
        const allowed = [h.acked ?? (field === 'note' ? '' : 'null'), ...h.pending];
        expect(allowed, `${key} holds "${value}", saved value was "${h.acked}" (seed ${SEED})`).toContain(value);
        stats.checkedFields += 1;
        // What is stored now is what the next session starts from.
        history.set(key, { acked: value, pending: [] });
      }
    };

    while (stats.edits < MIN_EDITS) {
      stats.sessions += 1;
      const page = browser.page;
      await page.goto(`${server.url}#/inspections/${id}/checklist`);
      await page.locator('[data-item-card]').first().waitFor();
      await verify(page);
      const editsBeforeKill = 8 + Math.floor(random() * 30);
      let sessionEdits = 0;
      const unacked: Array<[string, string]> = [];
      for (let i = 0; i < editsBeforeKill; i++) {
        const code = compliance[Math.floor(random() * compliance.length)]!;
        const card = page.locator(`[data-item-code="${code}"]`);
        let key: string;
        let value: string;
        if (random() < 0.5) {
          value = (['C', 'NC', 'NA'] as const)[Math.floor(random() * 3)]!;
          key = `${code}/answer`;
          await card.focus();
          await page.keyboard.press({ C: 'c', NC: 'n', NA: 'a' }[value]!);
        } else {
          value = `Ghi chú lần ${stats.edits + 1}: đã kiểm tra lúc ${new Date().toISOString().slice(11, 19)}`;
          key = `${code}/note`;
          await page.getByTestId(`note-${code}`).fill(value);
        }
        stats.edits += 1;
        sessionEdits += 1;
        unacked.push([key, value]);
        const h = history.get(key) ?? { acked: null, pending: [] };
        h.pending.push(value);
        history.set(key, h);
        if (random() < 0.6) {
          await waitSaved(page, sessionEdits);
          // Everything up to here is shown as saved: it must survive any crash from now on.
          for (const [k, v] of unacked) {
            const entry = history.get(k)!;
            entry.acked = v;
            entry.pending = entry.pending.slice(entry.pending.indexOf(v) + 1);
          }
          stats.acked += unacked.length;
          unacked.length = 0;
        }
      }
      stats.inFlightAtKill += unacked.length;
      await browser.kill();
      stats.kills += 1;
      browser = await KillableChromium.start(profile, `${server.url}#/inspections/${id}/checklist`);
    }
    await browser.page.locator('[data-item-card]').first().waitFor();
    await verify(browser.page);
    console.log(
      `[crash] seed ${SEED}: ${stats.edits} edits in ${stats.sessions} sessions, ${stats.acked} shown as saved, ` +
        `${stats.kills} kills (SIGKILL), ${stats.inFlightAtKill} edits not yet confirmed at a kill, ` +
        `${stats.checkedFields} field checks after relaunch, 0 saved edits lost`,
    );
    expect(stats.edits).toBeGreaterThanOrEqual(MIN_EDITS);
    expect(stats.kills).toBeGreaterThanOrEqual(5);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDepartmentTemplate } from '../../shared/templates/sample-department';
import { startWebServer } from '../../scripts/serve-web';
import { freshProfileDir, launchProfile } from '../support/chromium';
import { hubCli, startHub, type RunningHub } from '../support/hub';
import { openHub } from '../../server/open-hub';
import { createInspectionViaUi, tab } from '../support/app-driver';

/**
 * A checklist of the department's own (not GIO/VH/MC, with a ruled count and a roster item),
 * published on a real hub, reaches the inspector's app by sync, is offered on the new-inspection
 * page and is answered on the checklist tab.
 */
describe("a hub-published checklist in the inspector's app (real Chromium, real hub)", () => {
  let server: Awaited<ReturnType<typeof startWebServer>>;
  let hub: RunningHub;
  let env: Record<string, string>;
  let dataDir: string;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  let inspectionId = '';
  /** "Sync now", then the new-inspection page once the sync's result is what it offers: [GIO boxes, ANG boxes]. */
  const offeredAfterSync = async (want: [number, number]) => {
    await page.goto(`${server.url}#/sync`);
    await page.getByTestId('sync-now').click();
    await page.goto(`${server.url}#/new`);
    const boxes = async () => [await page.getByRole('checkbox', { name: /^GIO —/ }).count(), await page.getByRole('checkbox', { name: /^ANG —/ }).count()];
    await expect.poll(boxes).toEqual(want);
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'congvu-e2e-tpl-'));
    env = { HUB_DATA_DIR: dataDir };
    hub = await startHub(env);
    server = await startWebServer(resolve(import.meta.dirname, '../../out/web'), 0);
    profile = freshProfileDir();
    context = await launchProfile(profile);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url);
    await page.getByTestId('empty-list').waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    await hub?.stop();
    rmSync(profile, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is received at the next sync, chosen for a new inspection and answered, its count judged by its rule', async () => {
    const file = join(dataDir, 'ang.json');
    writeFileSync(file, JSON.stringify(sampleDepartmentTemplate(1)));
    const published = await hubCli(['publish-template', file], env);
    expect(published.status, published.stderr).toBe(0);

    const run = await hubCli(['enroll', '--role', 'inspector', '--name', 'Máy Đoàn An Giang', '--json', '--hub-url', hub.url], env);
    const { qrPayload } = JSON.parse(run.stdout) as { qrPayload: string };
    await page.goto(`${server.url}#/sync`);
    // The QR payload pasted in fills in the hub's address too.
    await page.getByTestId('hub-url').fill('');
    await page.getByTestId('enroll-code').fill(qrPayload);
    expect(await page.getByTestId('hub-url').inputValue()).toBe(hub.url);
    await page.getByTestId('device-name').fill('Máy Đoàn An Giang');
    await page.getByTestId('enroll-submit').click();
    await page.getByTestId('hub-panel').waitFor();
    await page.getByTestId('sync-now').click();
    await page.getByTestId('sync-result').waitFor();

    await page.goto(`${server.url}#/new`);
    const ang = page.getByRole('checkbox', { name: /^ANG —/ });
    await ang.waitFor();
    expect(await ang.isChecked()).toBe(true);
    // The built-in ones unticked: the inspection is answered against the department's checklist alone.
    inspectionId = await createInspectionViaUi(page, { templates: [] });
    await tab(page, 'Nội dung kiểm tra');
    await page.locator('[data-item-code="ANG-01"]').waitFor();
    expect(await page.locator('[data-item-card]').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-item-code')))).toEqual(['ANG-01', 'ANG-02', 'ANG-03']);

    const count = page.locator('[data-item-code="ANG-01"]');
    await count.getByLabel('ANG-01 Có mặt').fill('2');
    await count.getByLabel('ANG-01 Được phân công').fill('3');
    await page.waitForFunction(() => document.querySelector('[data-testid="verdict-ANG-01"]')?.textContent === 'Không đạt', undefined, { polling: 50 });

    const roster = page.locator('[data-item-code="ANG-03"]');
    await roster.getByRole('checkbox', { name: 'Võ Thị Thu Hằng' }).check();
    await page.waitForFunction(() => document.querySelector('[data-item-code="ANG-03"]')?.getAttribute('data-answered') === 'true', undefined, { polling: 50 });
    expect(await page.getByTestId('overall-progress').textContent()).toBe('Đã trả lời 2/3 nội dung');
    expect(pageErrors).toEqual([]);
  });

  it('is no longer offered once the hub retires that version, while the draft made with it still opens; a newer version is offered', async () => {
    // As the hub's retire route hands it down: a change of kind template-retired naming the version.
    const { store, close } = await openHub(env);
    await store.appendChange(store.db, { kind: 'template-retired', entityId: 'ANG@1', data: { ref: 'ANG@1', retiredAt: '2026-12-04T14:00:00+07:00' } });
    await close();
    await offeredAfterSync([1, 0]);

    await page.goto(`${server.url}#/inspections/${inspectionId}/checklist`);
    await page.locator('[data-item-code="ANG-01"]').waitFor();
    expect(await page.getByTestId('verdict-ANG-01').textContent()).toBe('Không đạt');
    expect(await page.locator('[data-item-code="ANG-03"]').getAttribute('data-answered')).toBe('true');

    const file = join(dataDir, 'ang2.json');
    writeFileSync(file, JSON.stringify(sampleDepartmentTemplate(2, { title: 'Kiểm tra công vụ tỉnh An Giang 2027' })));
    expect((await hubCli(['publish-template', file], env)).status).toBe(0);
    await offeredAfterSync([1, 1]);
    expect(await page.getByRole('checkbox', { name: /^ANG —/ }).getAttribute('value')).toBe('ANG@2');
    expect(pageErrors).toEqual([]);
  });
});

import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, Inspection } from '../../shared/schemas';
import { startWebServer } from '../../scripts/serve-web';
import { addRepresentative, answerRemaining, createInspectionViaUi, drawSignature, fillIssue, finalizeViaUi, markAllPresent, tab, waitSaved } from '../support/app-driver';
import { freshProfileDir, launchProfile } from '../support/chromium';
import { readStore } from '../support/idb';

describe('the same inspection open in two windows', () => {
  let server: Awaited<ReturnType<typeof startWebServer>>;
  let profile: string;
  let context: BrowserContext;
  let a: Page;
  let b: Page;
  let id: string;

  beforeAll(async () => {
    server = await startWebServer(resolve(import.meta.dirname, '../../out/web'), 0);
    profile = freshProfileDir();
    context = await launchProfile(profile);
    a = context.pages()[0] ?? (await context.newPage());
    await a.goto(server.url);
    id = await createInspectionViaUi(a);
    b = await context.newPage();
    await b.goto(`${server.url}#/inspections/${id}/checklist`);
    await tab(a, 'Nội dung kiểm tra');
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  const card = (page: Page, code: string) => page.locator(`[data-item-code="${code}"]`);

  it('shows a change made in one window in the other as soon as it is saved', async () => {
    await card(a, 'GIO-05').focus();
    await a.keyboard.press('n');
    await b.waitForFunction(() => document.querySelector('[data-item-code="GIO-05"]')?.getAttribute('data-answered') === 'true', undefined, { polling: 50 });
    expect(await card(b, 'GIO-05').getByRole('radio', { name: /Không đạt/ }).getAttribute('aria-checked')).toBe('true');
    await b.getByTestId('note-GIO-05').fill('Không có sổ theo dõi vắng mặt');
    await waitSaved(b);
    await expect.poll(() => a.getByTestId('note-GIO-05').inputValue()).toBe('Không có sổ theo dõi vắng mặt');
  });

  it('merges concurrent edits of the same list instead of one window overwriting the other', async () => {
    await Promise.all([
      card(a, 'VH-01').getByRole('checkbox', { name: 'Phạm Minh Khôi' }).check(),
      card(b, 'VH-01').getByRole('checkbox', { name: 'Huỳnh Ngọc Ánh' }).check(),
    ]);
    await Promise.all([waitSaved(a), waitSaved(b)]);
    const findings = (await readStore<Finding>(a, 'findings')).filter((f) => f.inspectionId === id && f.itemCode === 'VH-01');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.answer).toMatchObject({ type: 'roster', rosterIds: expect.arrayContaining([expect.any(String), expect.any(String)]) });
    expect((findings[0]!.answer as { rosterIds: string[] }).rosterIds).toHaveLength(2);
    for (const page of [a, b]) {
      await expect.poll(() => card(page, 'VH-01').getByRole('checkbox', { name: 'Phạm Minh Khôi' }).isChecked()).toBe(true);
      await expect.poll(() => card(page, 'VH-01').getByRole('checkbox', { name: 'Huỳnh Ngọc Ánh' }).isChecked()).toBe(true);
    }
  });

  it('never forks: one inspection, one row per item, whatever both windows did', async () => {
    await a.goto(`${server.url}#/`);
    await a.getByTestId('inspection-row').first().waitFor();
    expect(await a.getByTestId('inspection-row').count()).toBe(1);
    const inspections = (await readStore<Inspection>(a, 'inspections')).filter((i) => i.id === id);
    expect(inspections).toHaveLength(1);
    const codes = (await readStore<Finding>(a, 'findings')).filter((f) => f.inspectionId === id).map((f) => f.itemCode);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('locks the other window too when one finalizes', async () => {
    await a.goto(`${server.url}#/inspections/${id}`);
    await a.bringToFront();
    await markAllPresent(a);
    await answerRemaining(a);
    await addRepresentative(a, 'Phạm Minh Khôi', 'Chủ tịch UBND xã');
    await fillIssue(a);
    for (const role of ['unit-representative', 'recorder', 'leader']) await drawSignature(a, role);
    // Read only if it is there: a locator's textContent waits for its element to appear.
    const problems = a.getByTestId('finalize-problems');
    expect((await problems.count()) ? await problems.textContent() : '').toBe('');
    await finalizeViaUi(a);
    await b.getByTestId('locked-notice').waitFor();
    expect(await card(b, 'VH-03').getByRole('radio').first().isDisabled()).toBe(true);
    expect(await b.getByTestId('note-GIO-05').getAttribute('readonly')).not.toBeNull();
  });
});

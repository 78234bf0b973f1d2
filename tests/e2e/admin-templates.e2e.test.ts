import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleWorkbook } from '../../scripts/checklist-workbook/make-sample';
import { freshProfileDir, launchProfile } from '../support/chromium';
import { hubCli, startHub, type RunningHub } from '../support/hub';

const ADMIN = 'sonoivu.admin';
const PASSWORD = 'mật khẩu đủ dài 2026';
const shot = (name: string) => resolve(import.meta.dirname, `../../out/e2e-admin-templates-${name}.png`);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function edit(bytes: Uint8Array, change: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  change(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
const rowOf = (sheet: ExcelJS.Worksheet, code: string) => sheet.getRows(2, sheet.rowCount)!.find((r) => r.getCell(1).value === code)!;

/**
 * The console's Templates page in Chromium against a real hub process on SQLite: a workbook with
 * three mistakes refused row by row, fixed, previewed with the app's own checklist, compared,
 * published, a second version compared item by item, the first retired; both languages.
 */
describe('console Templates page (real Chromium, real hub)', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let hub: RunningHub;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const upload = async (name: string, buffer: Buffer) => page.getByTestId('workbook-file').setInputFiles({ name, mimeType: XLSX, buffer });
  const refs = () => page.getByTestId('template-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ref')));

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'congvu-e2e-admin-tpl-'));
    env = { HUB_DATA_DIR: dataDir };
    const made = await hubCli(['admin', 'add', '--name', ADMIN, '--password-env', 'CONGVU_TEST_ADMIN_PASSWORD'], { ...env, CONGVU_TEST_ADMIN_PASSWORD: PASSWORD });
    if (made.status !== 0) throw new Error(`admin add failed: ${made.stderr}`);
    hub = await startHub(env);
    profile = freshProfileDir();
    context = await launchProfile(profile, [], { locale: 'en-US', timezoneId: 'America/New_York' });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${hub.url}/admin/#/templates`);
    await page.getByLabel('Tên đăng nhập').fill(ADMIN);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Mẫu phiếu kiểm tra' }).waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await hub?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the built-in versions, each downloadable as a workbook', async () => {
    await page.getByTestId('templates-table').waitFor();
    expect(await refs()).toEqual(['GIO@1', 'MC@2', 'MC@1', 'VH@1']);
    const row = page.locator('[data-ref="MC@1"]');
    expect(await row.getByRole('cell').nth(3).textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(await row.getByTestId('retire').count()).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Tải về .xlsx' }).click()]);
    const path = join(dataDir, 'mc1.xlsx');
    await download.saveAs(path);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    expect(workbook.getWorksheet('Mục kiểm tra')).toBeDefined();
  });

  it('shows each of three mistakes with its sheet and row, and publishes nothing', async () => {
    const broken = await edit(await sampleWorkbook(), (workbook) => {
      const items = workbook.getWorksheet('Mục kiểm tra')!;
      rowOf(items, 'MCT-04').getCell(5).value = 'Có/Không';
      rowOf(items, 'MCT-05').getCell(15).value = 'x = 0';
      rowOf(items, 'MCT-08').getCell(1).value = 'MCT-01';
    });
    await upload('mau-loi.xlsx', broken);
    await page.getByTestId('workbook-problems').waitFor();
    const rows = await page.getByTestId('workbook-problem').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent)));
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      ['Mục kiểm tra', '5'],
      ['Mục kiểm tra', '6'],
      ['Mục kiểm tra', '9'],
    ]);
    expect(rows[0]![3]).toContain('Có/Không');
    expect(await page.getByTestId('publish').count()).toBe(0);
    expect(await page.getByTestId('template-preview').count()).toBe(0);
    await page.screenshot({ path: shot('problems-vi'), fullPage: true });
    expect(await refs()).not.toContain('MCT@1');
  });

  it('previews the fixed workbook with the app’s checklist (answerable), says it is new, publishes it after asking', async () => {
    await upload('mau.xlsx', Buffer.from(await sampleWorkbook()));
    await page.getByTestId('template-preview').waitFor();
    expect(await page.getByTestId('diff-new').textContent()).toBe('Mẫu mới: chưa có phiên bản nào của MCT.');
    const preview = page.getByTestId('template-preview');
    const card = preview.locator('[data-item-code="MCT-02"]');
    await card.getByLabel('MCT-02 Có mặt tại quầy').fill('1');
    await card.getByLabel('MCT-02 Được phân công').fill('2');
    expect(await preview.getByTestId('verdict-MCT-02').textContent()).toBe('Không đạt');
    await preview.locator('[data-item-code="MCT-03"]').getByRole('checkbox', { name: 'Võ Thị Thu Hằng' }).check();
    expect(await preview.locator('[data-item-code="MCT-03"]').getAttribute('data-answered')).toBe('true');
    await page.screenshot({ path: shot('preview-vi'), fullPage: true });
    // The trial answers are the page's only: cleared, the sample starts over (the arrival time filled in again).
    const answered = await preview.getByTestId('overall-progress').textContent();
    await preview.getByRole('button', { name: 'Xóa các câu trả lời thử' }).click();
    await expect.poll(() => preview.locator('[data-item-code="MCT-03"]').getAttribute('data-answered')).toBe('false');
    expect(await preview.getByTestId('overall-progress').textContent()).not.toBe(answered);

    await page.getByTestId('publish').click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('không bao giờ sửa được nữa');
    await dialog.getByRole('button', { name: 'Ban hành MCT@1' }).click();
    await expect.poll(() => page.getByTestId('templates-notice').textContent()).toBe('Đã ban hành MCT@1.');
    await expect.poll(refs).toContain('MCT@1');
    expect(await page.getByTestId('template-preview').count()).toBe(0);
  });

  it('compares a second version with the one it replaces, item by item, and publishes it', async () => {
    const v2 = await edit(await sampleWorkbook(), (workbook) => {
      workbook.getWorksheet('Mẫu')!.getCell('B2').value = 2;
      const items = workbook.getWorksheet('Mục kiểm tra')!;
      rowOf(items, 'MCT-04').getCell(3).value = 'Niêm yết công khai, đầy đủ thủ tục hành chính tại Bộ phận Một cửa';
    });
    await upload('mau-v2.xlsx', v2);
    await page.getByTestId('template-diff').waitFor();
    expect(await page.getByTestId('diff-replaces').textContent()).toBe('Thay thế MCT@1.');
    expect(await page.getByTestId('diff-changed').textContent()).toContain('MCT-04: nội dung');
    await page.getByTestId('publish').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Ban hành MCT@2' }).click();
    await expect.poll(refs).toContain('MCT@2');
  });

  it('retires a version after asking, saying records made with it are kept', async () => {
    const row = page.locator('[data-ref="MCT@1"]');
    await row.getByTestId('retire').click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('vẫn được giữ nguyên');
    await dialog.getByRole('button', { name: 'Thu hồi MCT@1' }).click();
    await expect.poll(() => row.getByTestId('template-state').textContent()).toBe('Đã thu hồi');
    expect(await row.getByTestId('retire').count()).toBe(0);
    expect(await page.locator('[data-ref="MCT@2"]').getByTestId('template-state').textContent()).toBe('Đang dùng');
    await page.screenshot({ path: shot('list-vi'), fullPage: true });
  });

  it('speaks English when the console does, problems and preview included (screenshots looked at)', async () => {
    await page.locator('.topbar select').selectOption('en');
    await page.getByRole('heading', { name: 'Checklist templates' }).waitFor();
    await page.screenshot({ path: shot('list-en'), fullPage: true });
    const broken = await edit(await sampleWorkbook(), (workbook) => {
      rowOf(workbook.getWorksheet('Mục kiểm tra')!, 'MCT-04').getCell(5).value = 'Có/Không';
    });
    await upload('broken.xlsx', broken);
    await page.getByTestId('workbook-problems').waitFor();
    expect(await page.getByTestId('workbook-problem').first().locator('td').nth(3).textContent()).toMatch(/answer type/i);
    await page.screenshot({ path: shot('problems-en'), fullPage: true });
    const v3 = await edit(await sampleWorkbook(), (workbook) => {
      workbook.getWorksheet('Mẫu')!.getCell('B2').value = 3;
    });
    await upload('v3.xlsx', v3);
    await page.getByTestId('template-preview').waitFor();
    // The arrival time is filled in as the inspection starts: one item answered already.
    expect(await page.getByTestId('template-preview').getByTestId('overall-progress').textContent()).toBe('1 of 8 items answered');
    await page.screenshot({ path: shot('preview-en'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});

import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer } from '../../scripts/serve-web';
import { freshProfileDir, launchProfile } from '../support/chromium';
import { readStore } from '../support/idb';

const UNIT = 'UBND xã Tân Phước Hưng';
const LEADER = 'Nguyễn Thị Ánh Tuyết';
const RECORDER = 'Lê Hoàng Yến';

describe('inspections in the browser build (real Chromium, real IndexedDB)', () => {
  let server: Awaited<ReturnType<typeof startWebServer>>;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  async function open(): Promise<void> {
    context = await launchProfile(profile);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // A CSP violation is reported on the console; the app must not cause any.
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) pageErrors.push(m.text());
    });
    await page.goto(server.url);
  }

  beforeAll(async () => {
    server = await startWebServer(resolve(import.meta.dirname, '../../out/web'), 0);
    profile = freshProfileDir();
    await open();
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  async function storedInspections(): Promise<Array<Record<string, unknown>>> {
    return readStore(page, 'inspections');
  }

  it('opens on the Vietnamese inspections list, empty', async () => {
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Các cuộc kiểm tra');
    await page.getByTestId('empty-list').waitFor();
    expect(await page.getByTestId('empty-list').textContent()).toContain('Chưa có cuộc kiểm tra nào');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
  });

  it('asks for persistent storage at start and shows the answer', async () => {
    const status = page.getByTestId('persist-status');
    await expect.poll(() => status.textContent()).toMatch(/^Lưu trữ bền vững: /);
    const stored = (await readStore<{ key: string }>(page, 'settings')).find((r) => r.key === 'storage.persist');
    expect(stored).toMatchObject({ key: 'storage.persist', value: { supported: true, granted: expect.any(Boolean) } });
  });

  it('refuses an incomplete form with specific Vietnamese messages, and saves nothing', async () => {
    await page.getByRole('link', { name: 'Tạo cuộc kiểm tra' }).first().click();
    await page.getByRole('button', { name: 'Bắt đầu kiểm tra' }).click();
    await expect.poll(() => page.getByText('Bắt buộc nhập').count()).toBeGreaterThan(3);
    const rows = page.getByTestId('team-row');
    await rows.nth(0).getByLabel('Họ và tên').fill(LEADER);
    await rows.nth(1).getByLabel('Họ và tên').fill('Trần Văn Đức');
    await rows.nth(2).getByLabel('Họ và tên').fill(RECORDER);
    await rows.nth(2).getByLabel('Vai trò').selectOption('leader');
    await page.getByRole('button', { name: 'Bắt đầu kiểm tra' }).click();
    await expect.poll(() => page.getByTestId('team-error').textContent()).toMatch(/Đoàn phải có đúng một (Trưởng đoàn|Người ghi biên bản)/);
    await page.getByRole('checkbox', { name: /GIO/ }).uncheck();
    await page.getByRole('checkbox', { name: /VH/ }).uncheck();
    await page.getByRole('checkbox', { name: /MC/ }).uncheck();
    await page.getByRole('button', { name: 'Bắt đầu kiểm tra' }).click();
    await page.getByText('Chọn ít nhất một nội dung kiểm tra').waitFor();
    expect(await page.evaluate(() => location.hash)).toBe('#/new');
    expect(await storedInspections()).toEqual([]);
  });

  it('creates an inspection that is stored and listed', async () => {
    await page.getByLabel('Tên đơn vị').fill(UNIT);
    await page.getByLabel('Mã đơn vị hành chính').fill('31471');
    await page.getByLabel('Tỉnh, thành phố').fill('Cần Thơ');
    await page.getByLabel('Địa chỉ trụ sở').fill('Ấp Phước Hưng, xã Tân Phước Hưng');
    await page.getByLabel('Địa điểm kiểm tra').fill('Trụ sở UBND xã Tân Phước Hưng');
    await page.getByTestId('team-row').nth(2).getByLabel('Vai trò').selectOption('recorder');
    await page.getByTestId('team-row').nth(0).getByLabel('Chức vụ').fill('Phó Giám đốc Sở Nội vụ');
    await page.getByRole('checkbox', { name: /GIO/ }).check();
    await page.getByRole('checkbox', { name: /MC/ }).check();
    await page.getByRole('button', { name: 'Bắt đầu kiểm tra' }).click();

    await page.getByTestId('inspection-detail').waitFor();
    // A new inspection opens on the roll call, the first thing done on arrival.
    expect(await page.evaluate(() => location.hash)).toMatch(/^#\/inspections\/[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\/roll-call$/);
    await page.getByRole('link', { name: 'Thông tin chung' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(UNIT);
    // Legal bases come from their own live query: wait for them rather than read a half-drawn page.
    await page.getByTestId('inspection-detail').getByText('968/CĐ-TTg', { exact: false }).first().waitFor();
    const detail = await page.getByTestId('inspection-detail').textContent();
    expect(detail).toContain(`${LEADER}, Phó Giám đốc Sở Nội vụ`);
    expect(detail).toContain('Công điện 968/CĐ-TTg');
    expect(detail).toContain('GIO — Giờ làm việc và điểm danh khi Đoàn đến (13 nội dung)');
    expect(detail).not.toContain('VH —');

    await page.getByRole('link', { name: 'Các cuộc kiểm tra' }).first().click();
    await page.getByTestId('inspection-row').first().waitFor();
    expect(await page.getByTestId('inspection-row').count()).toBe(1);
    const row = await page.getByTestId('inspection-row').textContent();
    expect(row).toContain(UNIT);
    expect(row).toContain(LEADER);
    expect(row).toContain('GIO, MC');
    expect(row).toContain('Đang kiểm tra');
  });

  it('keeps it across a reload', async () => {
    await page.reload();
    await page.getByTestId('inspection-row').first().waitFor();
    expect(await page.getByTestId('inspection-row').textContent()).toContain(UNIT);
    const rows = await storedInspections();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ formatVersion: 1, revision: 1, status: 'draft', templateRefs: ['GIO@1', 'MC@2'] });
  });

  it('keeps it when the browser is closed and started again on the same profile', async () => {
    const before = await storedInspections();
    await context.close();
    await open();
    await page.getByTestId('inspection-row').first().waitFor();
    expect(await page.getByTestId('inspection-row').count()).toBe(1);
    expect(await storedInspections()).toEqual(before);
    await page.getByRole('link', { name: UNIT }).click();
    await page.getByTestId('inspection-detail').waitFor();
    await page.getByRole('link', { name: 'Thông tin chung' }).click();
    expect(await page.getByTestId('inspection-detail').textContent()).toContain(RECORDER);
  });

  it('offers a unit met before, filling in its details, for the next inspection', async () => {
    await page.getByRole('link', { name: 'Tạo cuộc kiểm tra' }).first().click();
    await page.getByTestId('existing-unit').selectOption('31471');
    expect(await page.getByLabel('Tên đơn vị').inputValue()).toBe(UNIT);
    expect(await page.getByLabel('Tỉnh, thành phố').inputValue()).toBe('Cần Thơ');
    expect(await page.getByLabel('Địa điểm kiểm tra').inputValue()).toBe(`${UNIT}, Ấp Phước Hưng, xã Tân Phước Hưng`);
    const rows = page.getByTestId('team-row');
    await rows.nth(0).getByLabel('Họ và tên').fill('Đỗ Quang Vinh');
    await rows.nth(1).getByRole('button', { name: 'Xóa' }).click();
    await rows.nth(1).getByLabel('Họ và tên').fill('Bùi Thị Ngọc Ánh');
    await page.getByRole('button', { name: 'Bắt đầu kiểm tra' }).click();
    await page.getByTestId('inspection-detail').waitFor();
    await page.getByRole('link', { name: 'Các cuộc kiểm tra' }).first().click();
    await expect.poll(() => page.getByTestId('inspection-row').count()).toBe(2);
    // Newest arrival first.
    expect(await page.getByTestId('inspection-row').first().textContent()).toContain('Đỗ Quang Vinh');
    expect((await storedInspections()).map((i) => i['team']).flat()).toHaveLength(5);
  });

  it('switches to English and remembers the choice', async () => {
    await page.getByRole('link', { name: 'Các cuộc kiểm tra' }).first().click();
    await page.getByRole('combobox', { name: 'Ngôn ngữ' }).selectOption('en');
    await page.getByRole('heading', { name: 'Inspections' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Inspections' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByTestId('inspection-row').first().textContent()).toContain('In progress');
    await page.screenshot({ path: resolve(import.meta.dirname, '../../out/e2e-list-en.png') });
    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    await page.getByRole('heading', { name: 'Các cuộc kiểm tra' }).waitFor();
  });

  it('is served with the strict CSP', async () => {
    const response = await page.request.get(server.url);
    expect(response.headers()['content-security-policy']).toMatch(/script-src 'self';/);
  });

  it('raised no page errors and no CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshProfileDir, launchProfile } from '../support/chromium';
import { hubCli, startHub, type RunningHub } from '../support/hub';

const ADMIN = 'sonoivu.admin';
const PASSWORD = 'mật khẩu đủ dài 2026';
const shot = (name: string) => resolve(import.meta.dirname, `../../out/e2e-admin-${name}.png`);
const DAY_TIME = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/;

/**
 * The administration console in Chromium against a real hub process on SQLite, as an
 * administrator uses it. The browser is American (en-US, New York): every date must still read
 * dd/mm/yyyy and 24-hour.
 */
describe('administration console (real Chromium, real hub)', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let hub: RunningHub;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const open = (path: string) => page.goto(`${hub.url}/admin/#/${path}`);
  const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'congvu-e2e-admin-'));
    env = { HUB_DATA_DIR: dataDir };
    const made = await hubCli(['admin', 'add', '--name', ADMIN, '--password-env', 'CONGVU_TEST_ADMIN_PASSWORD'], { ...env, CONGVU_TEST_ADMIN_PASSWORD: PASSWORD });
    if (made.status !== 0) throw new Error(`admin add failed: ${made.stderr}`);
    hub = await startHub(env);
    profile = freshProfileDir();
    context = await launchProfile(profile, [], { locale: 'en-US', timezoneId: 'America/New_York' });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) pageErrors.push(m.text());
    });
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await page.screenshot({ path: shot(`failed-${task.name.slice(0, 30).replace(/\W+/g, '-')}`), fullPage: true });
  });

  afterAll(async () => {
    await context?.close();
    await hub?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a wrong password, says how long a locked login waits, then signs in', async () => {
    await open('');
    await page.getByLabel('Tên đăng nhập').fill(ADMIN);
    await page.getByLabel('Mật khẩu').fill('not the password at all');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toBe('Sai tên đăng nhập hoặc mật khẩu.');
    await page.screenshot({ path: shot('sign-in-vi') });
    // Five wrong passwords for a login lock it, and the page says how long to wait.
    await page.getByLabel('Tên đăng nhập').fill('nguoi.la');
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('Mật khẩu').fill(`sai mật khẩu ${i}`);
      await Promise.all([page.waitForResponse((r) => r.url().endsWith('/admin/api/v1/session') && r.request().method() === 'POST'), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
    }
    await page.getByLabel('Mật khẩu').fill('sai lần thứ sáu');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toBe('Đã nhập sai quá nhiều lần: tài khoản tạm khóa. Hãy đợi 15 phút rồi thử lại.');
    await page.getByLabel('Tên đăng nhập').fill(ADMIN);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Máy tính đã ghi danh' }).waitFor();
    expect(await page.getByText(`Đăng nhập: ${ADMIN}`).count()).toBe(1);
  });

  it('enrolls a laptop with the code on screen, lists it, and revokes it after asking', async () => {
    await open('devices');
    await page.getByRole('button', { name: 'Ghi danh máy tính' }).click();
    await page.getByLabel('Vai trò').selectOption('inspector');
    await page.getByLabel('Tên người dùng hoặc tên máy').fill('Nguyễn Thị Lan');
    await page.getByRole('button', { name: 'Tạo mã ghi danh' }).click();
    const code = (await page.getByTestId('enroll-code').textContent())!.trim();
    expect(await page.getByTestId('enroll-expiry').textContent()).toMatch(/^Hết hạn lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    // The QR code is the hub's SVG, drawn as an image.
    expect(await page.getByTestId('enroll-qr').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: shot('enroll-vi') });

    // The laptop enrolls with the code shown; the hub names it after both.
    const res = await fetch(`${hub.url}/api/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName: 'Laptop Lan' }) });
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: string };
    // Its first sync: the list shows when, on this browser's clock, day first.
    expect((await fetch(`${hub.url}/api/v1/changes`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await page.getByRole('button', { name: 'Đóng' }).click();
    await page.getByPlaceholder('Tìm theo tên máy').fill('Laptop Lan');
    const row = page.getByTestId('device-row').filter({ hasText: 'Laptop Lan' });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('Thành viên đoàn kiểm tra');
    expect(await row.getByRole('cell').nth(3).textContent()).toMatch(DAY_TIME);

    // Escape cancels: the device stays active.
    await row.getByRole('button', { name: 'Thu hồi' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByRole('heading').textContent()).toBe('Thu hồi máy “Nguyễn Thị Lan — Laptop Lan”?');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await row.getByText('Đang hoạt động').count()).toBe(1);

    await row.getByRole('button', { name: 'Thu hồi' }).click();
    await dialog.getByRole('button', { name: 'Thu hồi máy' }).click();
    await expect.poll(() => page.getByTestId('devices-notice').textContent()).toBe('Đã thu hồi máy “Nguyễn Thị Lan — Laptop Lan”.');
    const revoked = (await row.getByText(/^Thu hồi /).textContent())!;
    expect(revoked.replace('Thu hồi ', '')).toMatch(DAY_TIME);
    // And its next request is refused.
    const after = await fetch(`${hub.url}/api/v1/changes`, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
  });

  it('previews a units file with its row-numbered problems, imports it once fixed, and edits a unit', async () => {
    await nav('Đơn vị và cán bộ').click();
    const header = 'Mã đơn vị,Tên đơn vị,Cấp,Tỉnh/Thành phố,Họ và tên,Chức vụ,Bộ phận\r\n';
    const good = `${header}26734,UBND xã Hưng Nguyên,Xã,Nghệ An,Trần Thị Hoa,Chủ tịch,Lãnh đạo\r\n26734,UBND xã Hưng Nguyên,Xã,Nghệ An,Lê Văn Nam,Công chức,Văn phòng\r\n26740,UBND phường Vinh Phú,Phường,Nghệ An,,,\r\n`;
    const bad = good.replace('26740,UBND phường Vinh Phú,Phường,Nghệ An', '26740,UBND phường Vinh Phú,Phường,');
    const input = page.getByTestId('units-import').locator('input[type=file]');
    await input.setInputFiles({ name: 'don-vi.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    const problems = page.getByTestId('problems');
    await problems.waitFor();
    expect(await problems.locator('tbody tr').first().getByRole('cell').first().textContent()).toBe('4');
    expect(await page.getByRole('button', { name: /^Nhập \d+ đơn vị$/ }).count()).toBe(0);
    await page.screenshot({ path: shot('units-problems-vi'), fullPage: true });

    await input.setInputFiles({ name: 'don-vi.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByRole('button', { name: 'Nhập 2 đơn vị' }).click();
    await page.getByTestId('import-done').waitFor();
    const list = page.getByTestId('units-table');
    await list.getByRole('link', { name: 'UBND xã Hưng Nguyên' }).click();
    await page.getByRole('heading', { name: 'Đơn vị 26734' }).waitFor();
    expect(await page.getByLabel('Họ và tên 2').inputValue()).toBe('Lê Văn Nam');
    await page.getByLabel('Địa chỉ').fill('Thị trấn Hưng Nguyên');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => page.getByTestId('unit-saved').textContent()).toBe('Đã lưu đơn vị 26734; các máy nhận được ở lần đồng bộ tới.');
    expect(await page.getByLabel('Địa chỉ').inputValue()).toBe('Thị trấn Hưng Nguyên');
  });

  it('assigns a unit with dd/mm/yyyy dates and retires the assignment after asking', async () => {
    await nav('Phân công').click();
    const form = page.getByTestId('assignment-form');
    await form.getByLabel('Mã đơn vị').fill('26734');
    await form.getByLabel('Đoàn kiểm tra').fill('Đoàn số 2');
    await form.getByRole('textbox', { name: 'Từ ngày' }).fill('1/12/2026');
    await form.getByRole('textbox', { name: 'Đến ngày' }).fill('31/12/2026');
    await form.getByRole('button', { name: 'Phân công' }).click();
    const row = page.getByTestId('assignments-table').locator('tbody tr').filter({ hasText: 'Đoàn số 2' });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('01/12/2026 – 31/12/2026');
    await row.getByRole('button', { name: 'Thôi phân công' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Thôi phân công' }).click();
    await row.getByText('Đã thôi').waitFor();
  });

  it('publishes a legal basis and ends its force on a given day', async () => {
    await nav('Căn cứ pháp lý').click();
    const form = page.getByTestId('legal-basis-form');
    await form.getByLabel('Mã (chữ in hoa và số, ví dụ ND30)').fill('L802025');
    await form.getByLabel('Tên viết tắt (ví dụ NĐ30)').fill('Luật CBCC 2025');
    await form.getByLabel('Số, ký hiệu (ví dụ 30/2020/NĐ-CP)').fill('80/2025/QH15');
    await form.getByLabel('Loại văn bản (tiếng Việt)').fill('Luật');
    await form.getByLabel('Loại văn bản (tiếng Anh)').fill('Law');
    await form.getByLabel('Trích yếu hoặc tên luật (tiếng Việt)').fill('Luật Cán bộ, công chức');
    await form.getByLabel('Trích yếu hoặc tên luật (tiếng Anh)').fill('Law on Cadres and Civil Servants');
    await form.getByRole('textbox', { name: 'Ngày ban hành' }).fill('24/06/2025');
    await form.getByRole('textbox', { name: 'Có hiệu lực từ' }).fill('01/07/2025');
    await form.getByRole('button', { name: 'Công bố' }).click();
    const row = page.getByTestId('legal-basis-row').filter({ hasText: 'L802025' });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(3).textContent()).toBe('Từ 01/07/2025');
    await row.getByRole('button', { name: 'Hết hiệu lực' }).click();
    await row.getByRole('textbox', { name: 'Ngày cuối còn hiệu lực' }).fill('31/12/2030');
    await row.getByRole('button', { name: 'Ghi hết hiệu lực' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Ghi hết hiệu lực' }).click();
    await expect.poll(() => row.getByRole('cell').nth(3).textContent()).toBe('01/07/2025 – 31/12/2030');
  });

  it('downloads an export from the hub', async () => {
    await nav('Xuất dữ liệu').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất và tải xuống' }).click()]);
    const path = await download.path();
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    // An XLSX is a zip.
    expect(readFileSync(path).subarray(0, 2).toString('latin1')).toBe('PK');
    await page.getByTestId('export-done').waitFor();
  });

  it('shows health and the log of every change with who made it, in dd/mm/yyyy HH:mm:ss', async () => {
    await nav('Tình trạng').click();
    await page.getByTestId('health').waitFor();
    expect(await page.getByTestId('health').textContent()).toContain('SQLite');
    await nav('Nhật ký').click();
    const rows = page.getByTestId('log-row');
    await rows.first().waitFor();
    const first = rows.first().getByRole('cell');
    expect(await first.nth(0).textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
    expect(await page.getByTestId('log-table').textContent()).toContain(ADMIN);
  });

  it('shows every page in both languages (screenshots looked at), and signs out', async () => {
    const pages = ['devices', 'units', 'units/26734', 'assignments', 'legal-bases', 'exports', 'health', 'log'];
    for (const language of ['vi', 'en'] as const) {
      await open('devices');
      await page.locator('.topbar select').selectOption(language);
      for (const path of pages) {
        await open(path);
        await page.locator('main h1').waitFor();
        await page.locator('main table, main .facts, main form').first().waitFor();
        await page.screenshot({ path: shot(`${path.replace('/', '-')}-${language}`), fullPage: path !== 'devices' });
      }
    }
    // English stays chosen over a reload.
    await page.reload();
    await nav('Devices').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the administration console' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to the administration console' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});

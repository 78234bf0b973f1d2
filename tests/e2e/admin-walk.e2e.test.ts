import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleWorkbook } from '../../scripts/checklist-workbook/make-sample';
import { startWebServer } from '../../scripts/serve-web';
import { createInspectionViaUi, tab } from '../support/app-driver';
import { freshProfileDir, launchProfile } from '../support/chromium';
import { startHub, startPgCluster, type PgCluster, type RunningHub } from '../support/hub';
import { addAdmin, ADMIN_PASSWORD } from '../support/console-client';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const shot = (name: string) => resolve(import.meta.dirname, `../../out/e2e-admin-walk-${name}.png`);

async function edit(bytes: Uint8Array, change: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  change(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
const rowOf = (sheet: ExcelJS.Worksheet, code: string) => sheet.getRows(2, sheet.rowCount)!.find((r) => r.getCell(1).value === code)!;

/**
 * Issue 15 walked as a Home Affairs administrator and an inspector would, in Chromium against a
 * real hub process, once on SQLite and once on PostgreSQL: sign-in (a wrong password refused, then
 * the login locked), the session cookie's flags, a change without the CSRF token refused, a laptop
 * enrolled from the console with the code on screen, units imported with an error and then
 * without, a checklist workbook with three mistakes refused row by row, fixed and published, the
 * inspector's app receiving it and answering it, and the laptop revoked and its next sync refused.
 */
for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`the administration console, walked end to end on ${backend}`, () => {
    let dataDir: string;
    let pg: PgCluster | undefined;
    let env: Record<string, string>;
    let hub: RunningHub;
    let web: Awaited<ReturnType<typeof startWebServer>>;
    let profile: string;
    let context: BrowserContext;
    let admin: Page;
    let laptop: Page;
    let code = '';
    const pageErrors: string[] = [];
    const nav = (name: string) => admin.getByRole('navigation').getByRole('link', { name, exact: true });

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'congvu-e2e-walk-'));
      pg = backend === 'postgres' ? await startPgCluster() : undefined;
      env = { HUB_DATA_DIR: dataDir, ...(pg ? { DATABASE_URL: pg.url } : {}) };
      await addAdmin('sonoivu.admin', env);
      await addAdmin('khoa.thu', env);
      hub = await startHub(env);
      web = await startWebServer(resolve(import.meta.dirname, '../../out/web'), 0);
      profile = freshProfileDir();
      // An American browser once: every date and time must still read the Vietnamese way.
      context = await launchProfile(profile, [], backend === 'sqlite' ? { locale: 'en-US', timezoneId: 'America/New_York' } : undefined);
      admin = context.pages()[0] ?? (await context.newPage());
      laptop = await context.newPage();
      for (const page of [admin, laptop]) page.on('pageerror', (e) => pageErrors.push(e.message));
    });

    afterAll(async () => {
      await context?.close();
      await web?.close();
      await hub?.stop();
      await pg?.stop();
      if (profile) rmSync(profile, { recursive: true, force: true });
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('refuses a wrong password, then locks the login; the right administrator signs in with a strict HttpOnly cookie', async () => {
      await admin.goto(`${hub.url}/admin/`);
      // Each attempt waits for the hub's answer, so the next one counts after it.
      const signIn = async (name: string, password: string) => {
        await admin.getByLabel('Tên đăng nhập').fill(name);
        await admin.getByLabel('Mật khẩu').fill(password);
        const answered = admin.waitForResponse((r) => r.url().endsWith('/admin/api/v1/session') && r.request().method() === 'POST');
        await admin.getByRole('button', { name: 'Đăng nhập' }).click();
        return (await answered).status();
      };
      expect(await signIn('khoa.thu', 'sai mật khẩu rồi')).toBe(401);
      await expect.poll(() => admin.getByTestId('sign-in-error').textContent()).toBe('Sai tên đăng nhập hoặc mật khẩu.');
      for (let i = 2; i <= 5; i++) expect(await signIn('khoa.thu', `sai lần ${i}`)).toBe(401);
      // Locked now, even with the right password.
      expect(await signIn('khoa.thu', ADMIN_PASSWORD)).toBe(429);
      await expect.poll(() => admin.getByTestId('sign-in-error').textContent()).toMatch(/^Đã nhập sai quá nhiều lần: tài khoản tạm khóa\. Hãy đợi \d+ phút rồi thử lại\.$/);
      await admin.screenshot({ path: shot(`locked-${backend}`) });

      expect(await signIn('sonoivu.admin', ADMIN_PASSWORD)).toBe(200);
      await admin.getByRole('heading', { name: 'Máy tính đã ghi danh' }).waitFor();
      const [cookie] = (await context.cookies(hub.url)).filter((c) => c.name === 'congvu_admin');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false, path: '/admin' });
    });

    it('refuses a change made without the CSRF token, even from the console’s own page', async () => {
      const answer = await admin.evaluate(async () => {
        const res = await fetch('/admin/api/v1/enrollments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'inspector', name: 'Giả mạo', hubUrl: location.origin }) });
        return { status: res.status, body: (await res.json()) as { error: { code: string } } };
      });
      expect(answer).toEqual({ status: 403, body: { error: expect.objectContaining({ code: 'csrf' }) } });
      const log = await admin.evaluate(async () => (await (await fetch('/admin/api/v1/log?limit=500')).json()) as { items: Array<{ details: { name?: string } }> });
      expect(log.items.filter((e) => e.details.name === 'Giả mạo')).toEqual([]);
    });

    it('enrolls a laptop from the console, and the app enrolls with the code shown', async () => {
      await admin.getByRole('button', { name: 'Ghi danh máy tính' }).click();
      await admin.getByLabel('Vai trò').selectOption('inspector');
      await admin.getByLabel('Tên người dùng hoặc tên máy').fill('Lê Hoàng Yến');
      await admin.getByRole('button', { name: 'Tạo mã ghi danh' }).click();
      code = (await admin.getByTestId('enroll-code').textContent())!.trim();
      expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      await admin.screenshot({ path: shot(`enroll-${backend}`) });
      await admin.getByRole('button', { name: 'Đóng' }).click();

      await laptop.goto(`${web.url}#/sync`);
      await laptop.getByTestId('hub-url').fill(hub.url);
      await laptop.getByTestId('enroll-code').fill(code);
      await laptop.getByTestId('enroll-submit').click();
      await laptop.getByTestId('hub-panel').waitFor();

      await admin.getByPlaceholder('Tìm theo tên máy').fill('Lê Hoàng Yến');
      await admin.getByTestId('device-row').filter({ hasText: 'Lê Hoàng Yến' }).waitFor();
    });

    it('imports units: a file with an error is refused at its row, the corrected one is taken', async () => {
      await nav('Đơn vị và cán bộ').click();
      const header = 'Mã đơn vị,Tên đơn vị,Cấp,Tỉnh/Thành phố,Họ và tên,Chức vụ,Bộ phận\r\n';
      const good = `${header}31471,UBND xã Tân Phước Hưng,Xã,Cần Thơ,Võ Thị Thu Hằng,Công chức,Văn phòng - Thống kê\r\n31471,UBND xã Tân Phước Hưng,Xã,Cần Thơ,Phạm Minh Khôi,Chủ tịch UBND xã,Lãnh đạo\r\n`;
      const bad = good.replace('Xã,Cần Thơ,Phạm Minh Khôi', 'Huyện,Cần Thơ,Phạm Minh Khôi');
      const input = admin.getByTestId('units-import').locator('input[type=file]');
      await input.setInputFiles({ name: 'don-vi.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      await admin.getByTestId('problems').waitFor();
      expect(await admin.getByTestId('problems').locator('tbody tr').first().getByRole('cell').first().textContent()).toBe('3');
      expect(await admin.getByRole('button', { name: /^Nhập \d+ đơn vị$/ }).count()).toBe(0);
      await input.setInputFiles({ name: 'don-vi.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
      await admin.getByRole('button', { name: 'Nhập 1 đơn vị' }).click();
      await admin.getByTestId('import-done').waitFor();
      await admin.getByTestId('units-table').getByRole('link', { name: 'UBND xã Tân Phước Hưng' }).waitFor();
    });

    it('refuses a workbook with three mistakes, each at its row; publishes it once fixed', async () => {
      await nav('Mẫu kiểm tra').click();
      await admin.getByRole('heading', { name: 'Mẫu phiếu kiểm tra' }).waitFor();
      const upload = (name: string, buffer: Buffer) => admin.getByTestId('workbook-file').setInputFiles({ name, mimeType: XLSX, buffer });
      const broken = await edit(await sampleWorkbook(), (workbook) => {
        const items = workbook.getWorksheet('Mục kiểm tra')!;
        rowOf(items, 'MCT-04').getCell(5).value = 'Có/Không';
        rowOf(items, 'MCT-05').getCell(15).value = 'x = 0';
        rowOf(items, 'MCT-08').getCell(1).value = 'MCT-01';
      });
      await upload('mau-loi.xlsx', broken);
      await admin.getByTestId('workbook-problems').waitFor();
      const rows = await admin.getByTestId('workbook-problem').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
      expect(rows.map((r) => r.slice(0, 2))).toEqual([
        ['Mục kiểm tra', '5'],
        ['Mục kiểm tra', '6'],
        ['Mục kiểm tra', '9'],
      ]);
      expect(await admin.getByTestId('publish').count()).toBe(0);

      await upload('mau.xlsx', Buffer.from(await sampleWorkbook()));
      await admin.getByTestId('template-preview').waitFor();
      await admin.getByTestId('publish').click();
      await admin.getByRole('dialog').getByRole('button', { name: 'Ban hành MCT@1' }).click();
      await expect.poll(() => admin.getByTestId('templates-notice').textContent()).toBe('Đã ban hành MCT@1.');
    });

    it('the inspector’s app receives the published checklist at its next sync, and answers it', async () => {
      await laptop.goto(`${web.url}#/sync`);
      await laptop.getByTestId('sync-now').click();
      await laptop.getByTestId('sync-result').waitFor();
      await laptop.goto(`${web.url}#/new`);
      await laptop.getByRole('checkbox', { name: /^MCT —/ }).waitFor();
      expect(await laptop.getByRole('checkbox', { name: /^MCT —/ }).isChecked()).toBe(true);
      await createInspectionViaUi(laptop, { templates: [] });
      await tab(laptop, 'Nội dung kiểm tra');
      const counters = laptop.locator('[data-item-code="MCT-02"]');
      await counters.getByLabel('MCT-02 Có mặt tại quầy').fill('2');
      await counters.getByLabel('MCT-02 Được phân công').fill('2');
      await laptop.waitForFunction(() => document.querySelector('[data-testid="verdict-MCT-02"]')?.textContent === 'Đạt', undefined, { polling: 50 });
      const badges = laptop.locator('[data-item-code="MCT-03"]');
      await badges.getByRole('checkbox', { name: 'Võ Thị Thu Hằng' }).check();
      await laptop.waitForFunction(() => document.querySelector('[data-item-code="MCT-03"]')?.getAttribute('data-answered') === 'true', undefined, { polling: 50 });
      await laptop.screenshot({ path: shot(`app-answers-${backend}`), fullPage: true });
    });

    it('revokes the laptop from the console, and its next sync is refused', async () => {
      await nav('Máy tính').click();
      await admin.getByPlaceholder('Tìm theo tên máy').fill('Lê Hoàng Yến');
      const row = admin.getByTestId('device-row').filter({ hasText: 'Lê Hoàng Yến' });
      await row.getByRole('button', { name: 'Thu hồi' }).click();
      await admin.getByRole('dialog').getByRole('button', { name: 'Thu hồi máy' }).click();
      await row.getByText(/^Thu hồi \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/).waitFor();

      await laptop.goto(`${web.url}#/sync`);
      await laptop.getByTestId('sync-now').click();
      await laptop.waitForFunction(() => document.querySelector('[data-testid="sync-result"]')?.textContent?.includes('thu hồi'), undefined, { polling: 100 });
      expect(pageErrors).toEqual([]);
    });
  });
}

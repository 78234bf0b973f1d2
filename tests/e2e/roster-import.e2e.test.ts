import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer } from '../../scripts/serve-web';
import { freshProfileDir, launchProfile } from '../support/chromium';
import { encodeWindows1258 } from '../support/windows-1258';
import { readStore } from '../support/idb';

const utf16le = (text: string) => Buffer.from(`\uFEFF${text}`, 'utf16le');
const shot = (name: string) => resolve(import.meta.dirname, `../../out/e2e-roster-${name}.png`);

/** Importing a unit's staff list in the browser build: real Chromium, real files, real IndexedDB. */
describe('staff list import (real Chromium)', () => {
  let server: Awaited<ReturnType<typeof startWebServer>>;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  const choose = (name: string, buffer: Buffer) => page.getByTestId('staff-import').setInputFiles({ name, mimeType: 'text/csv', buffer });
  const staffNames = () => page.getByTestId('staff-row').getByLabel('Họ và tên').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  const preview = () => page.getByTestId('import-preview');

  beforeAll(async () => {
    server = await startWebServer(resolve(import.meta.dirname, '../../out/web'), 0);
    profile = freshProfileDir();
    context = await launchProfile(profile);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // The spreadsheet reader is loaded on demand: it must not need anything the CSP forbids.
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) pageErrors.push(m.text());
    });
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Tạo cuộc kiểm tra' }).first().click();
    await page.getByRole('button', { name: 'Bắt đầu kiểm tra' }).waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('previews a UTF-16 CSV without touching the list, then replaces the list with it', async () => {
    const csv = 'STT,Họ và tên,Chức vụ,Bộ phận\r\n1,Phạm Minh Khôi,Chủ tịch UBND xã,Lãnh đạo\r\n,,,\r\n2,"Võ Thị ""Thu"" Hằng",Công chức,Văn phòng - Thống kê\r\n3,Đặng Quốc Bảo,Công chức,Tư pháp - Hộ tịch\r\n4,,Công chức,Địa chính\r\n';
    // Through the button, as a keyboard or mouse user opens the file dialog.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Nhập từ tệp CSV/XLSX…' }).click()]);
    await chooser.setFiles({ name: 'danh-sach-cbcc.csv', mimeType: 'text/csv', buffer: utf16le(csv) });
    await preview().waitFor();
    expect(await preview().getByRole('status').textContent()).toBe('Đọc được 3 người (CSV, bảng mã UTF-16 LE).');
    expect(await preview().getByTestId('import-preview-table').locator('tbody tr').allTextContents()).toEqual([
      '1Phạm Minh KhôiChủ tịch UBND xãLãnh đạo',
      '2Võ Thị "Thu" HằngCông chứcVăn phòng - Thống kê',
      '3Đặng Quốc BảoCông chứcTư pháp - Hộ tịch',
    ]);
    expect(await page.getByTestId('import-problems').textContent()).toBe('1 dòng không nhập:Dòng 6: thiếu họ tên.');
    // Nothing is on the list until a choice is made.
    expect(await page.getByTestId('staff-row').count()).toBe(0);
    expect(await page.getByRole('group', { name: /Danh sách CBCC/ }).getByRole('heading').count()).toBe(1);
    await page.screenshot({ path: shot('preview'), fullPage: true });

    await preview().getByRole('button', { name: 'Thay thế danh sách' }).click();
    await expect.poll(staffNames).toEqual(['Phạm Minh Khôi', 'Võ Thị "Thu" Hằng', 'Đặng Quốc Bảo']);
    expect(await preview().count()).toBe(0);
    expect(await page.getByTestId('import-report').textContent()).toBe('Đã thay danh sách bằng 3 người từ danh-sach-cbcc.csv.');
    expect(await page.getByRole('group', { name: /Danh sách CBCC/ }).locator('legend').textContent()).toBe('Danh sách CBCC của đơn vị (3 người)');
  });

  it('refuses a CSV with other column names, naming them and the expected ones, and leaves the list alone', async () => {
    await choose('nhan-su.csv', Buffer.from('STT;Tên nhân viên;Chức vụ;Số điện thoại\n1;Lý Gia Huy;Công chức;0292 123 456\n'));
    const alert = page.getByRole('alert').filter({ hasText: 'nhan-su.csv' });
    await alert.waitFor();
    const text = await alert.textContent();
    expect(text).toContain('Không nhập được nhan-su.csv, danh sách không đổi:');
    expect(text).toContain('dòng tiêu đề (dòng 1) có cột không nhận ra: “Tên nhân viên”, “Số điện thoại”');
    expect(text).toContain('thiếu cột bắt buộc: “Họ và tên”');
    expect(text).toContain('Các cột dùng được: Họ và tên (bắt buộc), Chức vụ, Bộ phận; cột STT/TT được bỏ qua.');
    await page.screenshot({ path: shot('refused'), fullPage: true });
    expect(await staffNames()).toEqual(['Phạm Minh Khôi', 'Võ Thị "Thu" Hằng', 'Đặng Quốc Bảo']);
    expect(await page.getByRole('button', { name: 'Thay thế danh sách' }).count()).toBe(0);
  });

  it('adds to the list, skipping people already on it, or replaces it; cancel changes nothing', async () => {
    const more = 'Họ và tên,Chức vụ,Bộ phận\nĐẶNG QUỐC BẢO,Công chức,Tư pháp - Hộ tịch\nLê Hoàng Yến,Công chức,Văn hóa - Xã hội\n';
    await choose('bo-sung.csv', Buffer.from(more));
    await preview().waitFor();
    expect(await preview().textContent()).toContain('Danh sách hiện có 3 người.');
    await preview().getByRole('button', { name: 'Hủy' }).click();
    expect(await page.getByTestId('import-report').textContent()).toBe('Đã hủy nhập bo-sung.csv, danh sách không đổi.');
    expect(await staffNames()).toHaveLength(3);

    await choose('bo-sung.csv', Buffer.from(more));
    await preview().getByRole('button', { name: 'Thêm vào danh sách' }).click();
    await expect.poll(staffNames).toEqual(['Phạm Minh Khôi', 'Võ Thị "Thu" Hằng', 'Đặng Quốc Bảo', 'Lê Hoàng Yến']);
    expect(await page.getByTestId('import-report').textContent()).toBe('Đã thêm 1 người từ bo-sung.csv; bỏ qua 1 người đã có trong danh sách.');

    // An older Excel's CSV (Windows-1258): read right, and replacing takes the list to exactly the file.
    await choose('ds-cu.csv', encodeWindows1258('Họ và tên;Chức vụ\r\nNguyễn Thị Ánh Tuyết;Phó Chủ tịch\r\nTrương Văn Hưng;Công chức\r\n'));
    await preview().waitFor();
    expect(await preview().getByRole('status').textContent()).toBe('Đọc được 2 người (CSV, bảng mã Windows-1258).');
    await preview().getByRole('button', { name: 'Thay thế danh sách' }).click();
    await expect.poll(staffNames).toEqual(['Nguyễn Thị Ánh Tuyết', 'Trương Văn Hưng']);
  });

  it('holds an XLSX to the same rules, in the browser build', async () => {
    const xlsx = async (rows: string[][]) => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('Danh sách').addRows(rows);
      return Buffer.from(await workbook.xlsx.writeBuffer());
    };
    const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    await page.getByTestId('staff-import').setInputFiles({ name: 'sai-cot.xlsx', mimeType: type, buffer: await xlsx([['Họ và tên', 'Điện thoại'], ['Lý Gia Huy', '0292']]) });
    const alert = page.getByRole('alert').filter({ hasText: 'sai-cot.xlsx' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('có cột không nhận ra: “Điện thoại”');
    await page.getByTestId('staff-import').setInputFiles({ name: 'dung.xlsx', mimeType: type, buffer: await xlsx([[], ['STT', 'Họ và tên', 'Bộ phận'], ['1', 'Lý Gia Huy', 'Địa chính']]) });
    await preview().waitFor();
    expect(await preview().getByRole('status').textContent()).toBe('Đọc được 1 người (trang tính “Danh sách”).');
    await preview().getByRole('button', { name: 'Hủy' }).click();
    expect(await staffNames()).toEqual(['Nguyễn Thị Ánh Tuyết', 'Trương Văn Hưng']);
  });

  it('stores the list as imported when the inspection is started', async () => {
    await page.getByLabel('Tên đơn vị').fill('UBND xã Tân Phước Hưng');
    await page.getByLabel('Mã đơn vị hành chính').fill('31471');
    await page.getByLabel('Tỉnh, thành phố').fill('Cần Thơ');
    await page.getByLabel('Địa điểm kiểm tra').fill('Trụ sở UBND xã Tân Phước Hưng');
    const team = page.getByTestId('team-row');
    await team.nth(0).getByLabel('Họ và tên').fill('Đỗ Quang Vinh');
    await team.nth(1).getByLabel('Họ và tên').fill('Bùi Thị Ngọc Ánh');
    await team.nth(2).getByLabel('Họ và tên').fill('Lê Hoàng Yến');
    await page.getByRole('button', { name: 'Bắt đầu kiểm tra' }).click();
    await page.getByTestId('inspection-detail').waitFor();
    const staff = (await readStore<{ unit: { staff: unknown[] } }>(page, 'inspections')).map((i) => i.unit.staff);
    expect(staff).toEqual([
      [
        { id: expect.any(String), name: 'Nguyễn Thị Ánh Tuyết', position: 'Phó Chủ tịch', department: '' },
        { id: expect.any(String), name: 'Trương Văn Hưng', position: 'Công chức', department: '' },
      ],
    ]);
  });

  it('raised no page errors and no CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});

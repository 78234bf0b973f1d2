import type { Page } from 'playwright-core';

export const UNIT = 'UBND xã Tân Phước Hưng';
export const LEADER = 'Nguyễn Thị Ánh Tuyết';
export const MEMBER = 'Trần Văn Đức';
export const RECORDER = 'Lê Hoàng Yến';
export const STAFF = [
  ['Phạm Minh Khôi', 'Chủ tịch UBND xã', 'Lãnh đạo'],
  ['Võ Thị Thu Hằng', 'Công chức', 'Văn phòng - Thống kê'],
  ['Đặng Quốc Bảo', 'Công chức', 'Tư pháp - Hộ tịch'],
  ['Huỳnh Ngọc Ánh', 'Công chức', 'Địa chính - Xây dựng'],
] as const;

/** Fills in and submits the "new inspection" form as an inspector would; returns the new id. */
export async function createInspectionViaUi(page: Page, options: { templates?: Array<'GIO' | 'VH' | 'MC'>; staff?: ReadonlyArray<readonly [string, string, string]> } = {}): Promise<string> {
  const templates = options.templates ?? ['GIO', 'VH', 'MC'];
  await page.goto(new URL('#/new', page.url()).href);
  await page.getByLabel('Tên đơn vị').fill(UNIT);
  await page.getByLabel('Mã đơn vị hành chính').fill('31471');
  await page.getByLabel('Tỉnh, thành phố').fill('Cần Thơ');
  await page.getByLabel('Địa điểm kiểm tra').fill('Trụ sở UBND xã Tân Phước Hưng');
  for (const [i, [name, position, department]] of (options.staff ?? STAFF).entries()) {
    await page.getByRole('button', { name: 'Thêm người' }).click();
    const row = page.getByTestId('staff-row').nth(i);
    await row.getByLabel('Họ và tên').fill(name);
    await row.getByLabel('Chức vụ').fill(position);
    await row.getByLabel('Bộ phận').fill(department);
  }
  const team = page.getByTestId('team-row');
  await team.nth(0).getByLabel('Họ và tên').fill(LEADER);
  await team.nth(0).getByLabel('Chức vụ').fill('Phó Giám đốc Sở Nội vụ');
  await team.nth(1).getByLabel('Họ và tên').fill(MEMBER);
  await team.nth(2).getByLabel('Họ và tên').fill(RECORDER);
  for (const id of ['GIO', 'VH', 'MC'] as const) {
    const box = page.getByRole('checkbox', { name: new RegExp(`^${id} —`) });
    if (templates.includes(id)) await box.check();
    else await box.uncheck();
  }
  await page.getByRole('button', { name: 'Bắt đầu kiểm tra' }).click();
  await page.getByTestId('inspection-detail').waitFor();
  const match = /#\/inspections\/([0-9a-f-]{36})/.exec(page.url());
  if (!match) throw new Error(`not on an inspection page: ${page.url()}`);
  return match[1]!;
}

/** Waits until every change made so far has committed (the indicator's own promise). */
export async function waitSaved(page: Page): Promise<number> {
  const indicator = page.getByTestId('save-indicator');
  await page.waitForFunction(() => document.querySelector('[data-testid="save-indicator"]')?.getAttribute('data-state') === 'saved');
  return Number(await indicator.getAttribute('data-committed'));
}

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

/**
 * Waits until the indicator says "saved" with at least `minCommitted` changes committed since the
 * page loaded (so a "saved" still on screen from before the last change is not taken for it).
 */
export async function waitSaved(page: Page, minCommitted = 0): Promise<number> {
  const indicator = page.getByTestId('save-indicator');
  // Polled on a timer: animation frames do not run in a window that is in the background.
  await page.waitForFunction(
    (min) => {
      const el = document.querySelector('[data-testid="save-indicator"]');
      return el?.getAttribute('data-state') === 'saved' && Number(el.getAttribute('data-committed')) >= min;
    },
    minCommitted,
    { polling: 20 },
  );
  return Number(await indicator.getAttribute('data-committed'));
}

export function tab(page: Page, name: string) {
  return page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
}

/** Marks everyone in the roll call present. */
export async function markAllPresent(page: Page): Promise<void> {
  await tab(page, 'Điểm danh');
  const rows = page.getByTestId('roster-row');
  await rows.first().waitFor();
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    if ((await row.getAttribute('data-status')) === 'unmarked') await row.getByRole('radio', { name: 'Có mặt' }).click();
  }
  // Each mark is on screen once stored: the roll-call items read from the stored roster.
  await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="roster-row"]')).every((r) => r.getAttribute('data-status') !== 'unmarked'), undefined, { polling: 50 });
}

/**
 * Answers every unanswered checklist item: compliance items "C" by keyboard, counts with small
 * numbers, roster items "nobody".
 */
export async function answerRemaining(page: Page): Promise<void> {
  await tab(page, 'Nội dung kiểm tra');
  await page.locator('[data-item-card]').first().waitFor();
  const cards = page.locator('[data-item-card][data-answered="false"]');
  for (let guard = 0; guard < 100 && (await cards.count()) > 0; guard++) {
    const code = await cards.first().getAttribute('data-item-code');
    // Pinned by code: once answered, the card drops out of the "unanswered" selection.
    const card = page.locator(`[data-item-code="${code}"]`);
    if ((await card.getByRole('radio', { name: /^(Đạt|Không vi phạm)/ }).count()) > 0) {
      await card.focus();
      await page.keyboard.press('c');
    } else if ((await card.getByRole('button', { name: 'Không có ai vi phạm' }).count()) > 0) {
      await card.getByRole('button', { name: 'Không có ai vi phạm' }).click();
    } else if ((await card.locator('input[type="number"]').count()) > 0) {
      const inputs = card.locator('input[type="number"]');
      for (let i = 0; i < (await inputs.count()); i++) await inputs.nth(i).fill(String(i + 1));
    } else if ((await card.locator('input[data-kind="time"]').count()) > 0) {
      // Typed as an inspector would, saved when the field is left (Enter or Tab).
      await card.locator('input[data-kind="time"]').fill('7h30');
      await card.locator('input[data-kind="time"]').press('Enter');
    } else {
      // An item read from the roll call (no control of its own) follows the stored roster: give it
      // the time the store takes on a busy machine before calling it unanswerable.
      const answered = await page
        .waitForFunction((c) => document.querySelector(`[data-item-code="${c}"]`)?.getAttribute('data-answered') === 'true', code, { polling: 100, timeout: 60_000 })
        .then(() => true)
        .catch(() => false);
      if (!answered) throw new Error(`do not know how to answer ${code}`);
    }
    await page.waitForFunction((c) => document.querySelector(`[data-item-code="${c}"]`)?.getAttribute('data-answered') === 'true', code, { polling: 50 });
  }
}

/** Draws a short stroke on a signature pad and saves it. */
export async function drawSignature(page: Page, role: string): Promise<void> {
  const pad = page.getByTestId(`pad-${role}`);
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + box.width * (0.1 + i * 0.06), box.y + box.height * (0.6 - Math.sin(i / 2) * 0.3));
  await page.mouse.up();
  await page.getByTestId(`pad-${role}-save`).click();
  await page.getByTestId(`signature-${role}-done`).waitFor();
}

/** Saves the unit's representative on the overview tab. */
export async function addRepresentative(page: Page, name: string, position: string): Promise<void> {
  await tab(page, 'Thông tin chung');
  await page.getByRole('button', { name: 'Thêm người đại diện' }).click();
  const row = page.getByTestId('rep-row').last();
  await row.getByLabel('Họ và tên').fill(name);
  await row.getByLabel('Chức vụ').fill(position);
  await page.getByTestId('save-reps').click();
  await page.getByText('Đã lưu.').waitFor();
}

/** Fills in who issues the record and its number, on the "Ký và hoàn tất" tab. */
export async function fillIssue(page: Page, issue = { number: '15', symbol: 'ĐKT', parentAgency: 'UBND thành phố Cần Thơ', agency: 'Sở Nội vụ' }): Promise<void> {
  await tab(page, 'Ký và hoàn tất');
  await page.getByTestId('issue-number').fill(issue.number);
  await page.getByTestId('issue-symbol').fill(issue.symbol);
  await page.getByTestId('issue-parentAgency').fill(issue.parentAgency);
  await page.getByTestId('issue-agency').fill(issue.agency);
  await waitSaved(page);
}

/** Answers the open confirmation dialog with its action button (by name), checking it is modal. */
export async function confirmDialog(page: Page, action: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Finalizes from the "Ký và hoàn tất" tab, confirming in the dialog. */
export async function finalizeViaUi(page: Page): Promise<void> {
  await tab(page, 'Ký và hoàn tất');
  await page.getByTestId('finalize').click();
  await confirmDialog(page, 'Hoàn tất và khóa');
  await page.getByTestId('locked-notice').waitFor();
}

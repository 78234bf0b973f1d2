import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectionRecord } from '../../shared/inspection/record';
import { startWebServer } from '../../scripts/serve-web';
import { answerRemaining, confirmDialog, drawSignature, tab, waitSaved } from '../support/app-driver';
import { freshProfileDir, launchProfile } from '../support/chromium';
import { dateProblems } from '../support/date-problems';
import { readStore } from '../support/idb';
import { findPhrase, flowPos, pdfWords, tableRows } from '../support/pdf-words';

/**
 * A new user's walk through one inspection, by role and label as they see the app, in a browser
 * whose locale is en-US: the form kept across a reload, the staff list imported (a UTF-16 file
 * taken, a wrong-header one refused), the roll call, every checklist with a count judged by its
 * rule, a deadline refused, the confirmations, the issuing fields and the unit's representative
 * required before finalizing, and the PDF and its correction saying exactly what was recorded.
 */
const SHOTS = join(tmpdir(), 'congvu-walk');

/** The inspection day (as stored) moved by some days, as the app shows it (dd/mm/yyyy) and stores it. */
function dayFrom(inspectionDay: string, offsetDays: number): { shown: string; iso: string } {
  const iso = new Date(Date.parse(`${inspectionDay}T00:00:00Z`) + offsetDays * 86_400_000).toISOString().slice(0, 10);
  return { iso, shown: `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` };
}

const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const STAFF_CSV = 'Họ và tên,Chức vụ,Bộ phận\r\nPhạm Minh Khôi,Chủ tịch UBND xã,Lãnh đạo\r\nVõ Thị Thu Hằng,Công chức,Văn phòng - Thống kê\r\n\r\nĐặng Quốc Bảo,Công chức,Tư pháp - Hộ tịch\r\nHuỳnh Ngọc Ánh,Công chức,Địa chính - Xây dựng\r\n';

describe('a new user records one inspection, start to signed-off record (real Chromium, en-US locale)', () => {
  let server: Awaited<ReturnType<typeof startWebServer>>;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  let id = '';
  /** The day the team arrived, as recorded: deadlines are judged against it, not against the clock. */
  let day = '';
  const vietnamDay = (offset: number) => dayFrom(day, offset);
  const pageErrors: string[] = [];

  const store = <T,>(name: string) => readStore<T>(page, name);
  const record = async (revision: number): Promise<InspectionRecord> => {
    const [inspections, roster, findings, recommendations, signatures] = await Promise.all(['inspections', 'rosterEntries', 'findings', 'recommendations', 'signatures'].map((n) => store<{ id?: string; inspectionId?: string; revision: number }>(n)));
    const mine = <T extends { inspectionId?: string; revision: number }>(rows: T[]) => rows.filter((r) => r.inspectionId === id && r.revision === revision);
    return {
      formatVersion: 1,
      inspection: inspections!.find((i) => i.id === id && i.revision === revision),
      roster: mine(roster!),
      findings: mine(findings!),
      recommendations: mine(recommendations!),
      attachments: [],
      signatures: mine(signatures!),
    } as unknown as InspectionRecord;
  };
  const savePdf = async (name: string) => {
    await tab(page, 'Biên bản (PDF)');
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Lưu PDF (chưa ký số)' }).click()]);
    const path = resolve(profile, name);
    await file.saveAs(path);
    return path;
  };
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    server = await startWebServer(resolve(import.meta.dirname, '../../out/web'), 0);
    profile = freshProfileDir();
    // The inspector is in Vietnam, but the browser speaks American English.
    context = await launchProfile(profile, [], { locale: 'en-US', timezoneId: 'Asia/Ho_Chi_Minh' });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url);
    await page.getByTestId('empty-list').waitFor();
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('keeps the new-inspection form across a reload, with the arrival stamped once, and takes a UTF-16 staff list', async () => {
    await page.getByRole('link', { name: 'Tạo cuộc kiểm tra' }).first().click();
    const arrival = page.getByTestId('arrival');
    await arrival.waitFor();
    const stamped = await arrival.textContent();
    await page.getByLabel('Tên đơn vị').fill('UBND xã Tân Phước Hưng');
    await page.getByLabel('Mã đơn vị hành chính').fill('31471');
    await page.getByLabel('Tỉnh, thành phố').fill('Cần Thơ');
    await page.getByLabel('Địa điểm kiểm tra').fill('Trụ sở UBND xã Tân Phước Hưng');

    // A file with other column names is refused, naming them; nothing is added.
    const wrong = resolve(profile, 'sai-cot.csv');
    writeFileSync(wrong, 'Tên cán bộ,Chức danh\r\nPhạm Minh Khôi,Chủ tịch\r\n');
    const [chooser1] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Nhập từ tệp CSV/XLSX…' }).click()]);
    await chooser1.setFiles(wrong);
    const refused = page.getByRole('alert').filter({ hasText: 'sai-cot.csv' });
    await refused.waitFor();
    expect(await refused.textContent()).toContain('Tên cán bộ');
    expect(await page.getByTestId('staff-row').count()).toBe(0);

    // A UTF-16 file (as Excel's "Unicode text" writes it) is read, previewed, then replaces the list.
    const good = resolve(profile, 'nhan-su.csv');
    writeFileSync(good, utf16(STAFF_CSV));
    const [chooser2] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Nhập từ tệp CSV/XLSX…' }).click()]);
    await chooser2.setFiles(good);
    await page.getByRole('button', { name: 'Thay thế danh sách' }).click();
    await page.getByTestId('staff-row').nth(3).waitFor();
    expect(await page.getByTestId('staff-row').count()).toBe(4);

    const team = page.getByTestId('team-row');
    await team.nth(0).getByLabel('Họ và tên').fill('Nguyễn Thị Ánh Tuyết');
    await team.nth(0).getByLabel('Chức vụ').fill('Phó Giám đốc Sở Nội vụ');
    await team.nth(1).getByLabel('Họ và tên').fill('Trần Văn Đức');
    await team.nth(2).getByLabel('Họ và tên').fill('Lê Hoàng Yến');
    await page.waitForFunction(() => document.querySelector('[data-testid="draft-status"]')?.textContent?.startsWith('Đã lưu bản nháp'), undefined, { polling: 50 });
    // What is typed is stored as it is typed: a reload loses none of it, and the arrival stays.
    // Read from IndexedDB itself (polled from here: waitForFunction takes a returned promise as truthy at once).
    const storedTeam = async () =>
      (await readStore<{ key: string; value: { values?: { team: Array<{ name: string }> } } }>(page, 'settings')).find((r) => r.key === 'draft.newInspection')?.value.values?.team[2]?.name;
    await expect.poll(storedTeam).toBe('Lê Hoàng Yến');
    await page.reload();
    await page.getByTestId('draft-restored').waitFor();
    expect(await page.getByTestId('arrival').textContent()).toBe(stamped);
    expect(await page.getByLabel('Tên đơn vị').inputValue()).toBe('UBND xã Tân Phước Hưng');
    expect(await page.getByTestId('team-row').nth(2).getByLabel('Họ và tên').inputValue()).toBe('Lê Hoàng Yến');
    expect(await page.getByTestId('staff-row').count()).toBe(4);
    await shot('1-new-restored');
    for (const idOf of ['VH', 'MC']) await page.getByRole('checkbox', { name: new RegExp(`^${idOf} —`) }).check();
    await page.getByRole('button', { name: 'Bắt đầu kiểm tra' }).click();
    await page.getByTestId('inspection-detail').waitFor();
    id = /#\/inspections\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    day = (await record(1)).inspection.arrival.at.slice(0, 10);
    // The draft went with the inspection it became.
    expect((await store<{ key: string }>('settings')).some((s) => s.key === 'draft.newInspection')).toBe(false);
  });

  it('takes the roll call with a 24-hour time typed the way it is written on paper', async () => {
    await tab(page, 'Điểm danh');
    const rows = page.getByTestId('roster-row');
    await rows.nth(3).waitFor();
    await rows.nth(0).getByRole('radio', { name: 'Có mặt' }).click();
    await rows.nth(1).getByRole('radio', { name: 'Đi muộn' }).click();
    const late = rows.nth(1).getByLabel(/Giờ đến/);
    await late.fill('7h52');
    await late.press('Enter');
    await expect.poll(() => late.inputValue()).toBe('07:52');
    await rows.nth(2).getByRole('radio', { name: 'Vắng không lý do' }).click();
    await rows.nth(3).getByRole('radio', { name: 'Có mặt' }).click();
    await waitSaved(page);
    const stored = await record(1);
    expect(stored.roster.sort((a, b) => a.seq - b.seq).map((r) => [r.name, r.status, r.arrivalTime])).toEqual([
      ['Phạm Minh Khôi', 'present', undefined],
      ['Võ Thị Thu Hằng', 'late', '07:52'],
      ['Đặng Quốc Bảo', 'unexcused', undefined],
      ['Huỳnh Ngọc Ánh', 'present', undefined],
    ]);
  });

  it('answers every checklist; a count is judged by its rule, and a number left empty leaves it unanswered', async () => {
    await answerRemaining(page);
    // The driver typed 1 at the counters for 2 assigned, and 1 late file without an apology.
    // The same words as the record prints: "Không đạt" for a rule, "Có vi phạm" for a breach.
    await expect.poll(() => page.getByTestId('verdict-MC-05').textContent()).toBe('Không đạt');
    await expect.poll(() => page.getByTestId('verdict-MC-08').textContent()).toBe('Có vi phạm');
    await expect.poll(() => page.getByTestId('verdict-GIO-03').textContent()).toBe('Không đạt');
    const mc05 = page.locator('[data-item-code="MC-05"]');
    const assigned = mc05.getByLabel('MC-05 Được phân công');
    await assigned.fill('');
    await page.waitForFunction(() => document.querySelector('[data-item-code="MC-05"]')?.getAttribute('data-answered') === 'false', undefined, { polling: 50 });
    expect(await page.getByTestId('verdict-MC-05').textContent()).toBe('Chưa kiểm tra');
    await assigned.fill('1');
    await page.waitForFunction(() => document.querySelector('[data-item-code="MC-05"]')?.getAttribute('data-answered') === 'true', undefined, { polling: 50 });
    expect(await page.getByTestId('verdict-MC-05').textContent()).toBe('Đạt');
    await waitSaved(page);
    await shot('3-checklist');
  });

  it('refuses a deadline before the inspection day, and asks before removing a recommendation', async () => {
    await tab(page, 'Kết luận, kiến nghị');
    const form = page.getByRole('form', { name: 'Thêm kiến nghị' });
    await form.getByLabel('Hình thức').selectOption('remedy');
    await form.getByLabel('Nội dung kiến nghị').fill('Bố trí đủ công chức trực tại quầy');
    const deadline = form.getByRole('textbox', { name: 'Thời hạn khắc phục' });
    await deadline.fill(vietnamDay(-1).shown);
    await form.getByRole('button', { name: 'Thêm kiến nghị' }).click();
    await form.getByText('Thời hạn khắc phục không được trước ngày kiểm tra').waitFor();
    expect(await page.getByTestId('recommendations').count()).toBe(0);
    await deadline.fill(vietnamDay(10).shown);
    await form.getByRole('button', { name: 'Thêm kiến nghị' }).click();
    await page.getByTestId('recommendations').waitFor();
    expect(await page.getByTestId('recommendations').textContent()).toContain(vietnamDay(10).shown);
    await form.getByLabel('Nội dung kiến nghị').fill('Kiến nghị nhập nhầm');
    await deadline.fill('');
    await form.getByRole('button', { name: 'Thêm kiến nghị' }).click();
    const rows = page.getByTestId('recommendations').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    // Escape leaves it; the keyboard alone removes it, once confirmed.
    await rows.nth(1).getByRole('button', { name: /^Xóa/ }).click();
    await page.getByRole('dialog', { name: 'Xóa kiến nghị?' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(2);
    await rows.nth(1).getByRole('button', { name: /^Xóa/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Xóa kiến nghị?' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Hủy');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.count()).toBe(1);
    expect((await record(1)).recommendations.map((r) => [r.text, r.deadline])).toEqual([['Bố trí đủ công chức trực tại quầy', vietnamDay(10).iso]]);
  });

  it('will not finalize until the record says who issues it, its number and the unit\'s representative', async () => {
    await tab(page, 'Ký và hoàn tất');
    const finalize = page.getByRole('button', { name: 'Hoàn tất và khóa biên bản' });
    expect(await finalize.isDisabled()).toBe(true);
    const missing = await page.getByTestId('finalize-problems').textContent();
    await shot('5a-missing');
    for (const s of ['Chưa nhập Số biên bản', 'Chưa nhập Cơ quan kiểm tra', 'Chưa nhập Cơ quan chủ quản', 'Chưa ghi đại diện đơn vị được kiểm tra']) expect(missing).toContain(s);
    // Empty fields stay empty: no grey text that passes for a value.
    for (const label of ['Số biên bản', 'Cơ quan chủ quản', 'Cơ quan kiểm tra']) {
      const field = page.getByTestId('issue-fields').getByRole('textbox', { name: label, exact: true });
      expect(await field.inputValue()).toBe('');
      expect(await field.getAttribute('placeholder')).toBeNull();
    }
    await page.getByRole('button', { name: /^Điền theo gợi ý/ }).click();
    await page.getByTestId('issue-fields').getByRole('textbox', { name: 'Số biên bản', exact: true }).fill('15');
    await waitSaved(page);
    // The preview follows the store, a moment after the save is committed.
    await expect.poll(() => page.getByTestId('issue-preview').textContent()).toContain('UBND THÀNH PHỐ CẦN THƠ · SỞ NỘI VỤ · Số: 15/BB-ĐKT');

    // The unit's representative, added where they sign, is the one section I.2 lists.
    const unit = page.getByTestId('signature-unit-representative');
    await unit.getByLabel('Họ và tên người đại diện').fill('Phạm Minh Khôi');
    await unit.getByLabel('Chức vụ').fill('Chủ tịch UBND xã');
    await unit.getByRole('button', { name: 'Thêm người đại diện' }).click();
    await unit.getByRole('radio', { name: /Phạm Minh Khôi/ }).waitFor();
    for (const role of ['unit-representative', 'recorder', 'leader']) await drawSignature(page, role);
    await page.getByText('Biên bản đã đủ nội dung và chữ ký.').waitFor();
    // Asked first; "Hủy" leaves the draft as it is.
    await finalize.click();
    await confirmDialog(page, 'Hủy');
    expect(await page.getByTestId('status-badge').textContent()).toBe('Đang kiểm tra');
    await finalize.click();
    const dialog = page.getByRole('dialog', { name: 'Hoàn tất và khóa biên bản?' });
    expect(await dialog.textContent()).toContain('Số: 15/BB-ĐKT');
    await page.screenshot({ path: join(SHOTS, '5b-dialog.png') });
    await confirmDialog(page, 'Hoàn tất và khóa');
    await page.getByTestId('locked-notice').waitFor();
    await tab(page, 'Thông tin chung');
    await expect.poll(() => page.getByRole('main').textContent()).toContain('Phạm Minh Khôi, Chủ tịch UBND xã');
    await shot('5-finalized');
  });

  it('prints exactly what was recorded, in Vietnamese formats, page numbers only from page 2', async () => {
    const path = await savePdf('bien-ban.pdf');
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('2. Đại diện đơn vị được kiểm tra: - Phạm Minh Khôi, Chủ tịch UBND xã; II. NỘI DUNG KIỂM TRA');
    expect(text).toContain('Số: 15/BB-ĐKT');
    expect(text).toContain('UBND THÀNH PHỐ CẦN THƠ');
    expect(text).toContain(`Thời hạn khắc phục: ${vietnamDay(10).shown}.`);
    expect(text).not.toContain('BẢN NHÁP');
    expect(dateProblems(text)).toEqual([]);
    const words = pdfWords(path);
    const from = flowPos(findPhrase(words, '2. Kết quả kiểm tra theo từng nội dung')!);
    const to = flowPos(findPhrase(words, 'III. KẾT LUẬN VÀ KIẾN NGHỊ')!);
    const rows = new Map(tableRows(words, from, to, [30, 47, 113, 147], (w) => /^[A-Z]{2,5}-\d{2}$/.test(w.text)).map((r) => [r.cells[0], r]));
    expect(rows.size).toBe(41);
    expect(rows.get('GIO-03')!.cells[2]).toBe('Không đạt Tổng số 4 người: có mặt 2, đi muộn 1, vắng có lý do 0, đi công tác 0, vắng không lý do 1');
    expect(rows.get('GIO-03')!.cells[3]).toBe('Đi muộn: Võ Thị Thu Hằng Vắng không lý do: Đặng Quốc Bảo');
    expect(rows.get('GIO-04')!.cells[2]).toBe('Võ Thị Thu Hằng: 07:52');
    expect(rows.get('MC-05')!.cells[2]).toBe('Đạt Có mặt tại quầy: 1 người; Được phân công: 1 người');
    expect(rows.get('MC-08')!.cells[2]).toMatch(/^Có vi phạm Trễ hạn không có Phiếu xin lỗi: 1 hồ sơ$/);
    for (const w of words.filter((x) => x.y1 < 19)) expect(w.page, `"${w.text}" in the top margin`).toBeGreaterThan(1);
  });

  it('opens a correction only after asking, and its PDF says what it corrects and why', async () => {
    const first = await record(1);
    await tab(page, 'Ký và hoàn tất');
    await page.getByTestId('correction-reason').fill('Ghi nhầm giờ đến của bà Võ Thị Thu Hằng');
    await page.getByRole('button', { name: 'Lập bản sửa đổi' }).click();
    await confirmDialog(page, 'Lập bản sửa đổi');
    await page.getByText('Bản sửa đổi lần 1').first().waitFor();
    const path = await savePdf('ban-sua-doi.pdf');
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('(Bản sửa đổi lần 1)');
    expect(text).toContain(`thay thế biên bản lập lần 1 có mã SHA-256 ${first.inspection.contentHash}`);
    expect(text).toContain('Lý do sửa đổi: Ghi nhầm giờ đến của bà Võ Thị Thu Hằng');
    expect(text).toContain('BẢN NHÁP');
    await shot('7-correction');
  });

  it('asks about an arrival time left in a draft hours ago, and keeps what was typed when stamping it again', async () => {
    const hoursAgo = new Date(Date.now() - 5 * 3600_000).toISOString().replace('Z', '+00:00');
    await page.evaluate((at) => new Promise<void>((ok) => {
      const q = indexedDB.open('congvu');
      q.onsuccess = () => {
        const values = { unit: { code: '31472', name: 'UBND phường Cái Khế', level: 'ward', province: 'Cần Thơ', address: '', staff: [] }, place: 'Trụ sở', team: [{ name: 'Nguyễn Thị Ánh Tuyết', position: '', agency: '', role: 'leader' }, { name: 'Lê Hoàng Yến', position: '', agency: '', role: 'recorder' }], legalBasisIds: ['CD968'], templateRefs: ['GIO@1'] };
        const tx = q.result.transaction('settings', 'readwrite');
        tx.objectStore('settings').put({ key: 'draft.newInspection', value: { version: 1, arrival: { at, monotonicMs: 1 }, values, savedAt: at } });
        tx.oncomplete = () => ok();
      };
    }), hoursAgo);
    await page.goto(`${server.url}#/new`);
    const stale = page.getByTestId('draft-stale');
    await stale.waitFor();
    const before = await page.getByTestId('arrival').textContent();
    await stale.getByRole('button', { name: 'Ghi giờ đến là bây giờ' }).click();
    await stale.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('arrival').textContent()).not.toBe(before);
    expect(await page.getByLabel('Tên đơn vị').inputValue()).toBe('UBND phường Cái Khế');
  });

  it('shows no ISO or US date anywhere it went, and raised no page errors', async () => {
    await page.goto(`${server.url}#/inspections/${id}`);
    await page.getByTestId('inspection-detail').waitFor();
    for (const name of ['Thông tin chung', 'Điểm danh', 'Kết luận, kiến nghị', 'Ký và hoàn tất']) {
      await tab(page, name);
      expect(dateProblems(await page.getByRole('main').innerText()), name).toEqual([]);
    }
    await page.goto(`${server.url}#/`);
    await page.getByTestId('inspection-row').first().waitFor();
    expect(dateProblems(await page.getByRole('main').innerText())).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

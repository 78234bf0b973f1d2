import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildExportZip } from '../../shared/exchange/inspection-export';
import type { InspectionRecord } from '../../shared/inspection/record';
import { startWebServer } from '../../scripts/serve-web';
import { createInspectionViaUi, tab, waitSaved } from '../support/app-driver';
import { freshProfileDir, launchProfile } from '../support/chromium';
import { enrollCode, hubCli, startHub, type RunningHub } from '../support/hub';
import { buildSamplePdf, sampleRecordWithBlobs } from '../support/report-fixture';
import { signRecordPdf } from '../support/sign-record';
import { makeTestIdentity } from '../support/test-certificate';
import { sha256HexSync } from '../../shared/hash/sha256-sync';
import { dateProblems } from '../support/date-problems';
import { readStore as readSealedStore } from '../support/idb';

/** Screenshots of every page checked, to look at: one folder per run. */
const SHOTS = join(tmpdir(), 'congvu-formats');


/** The day and time as a clock in New York reads an instant, written the Vietnamese way. */
function newYorkVn(instant: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return `${parts['hour']}:${parts['minute']}, ${parts['day']}/${parts['month']}/${parts['year']}`;
}

describe('Vietnamese dates and times in a browser set to en-US in New York (real Chromium, real hub)', () => {
  let server: Awaited<ReturnType<typeof startWebServer>>;
  let hub: RunningHub;
  let env: Record<string, string>;
  let dataDir: string;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  let imported: InspectionRecord;
  let id: string;
  const pageErrors: string[] = [];

  const readStore = <T>(store: string) => readSealedStore<T>(page, store);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'congvu-e2e-formats-'));
    env = { HUB_DATA_DIR: dataDir };
    hub = await startHub(env);
    server = await startWebServer(resolve(import.meta.dirname, '../../out/web'), 0);
    profile = freshProfileDir();
    context = await launchProfile(profile, ['--lang=en-US'], { locale: 'en-US', timezoneId: 'America/New_York' });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url);
    await page.getByTestId('empty-list').waitFor();
  }, 60_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await page.screenshot({ path: join(SHOTS, `failed-${task.name.slice(0, 40)}.png`), fullPage: true });
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    await hub?.stop();
    rmSync(profile, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs in a browser that writes dates the US way', async () => {
    const where = await page.evaluate(() => ({ language: navigator.language, zone: Intl.DateTimeFormat().resolvedOptions().timeZone, shown: new Date(2026, 2, 15, 19, 5).toLocaleString() }));
    expect(where).toMatchObject({ language: 'en-US', zone: 'America/New_York' });
    expect(where.shown).toMatch(/^3\/15\/2026, 7:05:00\sPM$/);
  });

  it('shows when a record was synced at local 24-hour time, and the assigned period as dd/mm/yyyy', async () => {
    const { record, blobs } = sampleRecordWithBlobs({ photos: 1 });
    imported = record;
    await page.getByTestId('import-file').setInputFiles({ name: 'r.zip', mimeType: 'application/zip', buffer: Buffer.from(buildExportZip([record], [], blobs, '2026-11-23T10:20:00+07:00')) });
    await page.getByTestId('import-status').waitFor();
    const csv = join(dataDir, 'units.csv');
    writeFileSync(csv, 'Mã đơn vị,Tên đơn vị,Cấp,Tỉnh/Thành phố,Họ và tên,Chức vụ,Bộ phận\n31999,UBND phường Cái Khế,phường,Cần Thơ,Đỗ Thị Mai,Công chức,Văn phòng\n');
    expect((await hubCli(['import-units', csv], env)).status).toBe(0);
    expect((await hubCli(['assign', '--unit', '31999', '--from', '2026-12-01', '--to', '2026-12-10', '--team', 'Đoàn 2'], env)).status).toBe(0);
    await page.goto(`${server.url}#/sync`);
    await page.getByTestId('hub-url').fill(hub.url);
    await page.getByTestId('enroll-code').fill(await enrollCode('inspector', 'Lê Hoàng Yến', env));
    await page.getByTestId('device-name').fill('Máy Đoàn 1');
    await page.getByTestId('enroll-submit').click();
    await page.getByTestId('hub-panel').waitFor();
    await page.getByTestId('sync-now').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="outbox-row"]')?.getAttribute('data-state') === 'synced', undefined, { polling: 50, timeout: 20_000 });
    const [status] = await readStore<{ at: string }>('syncStatus');
    expect(status!.at).toMatch(/Z$/);
    expect(await page.getByTestId('outbox-row').textContent()).toContain(`Đã đồng bộ lúc ${newYorkVn(status!.at)}`);
    expect(await page.getByTestId('outbox-row').locator('td').nth(1).textContent()).toBe('23/11/2026');
    await page.getByTestId('assignments').waitFor();
    expect(await page.getByTestId('assignments').textContent()).toContain('Đoàn 2, 01/12/2026 → 10/12/2026');
    await page.screenshot({ path: join(SHOTS, 'sync.png'), fullPage: true });
    // A signed copy of the imported record, as signing in the desktop app leaves it: signed by the
    // team lead at 10:20 in Vietnam, which is 22:20 the evening before in this browser's zone.
    const signedPdf = await signRecordPdf(buildSamplePdf(record, blobs), makeTestIdentity({ days: [-60, 365] }), {
      signingTime: new Date('2026-11-23T03:20:00Z'),
      meta: { name: 'Nguyen Thi Anh Tuyet', reason: 'Ky bien ban', location: 'Xa Tan Phuoc Hung', role: 'leader' },
    });
    await page.evaluate(
      ({ inspectionId, contentHash, sha256, base64 }) =>
        new Promise<void>((ok, fail) => {
          const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          const req = indexedDB.open('congvu');
          req.onsuccess = () => {
            const tx = req.result.transaction('signedReports', 'readwrite');
            tx.objectStore('signedReports').put({ inspectionId, revision: 1, sha256, contentHash, pdf: new Blob([bytes], { type: 'application/pdf' }), signedAt: '2026-11-23T10:20:00.000+07:00', signer: 'Nguyen Thi Anh Tuyet', fileName: null, hubSyncedAt: '2026-11-23T03:21:00.000Z' });
            tx.oncomplete = () => ok();
            tx.onerror = () => fail(tx.error);
          };
          req.onerror = () => fail(req.error);
        }),
      { inspectionId: record.inspection.id, contentHash: record.inspection.contentHash!, sha256: sha256HexSync(signedPdf), base64: Buffer.from(signedPdf).toString('base64') },
    );
  }, 60_000);

  it('takes a late arrival typed "7h5" as 07:05 and refuses 24:00 with the reason', async () => {
    id = await createInspectionViaUi(page);
    await page.getByTestId('roster-row').nth(1).getByRole('radio', { name: 'Đi muộn' }).click();
    const arrived = page.getByLabel('Giờ đến: Võ Thị Thu Hằng');
    // Filled in with the time now, as the clock here reads it, in 24 hours.
    await expect.poll(() => arrived.inputValue()).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
    await arrived.fill('24:00');
    await arrived.press('Tab');
    expect(await page.getByTestId('roster-row').nth(1).getByRole('alert').textContent()).toBe('Giờ phải từ 00 đến 23');
    expect(await arrived.getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: join(SHOTS, 'roll-call-error.png') });
    await arrived.fill('7h5');
    await arrived.press('Tab');
    expect(await arrived.inputValue()).toBe('07:05');
    await expect.poll(async () => (await readStore<{ name: string; arrivalTime?: string }>('rosterEntries')).find((r) => r.name === 'Võ Thị Thu Hằng' && r.arrivalTime)?.arrivalTime).toBe('07:05');
    expect(await page.getByTestId('roster-row').nth(1).getByRole('alert').count()).toBe(0);
  });

  it('takes a checklist time typed "0705", refusing "7:05 PM"', async () => {
    await tab(page, 'Nội dung kiểm tra');
    const time = page.locator('[data-item-code="GIO-01"] input[data-kind="time"]');
    await time.fill('7:05 PM');
    await time.press('Enter');
    expect(await page.locator('[data-item-code="GIO-01"]').getByRole('alert').textContent()).toBe('Dùng cách viết 24 giờ, không dùng SA/CH hay AM/PM (ví dụ 19:05)');
    await time.fill('0705');
    await time.press('Enter');
    expect(await time.inputValue()).toBe('07:05');
    await page.waitForFunction(() => document.querySelector('[data-item-code="GIO-01"]')?.getAttribute('data-answered') === 'true', undefined, { polling: 50 });
    await waitSaved(page);
    const finding = (await readStore<{ inspectionId: string; itemCode: string; answer: unknown }>('findings')).find((f) => f.inspectionId === id && f.itemCode === 'GIO-01');
    expect(finding?.answer).toEqual({ type: 'time', value: '07:05' });
  });

  it('takes a deadline typed or picked on the calendar, refusing 31/04 and 29/02 of a common year', async () => {
    await tab(page, 'Kết luận, kiến nghị');
    const form = page.getByRole('form', { name: 'Thêm kiến nghị' });
    await form.getByLabel('Nội dung kiến nghị').fill('Chấn chỉnh giờ giấc làm việc');
    const deadline = form.getByLabel('Thời hạn khắc phục');
    expect(await deadline.getAttribute('placeholder')).toBe('dd/mm/yyyy');
    const message = async (typed: string) => {
      await deadline.fill(typed);
      await deadline.press('Tab');
      return form.getByRole('alert').first().textContent();
    };
    expect(await message('31/04/2027')).toBe('Không có ngày 31/04/2027 trong lịch');
    expect(await message('29/02/2027')).toBe('Không có ngày 29/02/2027 trong lịch');
    expect(await message('12/31/2027')).toBe('Tháng phải từ 01 đến 12');
    // The form's own rule, checked when the recommendation is added, shows on the same field.
    await deadline.fill('1/12/2026');
    await form.getByRole('button', { name: 'Thêm kiến nghị' }).click();
    expect(await form.getByRole('alert').first().textContent()).toBe('Thời hạn khắc phục không được trước ngày kiểm tra');
    expect(await deadline.inputValue()).toBe('01/12/2026');
    await deadline.fill('15032027');
    await deadline.press('Tab');
    expect(await deadline.inputValue()).toBe('15/03/2027');
    expect(await form.getByRole('alert').count()).toBe(0);
    await form.getByRole('button', { name: 'Chọn ngày trên lịch' }).click();
    await page.getByTestId('calendar').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('15/03/2027');
    await page.keyboard.press('ArrowRight');
    await page.screenshot({ path: join(SHOTS, 'calendar.png') });
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('calendar').count()).toBe(0);
    expect(await deadline.inputValue()).toBe('16/03/2027');
    await form.getByRole('button', { name: 'Thêm kiến nghị' }).click();
    await page.getByTestId('recommendations').waitFor();
    expect(await page.getByTestId('recommendations').textContent()).toContain('16/03/2027');
    await waitSaved(page);
    const recs = (await readStore<{ inspectionId: string; deadline?: string }>('recommendations')).filter((r) => r.inspectionId === id);
    expect(recs.map((r) => r.deadline)).toEqual(['2027-03-16']);
  });

  it('adjusts the arrival typed as "d/m/yyyy 7h30" and shows it back in 24 hours', async () => {
    await tab(page, 'Thông tin chung');
    await page.getByTestId('adjust-arrival').click();
    const at = page.getByLabel('Thời điểm đúng');
    const current = await at.inputValue();
    expect(current).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const [d, m, y] = current.slice(0, 10).split('/');
    await at.fill(`${d}/${m}/${y} 25:00`);
    await at.press('Tab');
    expect(await page.getByRole('alert').first().textContent()).toBe('Giờ phải từ 00 đến 23');
    await at.fill(`${Number(d)}/${Number(m)}/${y} 7h30`);
    await at.press('Tab');
    expect(await at.inputValue()).toBe(`${d}/${m}/${y} 07:30`);
    await page.getByLabel('Lý do').fill('Đồng hồ máy tính bảng chạy sai');
    await page.getByRole('button', { name: 'Lưu', exact: true }).first().click();
    await expect.poll(() => page.getByTestId('arrival-at').textContent()).toBe(`07:30, ${d}/${m}/${y}`);
    const inspection = (await readStore<{ id: string; arrival: { at: string } }>('inspections')).find((i) => i.id === id)!;
    // Stored at the device's own offset, as the clock here read it.
    expect(inspection.arrival.at).toMatch(new RegExp(`^${y}-${m}-${d}T07:30:00\\.000-0[45]:00$`));
  });

  it('takes the report period typed as "1/11/2026" and "31122026", and says when it is the wrong way round', async () => {
    await page.goto(`${server.url}#/reports`);
    const from = page.getByTestId('summary-from');
    const to = page.getByTestId('summary-to');
    await from.fill('1/11/2026');
    await from.press('Tab');
    await to.fill('31122026');
    await to.press('Tab');
    expect([await from.inputValue(), await to.inputValue()]).toEqual(['01/11/2026', '31/12/2026']);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="summary-list"] li').length === 2, undefined, { polling: 50 });
    const items = await page.getByTestId('summary-list').locator('li').allTextContents();
    expect(items.every((t) => /^\s*\d{2}\/\d{2}\/\d{4} — /.test(t))).toBe(true);
    expect(items.some((t) => t.includes('23/11/2026 — UBND xã Tân Phước Hưng'))).toBe(true);
    await to.fill('1/10/2026');
    await to.press('Tab');
    expect(await page.getByRole('alert').first().textContent()).toBe('Ngày kết thúc phải sau ngày bắt đầu');
    await page.screenshot({ path: join(SHOTS, 'reports-error.png') });
  });

  for (const language of ['vi', 'en'] as const) {
    it(`shows no ISO, US or 12-hour date or time on the main pages (${language})`, async () => {
      await page.goto(`${server.url}#/`);
      await page.locator('.lang select').selectOption(language);
      await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
      const loading = language === 'vi' ? 'Đang tải' : 'Loading';
      const pages: Array<[string, string, string]> = [
        ['list', '#/', '[data-testid="inspection-row"]'],
        ['new', '#/new', '[data-testid="arrival"]'],
        ['reports', '#/reports', '[data-testid="summary-list"]'],
        ['sync', '#/sync', '[data-testid="outbox-row"]'],
        ['signing', '#/signing', '#signing-title'],
      ];
      for (const [name, record] of [['new', id], ['imported', imported.inspection.id]] as const) {
        for (const t of ['', '/roll-call', '/checklist', '/evidence', '/conclusions', '/sign', '/report']) pages.push([`${name}${t.replace('/', '-')}`, `#/inspections/${record}${t}`, '[data-testid="inspection-detail"]']);
      }
      pages.push(['imported-report-signed', `#/inspections/${imported.inspection.id}/report`, '[data-testid="signer-leader"][data-signed="true"]']);
      for (const [name, hash, ready] of pages) {
        await page.goto(`${server.url}${hash}`);
        await page.locator(ready).first().waitFor();
        await page.waitForFunction((word) => !document.querySelector('main')?.textContent?.includes(word), loading, { polling: 50 });
        const text = await page.evaluate(() => [document.body.innerText, ...Array.from(document.querySelectorAll('input, textarea'), (e) => (e as HTMLInputElement).value)].join('\n'));
        expect(dateProblems(text), `${language} ${name}`).toEqual([]);
        await page.screenshot({ path: join(SHOTS, `${language}-${name}.png`), fullPage: true });
      }
      await page.goto(`${server.url}#/inspections/${imported.inspection.id}/report`);
      await page.locator('[data-testid="signer-leader"][data-signed="true"]').waitFor();
      expect(await page.getByTestId('signer-leader').textContent()).toContain('22/11/2026 22:20:00');
      await page.goto(`${server.url}#/inspections/${id}/conclusions`);
      expect(await page.getByTestId('recommendations').textContent()).toContain('16/03/2027');
    }, 90_000);
  }

  it('finds what it looks for: the check itself catches ISO, US and 12-hour forms', () => {
    expect(dateProblems('2026-12-04 · 12/4/2026 · 03/15/2027 · 7:05 PM · 19:05 SA · 7:05 · http://127.0.0.1:8787')).toEqual([
      'ISO day 2026-12-04',
      'not dd/mm/yyyy 12/4/2026',
      'not dd/mm/yyyy 03/15/2027',
      '12-hour time 7:05 PM',
      '12-hour time 19:05 SA',
      'unpadded hour 7:05',
      'unpadded hour 7:05',
    ]);
    expect(dateProblems('07:05, 04/12/2026 · 04/12/2026 07:05 · 16/03/2027 · 12/2026')).toEqual([]);
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

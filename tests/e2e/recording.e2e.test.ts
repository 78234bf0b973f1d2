import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAuditBreak, type AuditEntry } from '../../shared/audit/audit-chain';
import { canonicalJson } from '../../shared/hash/canonical-json';
import { inspectionRecordSchema, recordBody, recordContentHash, type InspectionRecord } from '../../shared/inspection/record';
import type { Inspection } from '../../shared/schemas';
import { startWebServer } from '../../scripts/serve-web';
import { addRepresentative, answerRemaining, confirmDialog, createInspectionViaUi, drawSignature, fillIssue, finalizeViaUi, tab, waitSaved } from '../support/app-driver';
import { FAKE_CAMERA_ARGS, freshProfileDir, launchProfile } from '../support/chromium';
import { readStore, storedImageSize, storeKeys } from '../support/idb';
import { makeJpeg, withExifTime } from '../support/photos';

/** The stored record of one revision, read straight from IndexedDB. */
async function storedRecord(page: Page, id: string, revision: number): Promise<InspectionRecord> {
  type Row = { inspectionId: string; revision: number; seq: number };
  const rows = (store: string) => readStore<Row>(page, store);
  const mine = (list: Row[]) => list.filter((r) => r.inspectionId === id && r.revision === revision);
  const inspection = (await readStore<Inspection>(page, 'inspections')).find((i) => i.id === id && i.revision === revision)!;
  return inspectionRecordSchema.parse({
    formatVersion: 1,
    inspection,
    roster: mine(await rows('rosterEntries')).sort((a, b) => a.seq - b.seq),
    findings: mine(await rows('findings')),
    recommendations: mine(await rows('recommendations')),
    attachments: mine(await rows('attachments')),
    signatures: mine(await rows('signatures')),
  });
}

describe('recording a whole inspection on site (real Chromium)', () => {
  let server: Awaited<ReturnType<typeof startWebServer>>;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  let id: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startWebServer(resolve(import.meta.dirname, '../../out/web'), 0);
    profile = freshProfileDir();
    context = await launchProfile(profile, FAKE_CAMERA_ARGS);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url);
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('starts the inspection with the unit staff list and lands on the roll call', async () => {
    id = await createInspectionViaUi(page);
    expect(page.url()).toContain(`${id}/roll-call`);
    await expect.poll(() => page.getByTestId('roster-row').count()).toBe(4);
  });

  it('takes the roll call: statuses, lateness, verification, someone added on site; counts follow', async () => {
    const rows = page.getByTestId('roster-row');
    await rows.nth(0).getByRole('radio', { name: 'Có mặt' }).click();
    await rows.nth(1).getByRole('radio', { name: 'Đi muộn' }).click();
    await page.getByLabel('Giờ đến: Võ Thị Thu Hằng').fill('7h52');
    await page.getByLabel('Giờ đến: Võ Thị Thu Hằng').press('Tab');
    await rows.nth(2).getByRole('radio', { name: 'Vắng có lý do' }).click();
    await page.getByLabel('Xác minh bằng: Đặng Quốc Bảo').selectOption('leave-form');
    await rows.nth(3).getByRole('radio', { name: 'Vắng không lý do' }).click();
    await page.getByLabel('Xác minh bằng: Huỳnh Ngọc Ánh').selectOption('phone-call');
    await page.getByLabel('Ghi chú: Huỳnh Ngọc Ánh').fill('Gọi điện lúc 08:10, không nghe máy');
    const add = page.getByRole('form', { name: 'Thêm người không có trong danh sách' });
    await add.getByLabel('Họ và tên').fill('Trương Văn Lợi');
    await add.getByLabel('Chức vụ').fill('Hợp đồng');
    await add.getByRole('button', { name: 'Thêm' }).click();
    await expect.poll(() => rows.count()).toBe(5);
    await rows.nth(4).getByRole('radio', { name: 'Đi công tác' }).click();
    await page.getByLabel('Xác minh bằng: Trương Văn Lợi').selectOption('mission-order');
    await waitSaved(page);
    const counts = page.getByTestId('roll-call-counts');
    for (const [status, n] of [['present', 1], ['late', 1], ['excused', 1], ['unexcused', 1], ['on-mission', 1], ['unmarked', 0]] as const) {
      expect(await counts.locator(`[data-status="${status}"] strong`).textContent(), status).toBe(String(n));
    }
    const roster = (await storedRecord(page, id, 1)).roster;
    expect(roster.map((r) => [r.name, r.status, r.arrivalTime ?? null, r.verification ?? null])).toEqual([
      ['Phạm Minh Khôi', 'present', null, null],
      ['Võ Thị Thu Hằng', 'late', '07:52', null],
      ['Đặng Quốc Bảo', 'excused', null, 'leave-form'],
      ['Huỳnh Ngọc Ánh', 'unexcused', null, 'phone-call'],
      ['Trương Văn Lợi', 'on-mission', null, 'mission-order'],
    ]);
    expect(roster[4]!.addedOnSite).toBe(true);
  });

  it('answers the checklists by keyboard and mouse, with counts, a note and people involved', async () => {
    await tab(page, 'Nội dung kiểm tra');
    expect(await page.getByTestId('overall-progress').textContent()).toMatch(/^Đã trả lời \d+\/40 nội dung$/);
    // "Next unanswered" jumps to the first item without an answer.
    await page.getByTestId('next-unanswered').click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-item-code'))).toBe('GIO-05');
    await page.keyboard.press('c');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-item-code'))).toBe('GIO-06');
    const vh09 = page.locator('[data-item-code="VH-09"]');
    await vh09.focus();
    await page.keyboard.press('n');
    await page.getByTestId('note-VH-09').fill('Phòng Tư pháp - Hộ tịch để hồ sơ trên sàn, lối đi chật');
    await vh09.locator('summary').click();
    await vh09.getByRole('checkbox', { name: /Đặng Quốc Bảo/ }).check();
    const mc12 = page.locator('[data-item-code="MC-12"]');
    await mc12.focus();
    await page.keyboard.press('a');
    const vh01 = page.locator('[data-item-code="VH-01"]');
    await vh01.getByRole('checkbox', { name: 'Võ Thị Thu Hằng' }).check();
    await page.getByLabel('MC-07 Tiếp nhận').fill('12');
    await page.getByLabel('MC-07 Giải quyết đúng hạn').fill('10');
    await page.getByLabel('MC-07 Trễ hạn').fill('2');
    await answerRemaining(page);
    await waitSaved(page);
    expect(await page.getByTestId('overall-progress').textContent()).toBe('Đã trả lời 40/40 nội dung');
    const findings = new Map((await storedRecord(page, id, 1)).findings.map((f) => [f.itemCode, f]));
    expect(findings.get('VH-09')).toMatchObject({ answer: { type: 'compliance', value: 'NC' }, note: 'Phòng Tư pháp - Hộ tịch để hồ sơ trên sàn, lối đi chật' });
    expect(findings.get('VH-09')!.involvedRosterIds).toHaveLength(1);
    expect(findings.get('MC-12')!.answer).toEqual({ type: 'compliance', value: 'NA' });
    expect(findings.get('MC-07')!.answer).toEqual({ type: 'count', values: { received: 12, onTime: 10, overdue: 2 } });
    expect(findings.get('VH-01')!.answer).toMatchObject({ type: 'roster', rosterIds: [expect.any(String)] });
    expect(findings.get('GIO-01')!.answer).toMatchObject({ type: 'time' });
  });

  it('keeps evidence photos: original and a downscaled copy by SHA-256, EXIF time, caption; and a camera shot', async () => {
    await tab(page, 'Hình ảnh, chứng cứ');
    await page.getByTestId('evidence-item').selectOption('VH-09');
    const photo = withExifTime(await makeJpeg(page, 2400, 1800, 'VH-09'), '2026:11:23 07:41:09', '+07:00');
    await page.getByTestId('evidence-file').setInputFiles({ name: 'ho-so-tren-san.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByTestId('photo').first().waitFor();
    const sha = createHash('sha256').update(photo).digest('hex');
    await page.getByLabel('Chú thích ảnh').first().fill('Hồ sơ để dưới sàn phòng Tư pháp');
    expect(await page.getByTestId('photo').first().textContent()).toContain('Chụp lúc');
    // A file that is not a photo is refused with a clear message and nothing is stored.
    await page.getByTestId('evidence-file').setInputFiles({ name: 'bao-cao.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7') });
    await page.getByText('bao-cao.pdf: chỉ nhận ảnh JPEG, PNG hoặc WebP').waitFor();
    // The camera (Chromium's fake device here).
    await page.getByTestId('evidence-item').selectOption('');
    await page.getByTestId('camera-start').click();
    await page.waitForFunction(() => (document.querySelector('[data-testid="camera-video"]') as HTMLVideoElement | null)?.videoWidth);
    await page.getByTestId('camera-capture').click();
    await expect.poll(() => page.getByTestId('photo').count()).toBe(2);
    // Drag and drop: a small PNG needs no downscaled copy.
    await page.evaluate(async () => {
      const canvas = new OffscreenCanvas(800, 600);
      canvas.getContext('2d')!.fillRect(0, 0, 400, 300);
      const file = new File([await canvas.convertToBlob({ type: 'image/png' })], 'bang-niem-yet.png', { type: 'image/png' });
      const data = new DataTransfer();
      data.items.add(file);
      document.querySelector('[data-testid="drop-zone"]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => page.getByTestId('photo').count()).toBe(3);
    await waitSaved(page);
    const attachments = (await storedRecord(page, id, 1)).attachments;
    const original = attachments.find((a) => a.sha256 === sha)!;
    expect(original).toMatchObject({ itemCode: 'VH-09', mime: 'image/jpeg', size: photo.length, caption: 'Hồ sơ để dưới sàn phòng Tư pháp', takenAt: '2026-11-23T07:41:09+07:00' });
    expect(original.reportCopySha256).toMatch(/^[0-9a-f]{64}$/);
    const blobs = await storeKeys(page, 'blobs');
    expect(blobs).toEqual(expect.arrayContaining([sha, original.reportCopySha256]));
    const copySize = await storedImageSize(page, original.reportCopySha256!);
    expect(copySize).toEqual([1600, 1200]);
    const others = attachments.filter((a) => a.sha256 !== sha);
    expect(others.map((a) => a.mime).sort()).toEqual(['image/jpeg', 'image/png']);
    expect(others.find((a) => a.mime === 'image/png')!.reportCopySha256).toBeUndefined();
  });

  it('records conclusions, a recommendation with a deadline, and the unit representative', async () => {
    await tab(page, 'Kết luận, kiến nghị');
    await page.getByTestId('conclusion').fill('Đơn vị cơ bản chấp hành tốt kỷ luật, kỷ cương hành chính; còn 01 công chức vắng không lý do.');
    const form = page.getByRole('form', { name: 'Thêm kiến nghị' });
    await form.getByLabel('Đối với').selectOption('finding:VH-09');
    await form.getByLabel('Hình thức').selectOption('remedy');
    await form.getByLabel('Nội dung kiến nghị').fill('Sắp xếp lại hồ sơ, giữ lối đi thông thoáng');
    await form.getByLabel('Thời hạn khắc phục').fill('15/12/2026');
    await form.getByRole('button', { name: 'Thêm kiến nghị' }).click();
    await page.getByTestId('recommendations').waitFor();
    await addRepresentative(page, 'Phạm Minh Khôi', 'Chủ tịch UBND xã');
    await waitSaved(page);
    const record = await storedRecord(page, id, 1);
    expect(record.recommendations).toMatchObject([{ target: { kind: 'finding', itemCode: 'VH-09' }, measure: 'remedy', deadline: '2026-12-15' }]);
    expect(record.inspection.unitRepresentatives).toMatchObject([{ name: 'Phạm Minh Khôi', position: 'Chủ tịch UBND xã' }]);
  });

  it('takes three drawn signatures and finalizes; the stored hash is the canonical-JSON SHA-256 of the record', async () => {
    await fillIssue(page);
    for (const role of ['unit-representative', 'recorder', 'leader']) await drawSignature(page, role);
    await finalizeViaUi(page);
    expect(await page.getByTestId('status-badge').textContent()).toBe('Đã hoàn tất');
    const shown = await page.getByTestId('content-hash').textContent();
    const record = await storedRecord(page, id, 1);
    expect(record.inspection.status).toBe('finalized');
    expect(record.signatures.map((s) => s.role).sort()).toEqual(['leader', 'recorder', 'unit-representative']);
    const independent = createHash('sha256').update(canonicalize(recordBody(record))!, 'utf8').digest('hex');
    expect(record.inspection.contentHash).toBe(independent);
    expect(shown).toBe(independent);
    expect(createHash('sha256').update(canonicalJson(recordBody(record))).digest('hex')).toBe(independent);
    // Stable: recomputing from what is stored gives the same hash.
    expect(recordContentHash(record)).toBe(independent);
  });

  it('refuses edits to the finalized record, across a reload', async () => {
    await page.reload();
    await page.getByTestId('locked-notice').waitFor();
    await tab(page, 'Nội dung kiểm tra');
    const vh03 = page.locator('[data-item-code="VH-03"]');
    expect(await vh03.getByRole('radio').first().isDisabled()).toBe(true);
    await vh03.focus();
    await page.keyboard.press('n');
    expect(await page.getByTestId('note-VH-03').getAttribute('readonly')).not.toBeNull();
    await tab(page, 'Điểm danh');
    expect(await page.getByTestId('roster-row').first().getByRole('radio', { name: 'Đi muộn' }).isDisabled()).toBe(true);
    const before = await storedRecord(page, id, 1);
    expect(recordContentHash(before)).toBe(before.inspection.contentHash);
    expect(before.findings.find((f) => f.itemCode === 'VH-03')!.answer).toEqual({ type: 'compliance', value: 'C' });
  });

  it('keeps an intact hash-chained audit log of every change', async () => {
    const log = (await readStore<AuditEntry>(page, 'auditLog')).filter((e) => e.inspectionId === id).sort((a, b) => a.seq - b.seq);
    expect(log.length).toBeGreaterThan(50);
    expect(findAuditBreak(log)).toBe(-1);
    expect(log[0]!.action).toBe('inspection.create');
    expect(log.at(-1)!.action).toBe('inspection.finalize');
    expect(log.every((e) => e.actor === 'Lê Hoàng Yến')).toBe(true);
  });

  it('corrects the record only through a new revision with a reason, leaving revision 1 untouched', async () => {
    const first = await storedRecord(page, id, 1);
    await tab(page, 'Ký và hoàn tất');
    await page.getByTestId('start-correction').click();
    await page.getByText('Cần ghi lý do sửa đổi').waitFor();
    await page.getByTestId('correction-reason').fill('Ghi nhầm giờ đến của bà Võ Thị Thu Hằng');
    await page.getByTestId('start-correction').click();
    await confirmDialog(page, 'Lập bản sửa đổi');
    await page.getByText('Bản sửa đổi lần 1').waitFor();
    expect(await page.getByTestId('status-badge').textContent()).toBe('Đang kiểm tra');
    const second = await storedRecord(page, id, 2);
    expect(second.inspection.correction).toEqual({ replacesRevision: 1, replacesHash: first.inspection.contentHash, reason: 'Ghi nhầm giờ đến của bà Võ Thị Thu Hằng' });
    expect(await storedRecord(page, id, 1)).toEqual(first);
  });

  it('records a refusal to sign, with reason and witness, in the corrected revision', async () => {
    await tab(page, 'Ký và hoàn tất');
    const block = page.getByTestId('signature-unit-representative');
    await page.getByTestId('signature-unit-representative-refuse').check();
    await block.getByRole('button', { name: 'Ghi nhận việc không ký' }).click();
    await block.getByText('Cần ghi lý do không ký').waitFor();
    await block.getByText('Cần ghi người chứng kiến').waitFor();
    await block.getByLabel('Lý do không ký').fill('Không đồng ý với kết quả điểm danh');
    await block.getByLabel('Người chứng kiến').fill('Đặng Thu Hà');
    await block.getByRole('button', { name: 'Ghi nhận việc không ký' }).click();
    await page.getByTestId('signature-unit-representative-done').waitFor();
    expect(await page.getByTestId('signature-unit-representative-done').textContent()).toContain(
      'Không ký. Lý do: Không đồng ý với kết quả điểm danh. Người chứng kiến: Đặng Thu Hà.',
    );
    const second = await storedRecord(page, id, 2);
    expect(second.signatures).toMatchObject([
      { role: 'unit-representative', signerName: 'Phạm Minh Khôi', mark: { kind: 'refused', reason: 'Không đồng ý với kết quả điểm danh', witness: 'Đặng Thu Hà' } },
    ]);
  });

  it('exports the inspection as a .zip that another computer imports, once, and refuses when tampered with', async () => {
    await tab(page, 'Thông tin chung');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    expect(download.suggestedFilename()).toMatch(/^kiem-tra-31471-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.zip$/);
    const zipPath = resolve(profile, 'export.zip');
    await download.saveAs(zipPath);
    const zip = readFileSync(zipPath);
    const otherProfile = freshProfileDir();
    const other = await launchProfile(otherProfile);
    try {
      const page2 = other.pages()[0] ?? (await other.newPage());
      await page2.goto(server.url);
      await page2.getByTestId('empty-list').waitFor();
      await page2.getByTestId('import-file').setInputFiles({ name: 'sao-luu.zip', mimeType: 'application/zip', buffer: zip });
      expect(await page2.getByTestId('import-status').textContent()).toBe('Đã nhập cuộc kiểm tra tại UBND xã Tân Phước Hưng (2 lần lập).');
      await page2.getByTestId('inspection-row').first().waitFor();
      const imported = await storedRecord(page2, id, 1);
      expect(imported).toEqual(await storedRecord(page, id, 1));
      expect(recordContentHash(imported)).toBe(imported.inspection.contentHash);
      expect((await storeKeys(page2, 'blobs')).length).toBe((await storeKeys(page, 'blobs')).length);
      await page2.getByTestId('import-file').setInputFiles({ name: 'sao-luu.zip', mimeType: 'application/zip', buffer: zip });
      await expect.poll(() => page2.getByTestId('import-status').textContent()).toBe('Cuộc kiểm tra tại UBND xã Tân Phước Hưng đã có trên máy, không có gì mới.');
      // A record altered after finalizing is refused with the reason, and nothing is stored.
      const files = unzipSync(zip);
      const manifest = JSON.parse(new TextDecoder().decode(files['record.json']));
      manifest.revisions[0].recommendations[0].text = 'Không cần sắp xếp';
      const tampered = zipSync({ ...files, 'record.json': new TextEncoder().encode(JSON.stringify(manifest)) });
      const freshProfile = freshProfileDir();
      const third = await launchProfile(freshProfile);
      try {
        const page3 = third.pages()[0] ?? (await third.newPage());
        await page3.goto(server.url);
        await page3.getByTestId('empty-list').waitFor();
        await page3.getByTestId('import-file').setInputFiles({ name: 'bi-sua.zip', mimeType: 'application/zip', buffer: Buffer.from(tampered) });
        await expect.poll(() => page3.getByTestId('import-status').textContent()).toBe(
          'Không nhập được bi-sua.zip: biên bản đã bị sửa sau khi hoàn tất (mã băm không khớp)',
        );
        expect(await readStore(page3, 'inspections')).toEqual([]);
      } finally {
        await third.close();
        rmSync(freshProfile, { recursive: true, force: true });
      }
    } finally {
      await other.close();
      rmSync(otherProfile, { recursive: true, force: true });
    }
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRecordPdf } from '../support/sign-record';
import { buildExportZip } from '../../shared/exchange/inspection-export';
import type { InspectionRecord } from '../../shared/inspection/record';
import { startWebServer } from '../../scripts/serve-web';
import { createInspectionViaUi, waitSaved } from '../support/app-driver';
import { freshProfileDir, launchProfile } from '../support/chromium';
import { readStore } from '../support/idb';
import { buildSamplePdf, sampleRecordWithBlobs } from '../support/report-fixture';
import { makeTestIdentity } from '../support/test-certificate';

/**
 * The biên bản from the browser build: the same layout code as in Node, the preview, the unsigned
 * PDF, the honest "desktop only" for signing, the verifier page and the team-lead reports.
 */
describe('the record PDF and reports in the browser (real Chromium)', () => {
  let server: Awaited<ReturnType<typeof startWebServer>>;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  let record: InspectionRecord;
  let blobs: Map<string, Uint8Array>;
  const pageErrors: string[] = [];

  const download = async (click: () => Promise<void>, name: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), click()]);
    const path = resolve(profile, name);
    await file.saveAs(path);
    return { path, suggested: file.suggestedFilename() };
  };

  beforeAll(async () => {
    ({ record, blobs } = sampleRecordWithBlobs({ photos: 2 }));
    server = await startWebServer(resolve(import.meta.dirname, '../../out/web'), 0);
    profile = freshProfileDir();
    context = await launchProfile(profile);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url);
    await page.getByTestId('empty-list').waitFor();
    const zip = buildExportZip([record], [], blobs, '2026-11-23T10:20:00+07:00');
    await page.getByTestId('import-file').setInputFiles({ name: 'bien-ban.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await page.getByTestId('import-status').waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('renders the same PDF bytes in the browser as in Node, and shows it in a preview', async () => {
    await page.goto(`${server.url}#/inspections/${record.inspection.id}/report`);
    await page.getByTestId('report-preview').click();
    const frame = page.getByTestId('report-frame');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    expect(Number(await frame.getAttribute('data-bytes'))).toBeGreaterThan(100_000);
  });

  it('saves the unsigned PDF: byte for byte what Node makes, the record in Vietnamese', async () => {
    const { path, suggested } = await download(() => page.getByTestId('report-save-unsigned').click(), 'unsigned.pdf');
    expect(Buffer.compare(readFileSync(path), Buffer.from(buildSamplePdf(record, blobs)))).toBe(0);
    expect(suggested).toBe(`bien-ban-31471-${record.inspection.arrival.at.slice(0, 10)}-r1.pdf`);
    expect(spawnSync('qpdf', ['--check', path]).status).toBe(0);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Nguyễn Thị Ánh Tuyết');
    expect(text).toContain(record.inspection.contentHash!);
  });

  it('says plainly that digital signing needs the desktop app', async () => {
    expect(await page.getByTestId('signing-unavailable').textContent()).toContain('Ký số chỉ có trong ứng dụng trên máy tính');
    await page.goto(`${server.url}#/signing`);
    expect(await page.getByTestId('certificate-panel').getByTestId('signing-unavailable').textContent()).toContain('trình duyệt không có nơi an toàn');
  });

  it('gives a verdict for any PDF: valid, tampered with, appended to, unsigned', async () => {
    const identity = makeTestIdentity();
    const signed = await signRecordPdf(buildSamplePdf(record, blobs), identity, { meta: { reason: 'Ký', location: 'Xã', name: 'Nguyễn Thị Ánh Tuyết', role: 'leader' } });
    const verdict = async (name: string, bytes: Uint8Array) => {
      await page.getByTestId('verify-file').setInputFiles({ name, mimeType: 'application/pdf', buffer: Buffer.from(bytes) });
      const box = page.getByTestId('verify-verdict');
      await page.waitForFunction((n) => document.querySelector('[data-testid="verify-verdict"]')?.textContent?.includes(n), name, { polling: 50 });
      return { ok: await box.getAttribute('data-ok'), text: (await box.textContent()) ?? '' };
    };
    const good = await verdict('da-ky.pdf', signed);
    expect(good.ok).toBe('true');
    expect(good.text).toContain('Chữ ký hợp lệ');
    expect(good.text).toContain('CN=Nguyen Thi Anh Tuyet');

    const tampered = signed.slice();
    tampered[3000] = tampered[3000]! ^ 1;
    const bad = await verdict('bi-sua.pdf', tampered);
    expect(bad.ok).toBe('false');
    expect(bad.text).toContain('Nội dung đã bị thay đổi sau khi ký');

    const appended = new Uint8Array(Buffer.concat([Buffer.from(signed), Buffer.from('\n% thêm sau khi ký\n')]));
    expect((await verdict('them.pdf', appended)).text).toContain('Có nội dung được thêm vào sau khi ký.');

    expect((await verdict('chua-ky.pdf', buildSamplePdf(record, blobs))).text).toContain('Tệp không có chữ ký số.');

    // With the signer's CA given as trusted, the verdict says so.
    writeFileSync(resolve(profile, 'ca.pem'), identity.caPem);
    await page.getByTestId('verify-trusted').setInputFiles(resolve(profile, 'ca.pem'));
    expect((await verdict('da-ky-2.pdf', signed)).text).toContain('người ký thuộc tổ chức tin cậy');
  });

  it('keeps the record number and issuing agency of a draft, and prints them in the header', async () => {
    await page.goto(server.url);
    const draftId = await createInspectionViaUi(page, { templates: ['GIO'] });
    await page.goto(`${server.url}#/inspections/${draftId}/sign`);
    await page.getByTestId('issue-number').fill('15');
    await page.getByTestId('issue-symbol').fill('SNV');
    await page.getByTestId('issue-agency').fill('Sở Nội vụ thành phố Cần Thơ');
    await waitSaved(page);
    // The preview follows the store, which the save indicator can be ahead of on a busy machine.
    await expect.poll(() => page.getByTestId('issue-preview').textContent()).toContain('SỞ NỘI VỤ THÀNH PHỐ CẦN THƠ · Số: 15/BB-SNV');
    const stored = (await readStore<{ id: string; recordNumber: string; issuer: unknown }>(page, 'inspections')).find((i) => i.id === draftId)!;
    expect(stored).toMatchObject({ recordNumber: '15', issuer: { symbol: 'SNV', agency: 'Sở Nội vụ thành phố Cần Thơ' } });
    await page.getByTestId('issue-symbol').fill('BB/x');
    expect(await page.getByRole('alert').first().textContent()).toContain('Ký hiệu chỉ gồm chữ, số');
    await page.goto(`${server.url}#/inspections/${draftId}/report`);
    await page.getByTestId('report-preview').click();
    await page.getByTestId('report-frame').waitFor();
    const { path } = await download(() => page.getByTestId('report-save-unsigned').click(), 'draft.pdf');
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('SỞ NỘI VỤ THÀNH PHỐ');
    expect(text).toContain('Số: 15/BB-SNV');
    expect(text).toContain('BẢN NHÁP');
  });

  it('makes the team-lead summary over a period as PDF and XLSX', async () => {
    await page.goto(`${server.url}#/reports`);
    const day = record.inspection.arrival.at.slice(0, 10);
    const typed = `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
    await page.getByTestId('summary-from').fill(typed);
    await page.getByTestId('summary-to').fill(typed);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="summary-list"] li').length === 1, undefined, { polling: 50 });
    await page.getByTestId('summary-prepared-by').fill('Nguyễn Thị Ánh Tuyết');
    const pdf = await download(() => page.getByTestId('summary-pdf').click(), 'summary.pdf');
    expect(pdf.suggested).toBe(`bao-cao-kiem-tra-${day}-${day}.pdf`);
    const text = execFileSync('pdftotext', [pdf.path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('Đoàn kiểm tra đã tiến hành 1 cuộc kiểm tra tại 1 đơn vị');
    const xlsx = await download(() => page.getByTestId('summary-xlsx').click(), 'summary.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(xlsx.path) as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Cuộc kiểm tra', 'Theo đơn vị', 'Theo nội dung', 'Cán bộ vi phạm', 'Kiến nghị']);
    expect(workbook.getWorksheet('Cuộc kiểm tra')!.rowCount).toBe(2);
    expect(workbook.getWorksheet('Cuộc kiểm tra')!.getRow(2).getCell(7).value).toBe(record.inspection.contentHash);
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

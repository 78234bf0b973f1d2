import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExportZip } from '../../shared/exchange/inspection-export';
import type { InspectionRecord } from '../../shared/inspection/record';
import { templateItems } from '../../shared/schemas';
import { builtInTemplates } from '../../shared/templates';
import { templatesByRef } from '../../shared/review/facts';
import { pushRequestFor } from '../../shared/sync/protocol';
import { sha256HexSync } from '../../shared/hash/sha256-sync';
import { signRecordPdf } from '../support/sign-record';
import { signDocument } from '../../node-shared/signing/sign-document';
import { p12Signer } from '../../node-shared/signing/p12-signer';
import { startWebServer } from '../../scripts/serve-web';
import { freshProfileDir, launchProfile } from '../support/chromium';
import { enrollDevice, hubCli, startHub, type RunningHub } from '../support/hub';
import { buildSamplePdf, sampleRecordWithBlobs } from '../support/report-fixture';
import { makeTestIdentity } from '../support/test-certificate';
import { makeTestPki } from '../support/test-pki';

interface Client {
  profile: string;
  context: BrowserContext;
  page: Page;
}

/**
 * The department's side in real Chromium against a real hub: two inspector laptops push records,
 * a reviewer laptop imports them (one altered on the hub after hashing), reviews one, sees the
 * figures and exports them; the review goes back to the laptop that made the record. The hub
 * checks report signers against its trust folder (the team lead's CA only): a report signed by the
 * team lead and then the unit head reaches the reviewer with both signers and the hub's flag.
 */
describe('Home Affairs review (real Chromium, real hub)', () => {
  let server: Awaited<ReturnType<typeof startWebServer>>;
  let hub: RunningHub;
  let env: Record<string, string>;
  let dataDir: string;
  const clients: Client[] = [];
  const pageErrors: string[] = [];
  const pushed: InspectionRecord[] = [];
  let tampered: InspectionRecord;
  let signedFor: InspectionRecord;
  let trustDir: string;
  // Made with openssl: a root (in the hub's trust folder), an intermediate issuing the team lead's
  // certificate, and a stranger's root the unit head's certificate comes from. Nothing is fetched.
  const pki = makeTestPki('http://127.0.0.1:9');
  const lead = pki.signers.good;
  const head = pki.signers.stranger;

  const open = async (): Promise<Client> => {
    const profile = freshProfileDir();
    const context = await launchProfile(profile);
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url);
    await page.getByTestId('empty-list').waitFor();
    const client = { profile, context, page };
    clients.push(client);
    return client;
  };
  const enroll = async ({ page }: Client, role: 'inspector' | 'reviewer', name: string) => {
    const run = await hubCli(['enroll', '--role', role, '--name', name, '--json', '--hub-url', hub.url], env);
    const { qrPayload } = JSON.parse(run.stdout) as { qrPayload: string };
    await page.goto(`${server.url}#/sync`);
    await page.getByTestId('enroll-code').fill(qrPayload);
    await page.getByTestId('device-name').fill(`Máy ${name}`);
    await page.getByTestId('enroll-submit').click();
    await page.getByTestId('hub-panel').waitFor();
  };
  // One backup .zip per inspection, as the app exports them.
  const importRecords = async ({ page }: Client, records: InspectionRecord[], blobs: Map<string, Uint8Array>) => {
    for (const record of records) {
      await page.goto(`${server.url}#/`);
      await page.reload();
      await page.getByTestId('import-file').setInputFiles({ name: 'r.zip', mimeType: 'application/zip', buffer: Buffer.from(buildExportZip([record], [], blobs, '2026-11-23T10:20:00+07:00')) });
      expect(await page.getByTestId('import-status').textContent()).toContain('Đã nhập cuộc kiểm tra');
    }
  };
  const syncAll = async ({ page }: Client) => {
    await page.goto(`${server.url}#/sync`);
    await page.getByTestId('sync-now').click();
    await page.waitForFunction(
      () => {
        const rows = Array.from(document.querySelectorAll('[data-testid="outbox-row"]'));
        return rows.length > 0 && rows.every((r) => r.getAttribute('data-state') === 'synced');
      },
      undefined,
      { polling: 100 },
    );
  };
  const download = async (page: Page, profile: string, click: () => Promise<void>, name: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), click()]);
    const path = resolve(profile, name);
    await file.saveAs(path);
    return path;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'congvu-e2e-review-'));
    trustDir = mkdtempSync(join(tmpdir(), 'congvu-e2e-trust-'));
    writeFileSync(join(trustDir, 'root.pem'), pki.root.pem);
    env = { HUB_DATA_DIR: dataDir, HUB_TRUST_DIR: trustDir };
    hub = await startHub(env);
    server = await startWebServer(resolve(import.meta.dirname, '../../out/web'), 0);
  });

  afterAll(async () => {
    for (const c of clients) {
      await c.context.close();
      rmSync(c.profile, { recursive: true, force: true });
    }
    await server?.close();
    await hub?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(trustDir, { recursive: true, force: true });
    pki.dispose();
  });

  it('takes records from two inspector laptops, and signed PDFs from the app and the API', async () => {
    for (const [k, name] of ['Lê Hoàng Yến', 'Phạm Minh Khoa'].entries()) {
      const client = await open();
      const made = [sampleRecordWithBlobs({ photos: 1 }), sampleRecordWithBlobs({ photos: 0 })];
      const blobs = new Map(made.flatMap((m) => [...m.blobs]));
      await importRecords(client, made.map((m) => m.record), blobs);
      await enroll(client, 'inspector', name);
      await syncAll(client);
      pushed.push(...made.map((m) => m.record));
      expect(await client.page.getByTestId('outbox-row').count()).toBe(2);
      if (k === 0) {
        tampered = made[1]!.record;
        // The desktop app keeps a signed PDF beside the record (signing itself needs Electron):
        // the same row, written here, goes to the hub with the next sync.
        const identity = makeTestIdentity();
        const pdf = await signRecordPdf(buildSamplePdf(made[0]!.record, made[0]!.blobs), identity, { meta: { reason: 'Ky bien ban', location: 'Can Tho', name: 'Truong doan', role: 'leader' } });
        const row = { inspectionId: made[0]!.record.inspection.id, revision: 1, sha256: sha256HexSync(pdf), contentHash: made[0]!.record.inspection.contentHash, signedAt: '2026-11-23T10:30:00+07:00', signer: 'Truong doan', fileName: null };
        await client.page.evaluate(
          ({ row, bytes }) =>
            new Promise<void>((done, fail) => {
              const open = indexedDB.open('congvu');
              open.onsuccess = () => {
                const tx = open.result.transaction('signedReports', 'readwrite');
                tx.objectStore('signedReports').put({ ...row, pdf: new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }) });
                tx.oncomplete = () => done();
                tx.onerror = () => fail(tx.error);
              };
            }),
          { row, bytes: [...pdf] },
        );
        await client.page.goto(`${server.url}#/sync`);
        await client.page.getByTestId('sync-now').click();
        await client.page.waitForFunction(() => document.querySelector('[data-testid="outbox-pdf"]')?.textContent === 'Bản ký số: hub đã nhận', undefined, { polling: 100 });
      }
    }
    // A third device sends a record with its signed biên bản straight to the API.
    const device = await enrollDevice(hub.url, 'inspector', env);
    const { record, blobs } = sampleRecordWithBlobs({ photos: 0 });
    signedFor = record;
    const auth = { authorization: `Bearer ${device.token}` };
    for (const [sha, bytes] of blobs) await fetch(`${hub.url}/api/v1/blobs/${sha}`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/octet-stream' }, body: Buffer.from(bytes) });
    expect((await fetch(`${hub.url}/api/v1/inspections/${record.inspection.id}`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(pushRequestFor(record)) })).status).toBe(201);
    // The team lead signs, then the unit's head signs the same file: two reports of one revision.
    const meta = (role: 'leader' | 'unit-representative', name: string) => ({ name, reason: 'Bien ban kiem tra cong vu', location: 'Can Tho', role });
    const first = (await signDocument(buildSamplePdf(record, blobs), { signer: p12Signer(lead.p12, lead.passphrase), meta: meta('leader', 'Nguyen Van An'), certify: true })).pdf;
    const second = (await signDocument(first, { signer: p12Signer(head.p12, head.passphrase), meta: meta('unit-representative', 'Nguoi La'), certify: false })).pdf;
    for (const pdf of [first, second]) {
      const sha = sha256HexSync(pdf);
      await fetch(`${hub.url}/api/v1/blobs/${sha}`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/octet-stream' }, body: Buffer.from(pdf) });
      expect((await fetch(`${hub.url}/api/v1/inspections/${record.inspection.id}/report`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ revision: 1, sha256: sha }) })).status).toBe(201);
    }
    pushed.push(record);

    // Someone with access to the hub's database edits a record after it was hashed.
    const db = new Database(join(dataDir, 'hub.sqlite'));
    db.pragma('busy_timeout = 5000');
    const row = db.prepare('SELECT record FROM inspections WHERE id = ?').get(tampered.inspection.id) as { record: string };
    const edited = row.record.replace(tampered.inspection.unit.name, `${tampered.inspection.unit.name} (đã sửa)`);
    expect(edited).not.toBe(row.record);
    db.prepare('UPDATE inspections SET record = ? WHERE id = ?').run(edited, tampered.inspection.id);
    db.close();
  });

  it('imports every record with a progress bar, checks each hash and the signed PDF, and flags the altered one', async () => {
    const reviewer = await open();
    await enroll(reviewer, 'reviewer', 'Sở Nội vụ');
    const { page } = reviewer;
    await page.getByRole('link', { name: 'Xem xét kết quả' }).click();
    await page.getByTestId('review-import').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="review-counts"]')?.textContent?.includes('Đã nhập 5 cuộc kiểm tra'), undefined, { polling: 100 });
    expect(await page.getByTestId('review-counts').textContent()).toBe('Đã nhập 5 cuộc kiểm tra, gồm 5 lần lập biên bản: 4 lần lập khớp mã băm, 1 lần lập bị gắn cờ.');
    expect(await page.getByTestId('review-flagged').textContent()).toContain(tampered.inspection.id);
    expect(await page.getByTestId('review-flagged').textContent()).toContain('Mã băm không khớp');
    await expect.poll(() => page.getByTestId('review-row').count()).toBe(4);
    await page.waitForFunction(() => (document.querySelector('[data-testid="review-list"]')?.textContent?.split('Chữ ký nguyên vẹn').length ?? 0) === 3, undefined, { polling: 100 });

    await page.screenshot({ path: join(tmpdir(), 'congvu-review.png'), fullPage: true });
    await page.goto(`${server.url}#/review/${signedFor.inspection.id}/1`);
    expect(await page.getByTestId('review-integrity').textContent()).toContain(`Nội dung khớp mã băm SHA-256 ${signedFor.inspection.contentHash}`);
    // Two reports of this revision: the one with both signatures first, every signer in order.
    await expect.poll(() => page.getByTestId('review-report').count()).toBe(2);
    const newest = page.getByTestId('review-report').first();
    expect(await newest.getAttribute('data-state')).toBe('valid');
    const signers = await newest.getByTestId('review-signer').allTextContents();
    expect(signers).toHaveLength(2);
    expect(signers[0]).toContain('Trưởng đoàn: Nguyễn Văn AnChữ ký nguyên vẹn · Chưa kiểm tra độ tin cậy');
    expect(signers[0]).toContain('(theo hub: Người ký được tin cậy)');
    expect(signers[1]).toContain('Đại diện đơn vị: Người LạChữ ký nguyên vẹn · Chưa kiểm tra độ tin cậy');
    expect(signers[1]).toContain('(theo hub: Người ký chưa được tin cậy');
    for (const line of signers) expect(line).toMatch(/Không có dấu thời gian: thời điểm ký \(\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}\) do máy người ký tự ghi$/);
    expect(await newest.getByTestId('review-hub-untrusted').textContent()).toContain('người ký chưa được tin cậy');
    expect(await page.getByTestId('review-report').nth(1).getByTestId('review-signer').count()).toBe(1);
    await page.screenshot({ path: join(tmpdir(), 'congvu-review-detail.png'), fullPage: true });
    await page.goto(`${server.url}#/review/${tampered.inspection.id}/1`);
    expect(await page.getByTestId('review-integrity').getByRole('alert').textContent()).toContain('Mã băm không khớp');
  });

  it('sends a review to the hub, and the laptop that made the record sees it', async () => {
    const reviewer = clients[2]!;
    const target = pushed[0]!;
    await reviewer.page.goto(`${server.url}#/review/${target.inspection.id}/1`);
    await reviewer.page.getByTestId('review-status').selectOption('has-issues');
    await reviewer.page.getByTestId('review-comment').fill('Bổ sung ảnh bàn tiếp dân');
    await reviewer.page.getByTestId('review-submit').click();
    await reviewer.page.waitForFunction(() => document.querySelector('[data-testid="review-history"]')?.textContent?.includes('Sở Nội vụ'), undefined, { polling: 100 });
    expect(await reviewer.page.getByTestId('review-history').textContent()).toContain('Có vấn đề: Bổ sung ảnh bàn tiếp dân');
    const inspector = clients[0]!;
    await inspector.page.goto(`${server.url}#/sync`);
    await inspector.page.getByTestId('sync-now').click();
    await inspector.page.waitForFunction(() => document.querySelector('[data-testid="outbox-review"]')?.textContent?.includes('Bổ sung ảnh'), undefined, { polling: 100 });
    expect(await inspector.page.getByTestId('outbox-review').first().textContent()).toBe('Có vấn đề — Bổ sung ảnh bàn tiếp dân');
  });

  it('shows the figures with filters, and exports XLSX, CSV and the period report', async () => {
    const { page, profile } = clients[2]!;
    const counted = pushed.filter((r) => r.inspection.id !== tampered.inspection.id);
    // One row per checklist item of each record: the roll call and the late arrivals included.
    const byRef = templatesByRef(builtInTemplates);
    const items = counted.reduce((n, r) => n + r.inspection.templateRefs.reduce((k, ref) => k + templateItems(byRef.get(ref)!).length, 0), 0);
    await page.getByRole('link', { name: 'Tổng hợp' }).click();
    await page.getByTestId('chart-items').waitFor();
    await expect.poll(() => page.getByTestId('tile-inspections').textContent()).toBe('4');
    await page.getByTestId('filter-from').fill('01/01/2099');
    await page.waitForFunction(() => document.querySelector('[data-testid="tile-inspections"]')?.textContent === '0', undefined, { polling: 50 });
    await page.getByTestId('filter-from').fill('');
    await page.waitForFunction(() => document.querySelector('[data-testid="tile-inspections"]')?.textContent === '4', undefined, { polling: 50 });
    await page.screenshot({ path: join(tmpdir(), 'congvu-dashboard.png'), fullPage: true });

    const xlsxPath = await download(page, profile, () => page.getByTestId('export-xlsx').click(), 'export.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsxPath);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Cuộc kiểm tra', 'Kết quả kiểm tra', 'Điểm danh', 'Cán bộ vi phạm', 'Kiến nghị']);
    expect(workbook.getWorksheet('Cuộc kiểm tra')!.getRow(1).values).toEqual(expect.arrayContaining(['Mã cuộc kiểm tra', 'Ngày kiểm tra', 'Đơn vị', 'Trưởng đoàn', 'Số vi phạm', 'Tình trạng xem xét']));
    expect(workbook.getWorksheet('Cuộc kiểm tra')!.rowCount).toBe(counted.length + 1);
    expect(workbook.getWorksheet('Kết quả kiểm tra')!.rowCount).toBe(items + 1);
    expect(workbook.getWorksheet('Điểm danh')!.rowCount).toBe(counted.reduce((n, r) => n + r.roster.length, 0) + 1);
    expect(workbook.getWorksheet('Kiến nghị')!.rowCount).toBe(counted.reduce((n, r) => n + r.recommendations.length, 0) + 1);
    const ids = new Set(workbook.getWorksheet('Cuộc kiểm tra')!.getColumn(1).values.slice(2));
    expect(ids.has(tampered.inspection.id)).toBe(false);

    const zipPath = await download(page, profile, () => page.getByTestId('export-csv').click(), 'export.zip');
    const files = unzipSync(new Uint8Array(readFileSync(zipPath)));
    expect(Object.keys(files).sort()).toEqual(['can-bo-vi-pham.csv', 'cuoc-kiem-tra.csv', 'diem-danh.csv', 'ket-qua-kiem-tra.csv', 'kien-nghi.csv']);
    // A byte-order mark first, so that Excel reads the Vietnamese as UTF-8.
    expect([...files['cuoc-kiem-tra.csv']!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(strFromU8(files['cuoc-kiem-tra.csv']!.subarray(3)).startsWith('Mã cuộc kiểm tra,Lần lập,Ngày kiểm tra')).toBe(true);
    expect(strFromU8(files['ket-qua-kiem-tra.csv']!).trim().split('\r\n')).toHaveLength(items + 1);

    await page.getByTestId('report-place').fill('Cần Thơ');
    await page.getByTestId('report-preparedBy').fill('Phòng Công chức');
    const pdfPath = await download(page, profile, () => page.getByTestId('export-pdf').click(), 'report.pdf');
    const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain(counted[0]!.inspection.unit.name);
    expect(pageErrors).toEqual([]);
  });
});

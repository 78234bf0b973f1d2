import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExportZip } from '../../shared/exchange/inspection-export';
import type { InspectionRecord } from '../../shared/inspection/record';
import { startWebServer } from '../../scripts/serve-web';
import { freshProfileDir, launchProfile } from '../support/chromium';
import { enrollCode, enrollDevice, hubCli, startHub, type RunningHub } from '../support/hub';
import { sampleRecordWithBlobs } from '../support/report-fixture';
import { writeQrVideo } from '../support/qr-video';
import { readStore } from '../support/idb';

/**
 * The app in Chromium syncing with a real hub process on 127.0.0.1: enrollment, push, the review
 * coming back, a revoked device, an unreachable hub, and the USB bundle imported by the hub's CLI.
 */
describe('sync with the provincial hub (real Chromium, real hub)', () => {
  let server: Awaited<ReturnType<typeof startWebServer>>;
  let hub: RunningHub;
  let env: Record<string, string>;
  let dataDir: string;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  let reviewer: { token: string };
  const pageErrors: string[] = [];
  const records: InspectionRecord[] = [];

  const importRecord = async () => {
    const { record, blobs } = sampleRecordWithBlobs({ photos: 1 });
    records.push(record);
    await page.goto(`${server.url}#/`);
    await page.getByTestId('import-file').setInputFiles({ name: 'r.zip', mimeType: 'application/zip', buffer: Buffer.from(buildExportZip([record], [], blobs, '2026-11-23T10:20:00+07:00')) });
    await page.getByTestId('import-status').waitFor();
    return record;
  };
  const onHub = async (id: string) => {
    const res = await fetch(`${hub.url}/api/v1/inspections/${id}`, { headers: { authorization: `Bearer ${reviewer.token}` } });
    return res.status === 200 ? ((await res.json()) as { contentHash: string }) : null;
  };
  const rowState = (n: number) => page.getByTestId('outbox-row').nth(n).getAttribute('data-state');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'congvu-e2e-hub-'));
    env = { HUB_DATA_DIR: dataDir };
    hub = await startHub(env);
    reviewer = await enrollDevice(hub.url, 'reviewer', env);
    server = await startWebServer(resolve(import.meta.dirname, '../../out/web'), 0);
    profile = freshProfileDir();
    context = await launchProfile(profile);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url);
    await page.getByTestId('empty-list').waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    await hub?.stop();
    rmSync(profile, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists a finalized record as waiting, and refuses a wrong enrollment code in Vietnamese', async () => {
    await importRecord();
    await page.goto(`${server.url}#/sync`);
    await page.getByTestId('outbox-row').first().waitFor();
    expect(await rowState(0)).toBe('pending');
    await page.getByTestId('hub-url').fill('http://192.168.1.10:8787');
    await page.getByTestId('enroll-code').fill('AAAA-BBBB-CCCC');
    await page.getByTestId('device-name').fill('Máy Đoàn 1');
    await page.getByTestId('enroll-submit').click();
    expect(await page.getByTestId('enroll-form').getByRole('alert').first().textContent()).toContain('Hub phải dùng https://');
    await page.getByTestId('hub-url').fill(hub.url);
    await page.getByTestId('enroll-submit').click();
    expect(await page.getByTestId('enroll-error').textContent()).toBe('Mã đăng ký sai hoặc đã hết hạn.');
  });

  it('enrolls with a code pasted as the QR payload, pushes on "sync now", and the hub holds the same hash', async () => {
    const run = await hubCli(['enroll', '--role', 'inspector', '--name', 'Lê Hoàng Yến', '--json', '--hub-url', hub.url], env);
    const { qrPayload } = JSON.parse(run.stdout) as { qrPayload: string };
    await page.getByTestId('hub-url').fill('');
    await page.getByTestId('enroll-code').fill(qrPayload);
    expect(await page.getByTestId('hub-url').inputValue()).toBe(hub.url);
    await page.getByTestId('enroll-submit').click();
    await page.getByTestId('hub-panel').waitFor();
    await page.getByTestId('sync-now').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="outbox-row"]')?.getAttribute('data-state') === 'synced', undefined, { polling: 50 });
    expect(await page.getByTestId('sync-result').textContent()).toContain('gửi mới 1');
    expect((await onHub(records[0]!.inspection.id))?.contentHash).toBe(records[0]!.inspection.contentHash);
  });

  it('receives units, their staff and assignments handed down by the hub', async () => {
    const csv = join(dataDir, 'units.csv');
    (await import('node:fs')).writeFileSync(csv, 'Mã đơn vị,Tên đơn vị,Cấp,Tỉnh/Thành phố,Họ và tên,Chức vụ,Bộ phận\n31999,UBND phường Cái Khế,phường,Cần Thơ,Đỗ Thị Mai,Công chức,Văn phòng\n');
    expect((await hubCli(['import-units', csv], env)).status).toBe(0);
    expect((await hubCli(['assign', '--unit', '31999', '--from', '2026-12-01', '--to', '2026-12-10', '--team', 'Đoàn 2'], env)).status).toBe(0);
    await page.getByTestId('sync-now').click();
    await page.getByTestId('assignments').waitFor();
    expect(await page.getByTestId('assignments').textContent()).toBe('UBND phường Cái Khế — Đoàn 2, 01/12/2026 → 10/12/2026');
    // The unit is now offered when starting an inspection, with its staff.
    const units = await readStore<{ code: string; staff: Array<{ name: string }> }>(page, 'units');
    expect(units.find((u) => u.code === '31999')?.staff.map((s) => s.name)).toEqual(['Đỗ Thị Mai']);
  });

  it('brings the review back to the device that sent the record', async () => {
    const res = await fetch(`${hub.url}/api/v1/inspections/${records[0]!.inspection.id}/reviews`, {
      method: 'POST',
      headers: { authorization: `Bearer ${reviewer.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'has-issues', comment: 'Thiếu ảnh bàn tiếp dân' }),
    });
    expect(res.status).toBe(201);
    await page.getByTestId('sync-now').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="outbox-review"]')?.textContent?.includes('Thiếu ảnh'), undefined, { polling: 50 });
    expect(await page.getByTestId('outbox-review').first().textContent()).toBe('Có vấn đề — Thiếu ảnh bàn tiếp dân');
    // And inside the inspection itself, where the inspector works on it.
    await page.goto(`${server.url}#/inspections/${records[0]!.inspection.id}`);
    const notice = page.getByRole('region', { name: 'Kết quả xem xét của Sở Nội vụ' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Có vấn đề — Thiếu ảnh bàn tiếp dân');
    expect(await notice.textContent()).toContain('xem xét lần lập 1');
    await page.goto(`${server.url}#/sync`);
    await page.getByTestId('hub-panel').waitFor();
  });

  it('syncs by itself when the app starts and the hub answers', async () => {
    const record = await importRecord();
    await page.reload();
    await page.goto(`${server.url}#/sync`);
    await page.waitForFunction(
      () => {
        const rows = Array.from(document.querySelectorAll('[data-testid="outbox-row"]'));
        return rows.length === 2 && rows.every((r) => r.getAttribute('data-state') === 'synced');
      },
      undefined,
      { polling: 100 },
    );
    expect((await onHub(record.inspection.id))?.contentHash).toBe(record.inspection.contentHash);
  });

  it('exports a USB bundle that the hub imports once, as a push would', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sync-bundle').click()]);
    const path = join(dataDir, 'bundle.zip');
    await download.saveAs(path);
    const first = await hubCli(['import', path], env);
    expect(first.stdout).toContain('Records: 0 stored, 2 already held, 0 refused.');
    expect(first.status).toBe(0);
  });

  it('says when the hub is unreachable and keeps the record waiting, unchanged', async () => {
    const second = await importRecord();
    await page.goto(`${server.url}#/sync`);
    await hub.stop();
    await page.getByTestId('sync-now').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="sync-result"]')?.textContent?.includes('Không liên lạc được hub'), undefined, { polling: 100 });
    // The rows follow the store on their own: the result line can be on screen before they are.
    await expect.poll(async () => (await page.getByTestId('outbox-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')))).sort()).toEqual(['failed', 'synced', 'synced']);
    hub = await startHub(env, Number(new URL(hub.url).port));
    await page.getByTestId('sync-now').click();
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="outbox-row"]')).every((r) => r.getAttribute('data-state') === 'synced'), undefined, { polling: 100 });
    expect((await onHub(second.inspection.id))?.contentHash).toBe(second.inspection.contentHash);
  });

  it('tells a revoked device so, and keeps its records', async () => {
    const devices = JSON.parse((await hubCli(['devices', '--json'], env)).stdout) as Array<{ id: string; name: string; revoked_at: string | null }>;
    const mine = devices.find((d) => d.name.includes('Lê Hoàng Yến'))!;
    expect((await hubCli(['revoke', mine.id], env)).status).toBe(0);
    const third = await importRecord();
    await page.goto(`${server.url}#/sync`);
    await page.getByTestId('sync-now').click();
    await page
      .waitForFunction(() => document.querySelector('[data-testid="sync-result"]')?.textContent?.includes('thu hồi'), undefined, { polling: 100 })
      .catch(async (e: unknown) => {
        throw new Error(`${String(e)}; shown: ${await page.getByTestId('hub-panel').textContent()}`);
      });
    expect(await onHub(third.inspection.id)).toBeNull();
    await expect.poll(() => page.getByTestId('outbox-row').count()).toBe(4);
    // A new code gets it going again.
    expect(await enrollCode('inspector', 'x', env)).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  });

  it('enrolls another laptop by scanning the QR code with its camera', async () => {
    const run = await hubCli(['enroll', '--role', 'inspector', '--name', 'Trần Văn Đức', '--json', '--hub-url', hub.url], env);
    const { qrPayload, code } = JSON.parse(run.stdout) as { qrPayload: string; code: string };
    const video = join(dataDir, 'qr.y4m');
    writeQrVideo(video, qrPayload);
    const otherProfile = freshProfileDir();
    const other = await launchProfile(otherProfile, ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`]);
    try {
      const page2 = other.pages()[0] ?? (await other.newPage());
      await page2.goto(`${server.url}#/sync`);
      await page2.getByTestId('scan-qr').click();
      await page2.waitForFunction((c) => (document.querySelector('[data-testid="enroll-code"]') as HTMLInputElement | null)?.value === c, code, { polling: 100 });
      expect(await page2.getByTestId('hub-url').inputValue()).toBe(hub.url);
      await page2.getByTestId('device-name').fill('Máy Đoàn 2');
      await page2.getByTestId('enroll-submit').click();
      await page2.getByTestId('hub-panel').waitFor();
    } finally {
      await other.close();
      rmSync(otherProfile, { recursive: true, force: true });
    }
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

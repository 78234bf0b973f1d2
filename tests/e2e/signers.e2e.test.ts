import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExportZip } from '../../shared/exchange/inspection-export';
import type { SigningContext } from '../../electron/main/handlers/signing';
import { KeyStore } from '../../electron/main/signing/key-store';
import { nodeSigningBackends } from '../../electron/main/signing/node-backends';
import { SigningSettingsStore } from '../../electron/main/signing/settings-store';
import { TrustStore } from '../../electron/main/signing/trust-store';
import { startWebServer } from '../../scripts/serve-web';
import { freshProfileDir, launchProfile } from '../support/chromium';
import { readStore } from '../support/idb';
import { listenLoopback } from '../support/loopback-server';
import { installMainBridge } from '../support/main-bridge';
import { sampleRecordWithBlobs } from '../support/report-fixture';
import { startRevocationServer, type RevocationServer } from '../support/revocation-server';
import { aesBox } from '../support/secret-box';
import { makeTestPki, type TestPki } from '../support/test-pki';
import { startTestTsa, type TestTsa } from '../support/test-tsa';

/**
 * The digital signers on the report tab, in the browser build with main's real signing handlers
 * behind the bridge (tests/support/main-bridge.ts): the team lead signs with a time-stamp, the
 * unit's representative signs offline, the queued time-stamp survives a reload and is added once
 * the laptop is online.
 */
describe('digital signers and the time-stamp queue (real Chromium, real main handlers)', () => {
  let server: Awaited<ReturnType<typeof startWebServer>>;
  let revocation: RevocationServer;
  let pki: TestPki;
  let tsa: TestTsa;
  let closedUrl: string;
  let home: string;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;
  let signing: SigningContext;
  const state: { online: boolean; lastPdf?: Uint8Array } = { online: true };
  const { record, blobs } = sampleRecordWithBlobs();
  const i = record.inspection;
  const pageErrors: string[] = [];
  const noToken = { tokenSerial: null, tokenLabel: null, certId: null };
  const row = (role: string) => page.getByTestId(`signer-${role}`);

  beforeAll(async () => {
    revocation = await startRevocationServer();
    pki = makeTestPki(revocation.url);
    revocation.serve(pki);
    tsa = await startTestTsa(pki);
    const gone = await listenLoopback((_req, res) => res.end());
    closedUrl = `${gone.url}/tsa`;
    await gone.close();
    home = mkdtempSync(join(tmpdir(), 'congvu-e2e-main-'));
    const keys = new KeyStore(join(home, 'signing'), aesBox(), 'linux');
    await keys.import(pki.signers.good.p12, pki.signers.good.passphrase);
    signing = { keys, settings: new SigningSettingsStore(join(home, 'signing')), trust: new TrustStore(join(home, 'trust')), backends: nodeSigningBackends() };
    await signing.settings.update({ method: 'p12', token: noToken, tsaUrl: tsa.url });
    server = await startWebServer(resolve(import.meta.dirname, '../../out/web'), 0);
    profile = freshProfileDir();
    browser = await launchProfile(profile);
    await installMainBridge(browser, signing, state);
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url);
    await page.getByTestId('empty-list').waitFor();
    const zip = buildExportZip([record], [], blobs, '2026-11-23T10:20:00+07:00');
    await page.getByTestId('import-file').setInputFiles({ name: 'bien-ban.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await page.getByTestId('import-status').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await tsa?.close();
    await revocation?.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  it('lists the three signers, none signed yet, and asks the team lead for the passphrase', async () => {
    await page.goto(`${server.url}#/inspections/${i.id}/report`);
    await page.getByTestId('digital-signers').waitFor();
    for (const role of ['leader', 'unit-representative', 'recorder']) expect(await row(role).getAttribute('data-signed')).toBe('false');
    expect(await row('leader').textContent()).toContain('Trưởng đoàn');
    expect(await row('recorder').textContent()).toContain('(không bắt buộc)');
    expect(await page.getByTestId('digital-signers').textContent()).toContain('Ký bằng chứng thư số đã nhập (.p12): Nguyễn Văn An, Sở Nội vụ tỉnh Thử, VN');
    const form = page.getByTestId('sign-form');
    expect(await form.locator('input').getAttribute('type')).toBe('password');
    expect(await form.locator('input').getAttribute('autocomplete')).toBe('off');
    expect(await form.getByRole('button').textContent()).toContain('Trưởng đoàn');
    await form.locator('input').fill('sai mật khẩu');
    await form.getByRole('button').click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('Sai mật khẩu chứng thư số.');
    expect(await readStore(page, 'signedReports')).toEqual([]);
  });

  it('signs the team lead with a time-stamp, then the unit offline: said so, and queued', async () => {
    const form = page.getByTestId('sign-form');
    await form.locator('input').fill(pki.signers.good.passphrase);
    await form.getByRole('button').click();
    await expect.poll(() => row('leader').getAttribute('data-signed')).toBe('true');
    expect(await row('leader').textContent()).toMatch(/Đã ký: Nguyễn Văn An, lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} · có dấu thời gian/);
    expect(await form.getByRole('button').textContent()).toContain('Đại diện đơn vị');

    await signing.settings.update({ method: 'p12', token: noToken, tsaUrl: closedUrl });
    await form.locator('input').fill(pki.signers.good.passphrase);
    await form.getByRole('button').click();
    await expect.poll(() => row('unit-representative').getAttribute('data-signed')).toBe('true');
    expect(await page.getByTestId('timestamp-queued').textContent()).toContain('chưa có dấu thời gian');
    expect(await row('unit-representative').textContent()).toContain('chưa có dấu thời gian');
    expect(await readStore(page, 'timestampJobs')).toEqual([expect.objectContaining({ inspectionId: i.id, revision: i.revision })]);
    await page.screenshot({ path: '/tmp/app-shots/signers-vi.png', fullPage: true });
  });

  it('keeps the queued time-stamp over a reload while offline, and adds it when back online', async () => {
    state.online = false;
    await page.reload();
    await page.getByTestId('timestamp-waiting').waitFor();
    const before = (await readStore<{ sha256: string }>(page, 'signedReports'))[0]!.sha256;
    await expect.poll(async () => (await readStore<{ attempts: number }>(page, 'timestampJobs'))[0]?.attempts ?? 0).toBeGreaterThan(0);

    await signing.settings.update({ method: 'p12', token: noToken, tsaUrl: tsa.url });
    state.online = true;
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(async () => (await readStore(page, 'timestampJobs')).length).toBe(0);
    const after = (await readStore<{ sha256: string; hubSyncedAt?: string }>(page, 'signedReports'))[0]!;
    expect(after.sha256).not.toBe(before);
    await expect.poll(() => row('unit-representative').textContent()).toContain('có dấu thời gian');
    expect(await row('unit-representative').textContent()).not.toContain('chưa có dấu thời gian');
    expect(await page.getByTestId('sign-form').getByRole('button').textContent()).toContain('Người ghi biên bản');

    await page.getByRole('combobox', { name: 'Ngôn ngữ' }).selectOption('en');
    await expect.poll(() => row('leader').textContent()).toContain('Team lead');
    expect(await row('unit-representative').textContent()).toMatch(/Signed: Nguyễn Văn An, at \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} · time-stamped/);
    await page.screenshot({ path: '/tmp/app-shots/signers-en.png', fullPage: true });
    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    expect(pageErrors).toEqual([]);
  });

  it('verifies the stored file on the Signing page: every signature in order, with the trust folder main keeps', async () => {
    await signing.trust.add([pki.root.certPath]);
    await page.goto(`${server.url}#/signing`);
    await page.getByTestId('trust-roots').waitFor();
    await page.getByTestId('verify-file').setInputFiles({ name: 'bien-ban-da-ky.pdf', mimeType: 'application/pdf', buffer: Buffer.from(state.lastPdf!) });
    const box = page.getByTestId('verify-verdict');
    await box.waitFor();
    expect(await box.getAttribute('data-ok')).toBe('true');
    const items = await page.getByTestId('verify-signature').allTextContents();
    expect(items).toHaveLength(3);
    expect(items[0]).toMatch(/Trưởng đoàn.*Chữ ký nguyên vẹn.*Người ký được tin cậy.*Có dấu thời gian lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}/);
    expect(items[1]).toMatch(/Đại diện đơn vị.*Chữ ký nguyên vẹn.*Người ký được tin cậy/);
    expect(items[2]).toContain('Dấu thời gian cho cả tài liệu');
    await page.screenshot({ path: '/tmp/app-shots/verify-vi.png', fullPage: true });
    await page.getByRole('combobox', { name: 'Ngôn ngữ' }).selectOption('en');
    await expect.poll(() => page.getByTestId('verify-signature').first().textContent()).toContain('Signature intact');
    await page.screenshot({ path: '/tmp/app-shots/verify-en.png', fullPage: true });
    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    expect(pageErrors).toEqual([]);
  });
});

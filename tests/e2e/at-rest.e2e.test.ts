import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { startWebServer } from '../../scripts/serve-web';
import { createInspectionViaUi, tab, waitSaved } from '../support/app-driver';
import { freshProfileDir, launchProfile } from '../support/chromium';
import { readRawStore, readStore } from '../support/idb';
import { makeJpeg } from '../support/photos';

/** What an inspector typed, distinctive enough never to turn up on disk by chance. */
const NOTE = 'Bí mật ZQX-4711: ông Phạm Văn Khải nhận phong bì tại bàn một cửa';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(path);
    return e.isFile() ? [path] : [];
  });
}

/** A JPEG's start: SOI then an APP0 "JFIF" or APP1 "Exif" segment (random ciphertext never forms one). */
function jpegStarts(bytes: Buffer): number[] {
  const found: number[] = [];
  for (let at = bytes.indexOf(Buffer.from([0xff, 0xd8, 0xff])); at !== -1; at = bytes.indexOf(Buffer.from([0xff, 0xd8, 0xff]), at + 1)) {
    const tag = bytes.subarray(at + 6, at + 10).toString('latin1');
    if (at === 0 || tag === 'JFIF' || tag === 'Exif') found.push(at);
  }
  return found;
}

describe('sealed at rest: the profile on disk gives nothing away', () => {
  const profile = freshProfileDir('congvu-at-rest-');
  let server: Awaited<ReturnType<typeof startWebServer>> | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let inspectionId = '';
  afterAll(async () => {
    await context?.close();
    await server?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('holds no typed note (UTF-8 or UTF-16) and no JPEG after a walk with photos, and reads all back after a relaunch', { timeout: 600_000 }, async () => {
    server = await startWebServer(resolve(import.meta.dirname, '../../out/web'), 0);
    context = await launchProfile(profile);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    const id = await createInspectionViaUi(page, { templates: ['VH'] });
    await tab(page, 'Nội dung kiểm tra');
    const vh09 = page.locator('[data-item-code="VH-09"]');
    await vh09.focus();
    await page.keyboard.press('n');
    await page.getByTestId('note-VH-09').fill(NOTE);
    await waitSaved(page, 1);

    await tab(page, 'Hình ảnh, chứng cứ');
    await page.getByTestId('evidence-item').selectOption('VH-09');
    const photos = [await makeJpeg(page, 2400, 1800, 'VH-09 a'), await makeJpeg(page, 1600, 1200, 'VH-09 b')];
    for (const [i, photo] of photos.entries()) {
      await page.getByTestId('evidence-file').setInputFiles({ name: `anh-${i}.jpg`, mimeType: 'image/jpeg', buffer: photo });
      await expect.poll(() => page.getByTestId('photo').count()).toBe(i + 1);
    }
    // Stored (read through the key) and sealed (as on disk).
    await expect.poll(async () => (await readStore<{ note: string }>(page, 'findings')).some((f) => f.note === NOTE)).toBe(true);
    await expect.poll(async () => (await readStore(page, 'blobs')).length).toBeGreaterThanOrEqual(2);
    for (const store of ['inspections', 'findings', 'blobs', 'attachments', 'rosterEntries', 'settings']) {
      for (const row of await readRawStore(page, store)) expect(row, store).toHaveProperty('sealed$');
    }
    await context.close();
    context = undefined;

    const needles = [Buffer.from(NOTE, 'utf8'), Buffer.from(NOTE, 'utf16le'), Buffer.from('ZQX-4711', 'utf8'), Buffer.from('ZQX-4711', 'utf16le')];
    // A slice from inside each photo: its bytes anywhere (a cache, a temp file) would be a copy of it.
    const photoSlices = photos.map((p) => p.subarray(Math.floor(p.length / 2), Math.floor(p.length / 2) + 48));
    const files = filesUnder(profile);
    expect(files.length).toBeGreaterThan(10);
    let scanned = 0;
    const leaks: string[] = [];
    for (const file of files) {
      if (statSync(file).size === 0) continue;
      const bytes = readFileSync(file);
      scanned += bytes.length;
      for (const needle of needles) if (bytes.includes(needle)) leaks.push(`${file}: note text`);
      for (const slice of photoSlices) if (bytes.includes(slice)) leaks.push(`${file}: photo bytes`);
      for (const at of jpegStarts(bytes)) leaks.push(`${file}: JPEG at ${at}`);
    }
    console.log(`[at-rest] ${files.length} files, ${(scanned / 1e6).toFixed(1)} MB scanned`);
    expect(leaks).toEqual([]);

    context = await launchProfile(profile);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}#/inspections/${id}`);
    await page.getByTestId('inspection-detail').waitFor();
    await tab(page, 'Nội dung kiểm tra');
    await expect.poll(() => page.getByTestId('note-VH-09').inputValue()).toBe(NOTE);
    await tab(page, 'Hình ảnh, chứng cứ');
    await expect.poll(() => page.getByTestId('photo').count()).toBe(2);
    await expect
      .poll(() => page.locator('[data-testid="photo"] img').evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0).length))
      .toBe(2);
    inspectionId = id;
  });

  it('exports a backup sealed by a passphrase, which another browser imports only with it', { timeout: 300_000 }, async () => {
    await page.goto(`${server!.url}#/inspections/${inspectionId}`);
    await page.getByTestId('inspection-detail').waitFor();
    await page.getByTestId('export-protect').check();
    await page.getByTestId('export-passphrase').fill('ngắn');
    await page.getByTestId('export').click();
    await page.getByText('Mật khẩu tệp sao lưu phải có ít nhất 8 ký tự').waitFor();
    await page.getByTestId('export-passphrase').fill('Mật khẩu sao lưu 2026');
    await page.getByTestId('export-confirm').fill('Mật khẩu sao lưu 2026');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.cvbk$/);
    const sealed = readFileSync((await download.path())!);
    expect(sealed.subarray(0, 21).toString('latin1')).toBe('CONGVU-SEALED-BACKUP\n');
    expect(sealed.includes(Buffer.from('ZQX-4711'))).toBe(false);
    expect(sealed.includes(Buffer.from('record.json'))).toBe(false);

    const otherProfile = freshProfileDir('congvu-at-rest-import-');
    const other = await launchProfile(otherProfile);
    try {
      const page2 = other.pages()[0] ?? (await other.newPage());
      await page2.goto(server!.url);
      await page2.getByTestId('empty-list').waitFor();
      await page2.getByTestId('import-file').setInputFiles({ name: 'sao-luu.cvbk', mimeType: 'application/octet-stream', buffer: sealed });
      await page2.getByTestId('import-passphrase').fill('mật khẩu sai');
      await page2.getByRole('button', { name: 'Mở và nhập' }).click();
      await expect.poll(() => page2.getByTestId('import-status').textContent()).toBe('Không nhập được sao-luu.cvbk: Mật khẩu không đúng, hoặc tệp sao lưu đã bị sửa đổi');
      expect(await page2.getByTestId('inspection-row').count()).toBe(0);
      await page2.getByTestId('import-passphrase').fill('Mật khẩu sao lưu 2026');
      await page2.getByRole('button', { name: 'Mở và nhập' }).click();
      await expect.poll(() => page2.getByTestId('import-status').textContent()).toBe('Đã nhập cuộc kiểm tra tại UBND xã Tân Phước Hưng (1 lần lập).');
      await page2.getByTestId('inspection-row').first().waitFor();
      expect((await readStore<{ note: string }>(page2, 'findings')).some((f) => f.note === NOTE)).toBe(true);
    } finally {
      await other.close();
      rmSync(otherProfile, { recursive: true, force: true });
    }
  });
});

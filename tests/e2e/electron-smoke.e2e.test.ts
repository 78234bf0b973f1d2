import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../scripts/electron-binary';

const root = resolve(import.meta.dirname, '../..');
const binary = findElectronBinary();

describe('desktop app (Electron)', () => {
  let app: ElectronApplication | undefined;
  let home: string | undefined;
  let xvfb: ChildProcess | undefined;

  afterAll(async () => {
    await app?.close();
    if (xvfb?.pid && xvfb.exitCode === null) xvfb.kill('SIGTERM');
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('starts sandboxed on congvu:// and shows the Vietnamese inspections list', async (ctx) => {
    if ('missing' in binary) {
      console.warn(`[electron-smoke] skipped: ${binary.missing}`);
      ctx.skip(`Electron binary unavailable: ${binary.missing}`);
      return;
    }
    execFileSync(process.execPath, [resolve(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
      cwd: root,
      stdio: 'inherit',
    });
    home = mkdtempSync(join(tmpdir(), 'congvu-electron-'));
    let display = process.env['DISPLAY'];
    if (!display && process.platform === 'linux') {
      // A real window needs an X server; start our own virtual one.
      display = `:${90 + (process.pid % 100)}`;
      xvfb = spawn('Xvfb', [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 1000));
    }
    app = await _electron.launch({
      executablePath: binary.path,
      args: [root, '--no-sandbox', '--disable-gpu'],
      cwd: root,
      env: { ...process.env, ...(display ? { DISPLAY: display } : {}), HOME: home, XDG_CONFIG_HOME: join(home, '.config'), APPDATA: join(home, 'AppData') },
    });
    const page = await app.firstWindow();
    await page.getByRole('heading', { name: 'Các cuộc kiểm tra' }).waitFor();
    expect(page.url()).toBe('congvu://app/index.html');
    const probe = await page.evaluate(async () => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys((window as unknown as { congvu: object }).congvu).sort(),
      info: await (window as unknown as { congvu: { app: { info(): Promise<{ runtime: string }> } } }).congvu.app.info(),
    }));
    expect(probe).toMatchObject({ require: 'undefined', process: 'undefined', bridge: ['app', 'files'], info: { runtime: 'electron' } });
    const userData = await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'));
    expect(userData.endsWith('congvu')).toBe(true);
  });
});

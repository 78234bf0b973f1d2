import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../scripts/electron-binary';
import { PLAYWRIGHT_TIMEOUT_MS } from '../support/chromium';

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
      // A real window needs an X server; start our own virtual one. Xvfb picks a free display and
      // writes its number to fd 3 once it accepts connections: no guessed number, no fixed wait.
      xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
      display = await xvfbDisplay(xvfb);
    }
    app = await _electron.launch({
      timeout: PLAYWRIGHT_TIMEOUT_MS,
      executablePath: binary.path,
      args: [root, '--no-sandbox', '--disable-gpu'],
      cwd: root,
      env: { ...process.env, ...(display ? { DISPLAY: display } : {}), HOME: home, XDG_CONFIG_HOME: join(home, '.config'), APPDATA: join(home, 'AppData') },
    });
    const page = await app.firstWindow({ timeout: PLAYWRIGHT_TIMEOUT_MS });
    page.setDefaultTimeout(PLAYWRIGHT_TIMEOUT_MS);
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

/** The display Xvfb started with `-displayfd 3` serves, once it says so. */
function xvfbDisplay(xvfb: ChildProcess): Promise<string> {
  return new Promise((ok, fail) => {
    let said = '';
    let err = '';
    xvfb.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    xvfb.stdio[3]!.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('\n')) ok(`:${said.trim()}`);
    });
    xvfb.once('error', fail);
    xvfb.once('exit', (code) => fail(new Error(`Xvfb exited with ${code}: ${err}`)));
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

/**
 * Chromium started by us, in its own process group, driven over CDP, so that it can be killed
 * outright (SIGKILL to the group we made) the way a crash or a pulled plug would end it.
 */
export class KillableChromium {
  private constructor(
    private readonly child: ChildProcess,
    readonly browser: Browser,
    readonly page: Page,
  ) {}

  static async start(profileDir: string, url: string): Promise<KillableChromium> {
    const child = spawn(CHROMIUM_PATH, [...CHROMIUM_ARGS, `--user-data-dir=${profileDir}`, '--remote-debugging-port=0', url], {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const endpoint = await new Promise<string>((ok, fail) => {
      let err = '';
      const timer = setTimeout(() => fail(new Error(`Chromium did not start: ${err}`)), 30_000);
      child.stderr!.on('data', (chunk: Buffer) => {
        err += chunk.toString();
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(err);
        if (match) {
          clearTimeout(timer);
          ok(match[1]!);
        }
      });
      child.once('exit', (code) => fail(new Error(`Chromium exited (${code}): ${err}`)));
    });
    const browser = await chromium.connectOverCDP(endpoint);
    const context = browser.contexts()[0]!;
    const page = context.pages().find((p) => p.url().startsWith(url.split('#')[0]!)) ?? (await context.newPage());
    if (!page.url().startsWith(url.split('#')[0]!)) await page.goto(url);
    return new KillableChromium(child, browser, page);
  }

  /** SIGKILL to the browser's whole process group: no unload, no flush, no goodbye. */
  async kill(): Promise<void> {
    const exited = new Promise<void>((ok) => (this.child.exitCode !== null ? ok() : this.child.once('exit', () => ok())));
    process.kill(-this.child.pid!, 'SIGKILL');
    await exited;
    // The CDP connection is gone with it; swallow its close error.
    await this.browser.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null) await this.kill();
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, PLAYWRIGHT_TIMEOUT_MS } from './chromium';

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

  /** Starts Chromium; a start that hangs (it happens after a hard kill) is killed and tried again. */
  static async start(profileDir: string, url: string, attempts = 3): Promise<KillableChromium> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await KillableChromium.startOnce(profileDir, url);
      } catch (error) {
        if (attempt >= attempts) throw error;
        console.warn(`[killable-chromium] start ${attempt} failed, retrying: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  }

  private static async startOnce(profileDir: string, url: string): Promise<KillableChromium> {
    // Opened blank and navigated over CDP: a page that is slow to load then cannot hold up the
    // connection itself.
    const child = spawn(CHROMIUM_PATH, [...CHROMIUM_ARGS, `--user-data-dir=${profileDir}`, '--remote-debugging-port=0', 'about:blank'], {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const endpoint = await new Promise<string>((ok, fail) => {
      let err = '';
      const timer = setTimeout(() => fail(new Error(`Chromium did not start: ${err}`)), PLAYWRIGHT_TIMEOUT_MS);
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
    try {
      const browser = await chromium.connectOverCDP(endpoint, { timeout: PLAYWRIGHT_TIMEOUT_MS });
      const context = browser.contexts()[0]!;
      context.setDefaultTimeout(PLAYWRIGHT_TIMEOUT_MS);
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(url);
      return new KillableChromium(child, browser, page);
    } catch (error) {
      // Never leave a browser of ours behind.
      killGroup(child);
      throw error;
    }
  }

  /** SIGKILL to the browser's whole process group: no unload, no flush, no goodbye. */
  async kill(): Promise<void> {
    const exited = new Promise<void>((ok) => (this.child.exitCode !== null || this.child.signalCode !== null ? ok() : this.child.once('exit', () => ok())));
    killGroup(this.child);
    await exited;
    // The renderer, GPU and storage processes die a moment later (later still on a busy machine);
    // a new browser on the same profile must not start while they still hold its files.
    while (groupAlive(this.child)) await new Promise((r) => setTimeout(r, 50));
    // The CDP connection is gone with it; swallow its close error.
    await this.browser.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) await this.kill();
  }
}

/**
 * Whether a process of the group still runs. Read from /proc rather than asked with signal 0,
 * which also answers for zombies that nothing may ever reap (this is Linux, as the suites are).
 */
function groupAlive(child: ChildProcess): boolean {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone while we looked
    }
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so split after the last ")".
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === child.pid && state !== 'Z') return true;
  }
  return false;
}

/** SIGKILL to the process group we created; a group that is already gone is fine. */
function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

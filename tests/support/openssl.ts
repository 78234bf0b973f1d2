import { execFile, execFileSync } from 'node:child_process';

/** Runs openssl synchronously and returns stdout; a failure throws with openssl's own stderr. */
export function openssl(args: readonly string[], options: { cwd?: string; input?: Uint8Array } = {}): Buffer {
  try {
    return execFileSync('openssl', args, { cwd: options.cwd, input: options.input, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`openssl ${args.join(' ')} failed: ${stderr}`, { cause: error });
  }
}

/** The same, without blocking the event loop (servers answering the test's own client). */
export function opensslAsync(args: readonly string[], cwd?: string): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    execFile('openssl', args, { cwd, encoding: 'buffer', maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr: stderr.toString() });
    });
  });
}

/** openssl's date form for -startdate/-enddate: YYYYMMDDHHMMSSZ (UTC). */
export function opensslDate(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export function pemToDer(pem: string): Uint8Array {
  const body = pem.replace(/-----(BEGIN|END) [^-]+-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(body, 'base64'));
}

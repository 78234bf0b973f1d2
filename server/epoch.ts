import { randomUUID } from 'node:crypto';
import { mkdirSync, openSync, readFileSync, writeSync, fsyncSync, closeSync, renameSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The hub's epoch, made once per data directory and kept in it. Written to a temporary file,
 * flushed and renamed, so a crash never leaves an empty or half-written epoch.
 */
export function loadOrCreateEpoch(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'hub-epoch');
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f-]{36}$/.test(existing)) return existing;
    throw new Error(`${file} is damaged ("${existing.slice(0, 40)}"); restore it from backup or remove it to start a new epoch`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const epoch = randomUUID();
  const temp = `${file}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, `${epoch}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  return epoch;
}

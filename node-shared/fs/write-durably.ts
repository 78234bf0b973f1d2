import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes bytes where the user chose, durably: to a temporary file beside the target, flushed to
 * disk, then renamed over it, so a crash never leaves a half-written file under the chosen name.
 */
export async function writeFileDurably(target: string, data: Uint8Array, mode = 0o644): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.part`);
  const handle = await open(temp, 'w', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

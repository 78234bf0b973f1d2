import { statSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Photo and signature bytes, one file per SHA-256 under the data folder. Written to a temporary
 * file, flushed, renamed and the folder flushed, so a file under its final name is always whole;
 * the write runs off the event loop, so uploads do not queue behind each other's disk flushes.
 */
export class BlobFiles {
  /**
   * Sizes of the blob files this process has seen. A blob file is never removed while the hub
   * runs (restoring a backup means a restart), so a hit spares a look at the disk, which was a
   * tenth of the hub's time per pushed record.
   */
  private readonly known = new Map<string, number>();
  private readonly folders = new Set<string>();

  constructor(private readonly dir: string) {}

  private folder(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2));
  }

  path(sha256: string): string {
    return join(this.folder(sha256), sha256);
  }

  async write(sha256: string, data: Uint8Array): Promise<void> {
    const folder = this.folder(sha256);
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.folders.add(folder);
    }
    const temp = join(folder, `.${sha256}.${process.pid}.${Math.random().toString(36).slice(2)}.part`);
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, this.path(sha256));
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    const dirHandle = await open(folder, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
    this.known.set(sha256, data.byteLength);
  }

  /**
   * The file's size, or null if there is no such blob. A plain stat, answered from the kernel's
   * cache: the asynchronous one cost more in promises and ENOENT errors (every new blob is
   * looked for before it is written) than the look itself.
   */
  async size(sha256: string): Promise<number | null> {
    const known = this.known.get(sha256);
    if (known !== undefined) return known;
    const found = statSync(this.path(sha256), { throwIfNoEntry: false });
    if (!found) return null;
    this.known.set(sha256, found.size);
    return found.size;
  }

  async read(sha256: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.path(sha256)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}

/** Whether a process with this id is running (a signal 0 probes without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files of uploads whose writer is gone (a killed hub or CLI import): their
 * names carry the writer's process id, so a CLI import running beside the hub keeps its own.
 */
export async function removeLeftoverParts(dataDir: string): Promise<number> {
  const root = join(dataDir, 'blobs');
  let folders: string[];
  try {
    folders = await readdir(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let removed = 0;
  for (const folder of folders) {
    const names = await readdir(join(root, folder)).catch(() => [] as string[]);
    for (const name of names) {
      const match = /^\.[0-9a-f]{64}\.(\d+)\.[0-9a-z]*\.part$/.exec(name);
      if (!match || (Number(match[1]) !== process.pid && alive(Number(match[1])))) continue;
      await rm(join(root, folder, name), { force: true });
      removed += 1;
    }
  }
  return removed;
}

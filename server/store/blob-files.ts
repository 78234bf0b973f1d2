import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Photo and signature bytes, one file per SHA-256 under the data folder. Written to a temporary
 * file, flushed, renamed and the folder flushed, so a file under its final name is always whole;
 * the write runs off the event loop, so uploads do not queue behind each other's disk flushes.
 */
export class BlobFiles {
  constructor(private readonly dir: string) {}

  private folder(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2));
  }

  path(sha256: string): string {
    return join(this.folder(sha256), sha256);
  }

  async write(sha256: string, data: Uint8Array): Promise<void> {
    const folder = this.folder(sha256);
    await mkdir(folder, { recursive: true });
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
  }

  /** The file's size, or null if there is no such blob. */
  async size(sha256: string): Promise<number | null> {
    try {
      return (await stat(this.path(sha256))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
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

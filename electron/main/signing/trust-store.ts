import { mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrustedRoot } from '@shared/ipc/signing-schemas';
import { writeFileDurably } from '../../../node-shared/fs/write-durably';
import { readCertificate } from './certificate-summary';

/** A root certificate is a few kilobytes; anything much larger is not one. */
const MAX_CERTIFICATE_BYTES = 64 * 1024;
const MAX_ROOTS = 200;

/**
 * The trust folder (userData/trust): the root certificates this computer trusts, one DER file per
 * root named by its fingerprint, so the same root added twice is kept once. Only files that parse
 * as X.509 certificates are copied in; the hub reads the same kind of folder (HUB_TRUST_DIR).
 */
export class TrustStore {
  constructor(readonly dir: string) {}

  async list(): Promise<(TrustedRoot & { der: Uint8Array })[]> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => /\.(cer|crt|der|pem)$/i.test(n)).sort();
    } catch {
      return [];
    }
    const roots: (TrustedRoot & { der: Uint8Array })[] = [];
    for (const fileName of names.slice(0, MAX_ROOTS)) {
      const path = join(this.dir, fileName);
      if ((await stat(path)).size > MAX_CERTIFICATE_BYTES) continue;
      const cert = readCertificate(new Uint8Array(await readFile(path)));
      if (cert) roots.push({ fileName, summary: cert.summary, der: cert.der });
    }
    return roots;
  }

  /** Copies in each file that is a certificate; names the ones that are not. */
  async add(paths: readonly string[]): Promise<{ added: TrustedRoot[]; refused: string[] }> {
    const added: TrustedRoot[] = [];
    const refused: string[] = [];
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    for (const path of paths) {
      const name = path.split(/[\\/]/).pop() ?? path;
      const size = await stat(path).then((s) => s.size, () => Infinity);
      const cert = size <= MAX_CERTIFICATE_BYTES ? readCertificate(new Uint8Array(await readFile(path))) : null;
      if (!cert) {
        refused.push(name);
        continue;
      }
      const fileName = `${cert.summary.sha256Fingerprint.slice(0, 32)}.cer`;
      await writeFileDurably(join(this.dir, fileName), cert.der);
      added.push({ fileName, summary: cert.summary });
    }
    return { added, refused };
  }

  /** Removes one root by the file name list() gave; anything else in the folder is left alone. */
  async remove(fileName: string): Promise<void> {
    const known = (await this.list()).some((r) => r.fileName === fileName);
    if (known) await rm(join(this.dir, fileName), { force: true });
  }
}

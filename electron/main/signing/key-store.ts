import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurably } from '../handlers/files-save';
import { certificateInfoSchema, type CertificateInfo } from '@shared/ipc/signing-schemas';
import { SigningError } from '../../../node-shared/signing/certificate';
import { readCertificate } from './certificate-summary';
import { p12Signer } from '../../../node-shared/signing/p12-signer';
import type { ExternalSigner } from '@shared/pdf-signature/external-signer';

/** The part of Electron's safeStorage the store uses (an interface, so it runs under plain Node in tests). */
export interface SecretBox {
  isEncryptionAvailable(): boolean;
  /** Linux only: which keyring encrypts; 'basic_text' means a hard-coded key, i.e. no protection. */
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export type StoreAvailability = { available: true } | { available: false; reason: 'insecure-storage' | 'no-encryption' };

const KEY_FILE = 'certificate.p12.enc';

/** Opens the file (wrong passphrase, no key: refused) and describes its certificate with Node's X.509 parser, Vietnamese names intact. */
function describeP12(p12: Uint8Array, passphrase: string): CertificateInfo {
  const summary = readCertificate(p12Signer(p12, passphrase).certificate)?.summary;
  if (!summary) throw new SigningError('err.sign.notP12');
  const { subject, issuer, serialNumber, notBefore, notAfter, sha256Fingerprint } = summary;
  return { subject, issuer, serialNumber, notBefore, notAfter, sha256Fingerprint };
}
const INFO_FILE = 'certificate.json';

/**
 * The team lead's signing certificate, imported once. The PKCS#12 (private key inside) is kept only
 * in the main process, encrypted at rest with the OS keyring through safeStorage, and still needs
 * its own passphrase at every signing. Where the OS offers no real keyring, importing is refused.
 */
export class KeyStore {
  constructor(
    private readonly dir: string,
    private readonly box: SecretBox,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  availability(): StoreAvailability {
    if (!this.box.isEncryptionAvailable()) return { available: false, reason: 'no-encryption' };
    if (this.platform === 'linux') {
      const backend = this.box.getSelectedStorageBackend?.() ?? 'unknown';
      if (backend === 'basic_text' || backend === 'unknown') return { available: false, reason: 'insecure-storage' };
    }
    return { available: true };
  }

  async certificate(): Promise<CertificateInfo | null> {
    try {
      return certificateInfoSchema.parse(JSON.parse(await readFile(join(this.dir, INFO_FILE), 'utf8')));
    } catch {
      return null;
    }
  }

  /** Checks the file opens with the passphrase and holds a key, then stores it encrypted. */
  async import(p12: Uint8Array, passphrase: string): Promise<CertificateInfo> {
    if (!this.availability().available) throw new SigningError('err.sign.insecureStorage');
    const info = describeP12(p12, passphrase);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileDurably(join(this.dir, KEY_FILE), this.box.encryptString(Buffer.from(p12).toString('base64')));
    await writeFileDurably(join(this.dir, INFO_FILE), new TextEncoder().encode(JSON.stringify(info)));
    return info;
  }

  async remove(): Promise<void> {
    await rm(join(this.dir, KEY_FILE), { force: true });
    await rm(join(this.dir, INFO_FILE), { force: true });
  }

  /** Opens the stored file with its passphrase, for one signature; the caller keeps it no longer. */
  async signer(passphrase: string): Promise<ExternalSigner & { notBefore: Date; notAfter: Date }> {
    if (!this.availability().available) throw new SigningError('err.sign.insecureStorage');
    let encrypted: Buffer;
    try {
      encrypted = await readFile(join(this.dir, KEY_FILE));
    } catch {
      throw new SigningError('err.sign.noCertificate');
    }
    const p12 = new Uint8Array(Buffer.from(this.box.decryptString(encrypted), 'base64'));
    return p12Signer(p12, passphrase);
  }
}

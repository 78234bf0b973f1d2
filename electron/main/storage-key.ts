import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCallback, type ScryptOptions } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DATA_KEY_BYTES, STORAGE_PASSPHRASE_MIN, type StorageKeyOpenRequest, type StorageKeyOpenResult } from '@shared/ipc/storage-key-schemas';
import { writeFileDurably } from './handlers/files-save';
import type { SecretBox } from './signing/key-store';

export const KEY_FILE = 'data-key.json';
const FORMAT = 'congvu.data-key';

/** scrypt at 64 MiB and N = 2^16: about a tenth of a second here, costly for anyone guessing. */
const KDF = { N: 65_536, r: 8, p: 1 } as const;
const MAXMEM = 160 * 1024 * 1024;

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/).max(4096);
const keyFileSchema = z.discriminatedUnion('protection', [
  z.object({ format: z.literal(FORMAT), v: z.literal(1), protection: z.literal('os-keyring'), sealed: b64 }).strict(),
  z
    .object({
      format: z.literal(FORMAT),
      v: z.literal(1),
      protection: z.literal('passphrase'),
      kdf: z.object({ name: z.literal('scrypt'), N: z.number().int().min(16_384).max(1_048_576), r: z.number().int().min(8).max(32), p: z.number().int().min(1).max(4), salt: b64 }).strict(),
      iv: b64,
      tag: b64,
      sealed: b64,
    })
    .strict(),
]);
type KeyFile = z.infer<typeof keyFileSchema>;

function scrypt(passphrase: string, salt: Buffer, kdf: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: MAXMEM };
  return new Promise((done, fail) => scryptCallback(passphrase.normalize('NFC'), salt, 32, options, (error, key) => (error ? fail(error) : done(key))));
}

/**
 * The data key that seals the app's records at rest, made once per install and kept in the userData
 * folder only wrapped: by the OS keyring (DPAPI on Windows, the Keychain, libsecret/kwallet on Linux)
 * where there is a real one, else by a passphrase the user sets — Linux's "basic_text" backend
 * encrypts with a key written in Chromium's source, which protects nothing. The key goes to the
 * renderer once per start, which imports it as a non-extractable CryptoKey.
 */
export class StorageKeyStore {
  private failures = 0;

  constructor(
    private readonly dir: string,
    private readonly box: SecretBox,
    private readonly platform: NodeJS.Platform = process.platform,
    /** Waits before answering a wrong passphrase (injected so tests need not wait). */
    private readonly pause: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  private keyringUsable(): boolean {
    if (!this.box.isEncryptionAvailable()) return false;
    if (this.platform !== 'linux') return true;
    const backend = this.box.getSelectedStorageBackend?.() ?? 'unknown';
    return backend !== 'basic_text' && backend !== 'unknown';
  }

  private async readKeyFile(): Promise<KeyFile | null | 'damaged'> {
    let text: string;
    try {
      text = await readFile(join(this.dir, KEY_FILE), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      return 'damaged';
    }
    try {
      const parsed = keyFileSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : 'damaged';
    } catch {
      return 'damaged';
    }
  }

  private async writeKeyFile(file: KeyFile): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileDurably(join(this.dir, KEY_FILE), new TextEncoder().encode(JSON.stringify(file)), 0o600);
  }

  private queue: Promise<unknown> = Promise.resolve();

  /** One at a time: two first opens at once must not each make (and one lose) a key. */
  open(request: StorageKeyOpenRequest): Promise<StorageKeyOpenResult> {
    const next = this.queue.then(() => this.openNow(request));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async openNow(request: StorageKeyOpenRequest): Promise<StorageKeyOpenResult> {
    const file = await this.readKeyFile();
    // Never replaced: a new key would leave every sealed record unreadable.
    if (file === 'damaged') return { ok: false, code: 'key-file-damaged' };
    if (file?.protection === 'os-keyring') {
      if (!this.keyringUsable()) return { ok: false, code: 'unavailable' };
      try {
        const key = Buffer.from(this.box.decryptString(Buffer.from(file.sealed, 'base64')), 'base64');
        return key.byteLength === DATA_KEY_BYTES ? { ok: true, key: new Uint8Array(key), protection: 'os-keyring' } : { ok: false, code: 'key-file-damaged' };
      } catch {
        // The keyring no longer opens it (another OS account, a reset keyring).
        return { ok: false, code: 'unavailable' };
      }
    }
    if (file?.protection === 'passphrase') {
      if (request.passphrase === undefined) return { ok: false, code: 'passphrase-required' };
      return this.unwrapWithPassphrase(file, request.passphrase);
    }
    const key = randomBytes(DATA_KEY_BYTES);
    if (this.keyringUsable()) {
      await this.writeKeyFile({ format: FORMAT, v: 1, protection: 'os-keyring', sealed: this.box.encryptString(key.toString('base64')).toString('base64') });
      return { ok: true, key: new Uint8Array(key), protection: 'os-keyring' };
    }
    if (request.passphrase === undefined) return { ok: false, code: 'passphrase-new' };
    if ([...request.passphrase].length < STORAGE_PASSPHRASE_MIN) return { ok: false, code: 'weak-passphrase' };
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await scrypt(request.passphrase, salt, KDF), iv);
    const sealed = Buffer.concat([cipher.update(key), cipher.final()]);
    await this.writeKeyFile({
      format: FORMAT,
      v: 1,
      protection: 'passphrase',
      kdf: { name: 'scrypt', ...KDF, salt: salt.toString('base64') },
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      sealed: sealed.toString('base64'),
    });
    return { ok: true, key: new Uint8Array(key), protection: 'passphrase' };
  }

  private async unwrapWithPassphrase(file: Extract<KeyFile, { protection: 'passphrase' }>, passphrase: string): Promise<StorageKeyOpenResult> {
    try {
      const wrapping = await scrypt(passphrase, Buffer.from(file.kdf.salt, 'base64'), file.kdf);
      const decipher = createDecipheriv('aes-256-gcm', wrapping, Buffer.from(file.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
      const key = Buffer.concat([decipher.update(Buffer.from(file.sealed, 'base64')), decipher.final()]);
      if (key.byteLength !== DATA_KEY_BYTES) return { ok: false, code: 'key-file-damaged' };
      this.failures = 0;
      return { ok: true, key: new Uint8Array(key), protection: 'passphrase' };
    } catch {
      // Each wrong guess in a row waits longer, up to ten seconds.
      this.failures += 1;
      await this.pause(Math.min(10_000, 1000 * this.failures));
      return { ok: false, code: 'wrong-passphrase' };
    }
  }
}

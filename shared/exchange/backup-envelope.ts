/**
 * A backup protected by a passphrase: the export's zip bytes sealed whole (AES-GCM under a key
 * derived with PBKDF2-SHA-256), so the zip reader never sees a byte before the passphrase opened
 * them. An unprotected backup is the zip itself, read as before.
 *
 * Layout: MAGIC, a u32 header length, the header JSON {v, kdf, hash, iterations, salt, iv}
 * (base64), then the ciphertext. The header is the AES-GCM additional data: changing the
 * iteration count or anything else in it makes the backup refuse to open.
 */
export const BACKUP_MAGIC = new TextEncoder().encode('CONGVU-SEALED-BACKUP\n');
export const BACKUP_ITERATIONS = 600_000;
export const BACKUP_PASSPHRASE_MIN = 8;
/** Far above what we write, low enough that a doctored header cannot make the import hang for hours. */
const MAX_ITERATIONS = 5_000_000;
const MAX_HEADER = 1024;

export class BackupEnvelopeError extends Error {
  override name = 'BackupEnvelopeError';
  constructor(readonly code: 'err.backup.wrongPassphrase' | 'err.backup.damaged' | 'err.backup.weakPassphrase') {
    super(code);
  }
}

interface Header {
  v: 1;
  kdf: 'PBKDF2';
  hash: 'SHA-256';
  iterations: number;
  salt: string;
  iv: string;
}

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function deriveKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

export function isSealedBackup(bytes: Uint8Array): boolean {
  return bytes.length >= BACKUP_MAGIC.length && BACKUP_MAGIC.every((b, i) => bytes[i] === b);
}

export async function sealBackup(zip: Uint8Array, passphrase: string, iterations = BACKUP_ITERATIONS): Promise<Uint8Array> {
  if ([...passphrase.normalize('NFC')].length < BACKUP_PASSPHRASE_MIN) throw new BackupEnvelopeError('err.backup.weakPassphrase');
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const header = new TextEncoder().encode(JSON.stringify({ v: 1, kdf: 'PBKDF2', hash: 'SHA-256', iterations, salt: b64(salt), iv: b64(iv) } satisfies Header));
  const key = await deriveKey(passphrase, salt, iterations);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: header }, key, new Uint8Array(zip)));
  const out = new Uint8Array(BACKUP_MAGIC.length + 4 + header.length + sealed.length);
  out.set(BACKUP_MAGIC, 0);
  new DataView(out.buffer).setUint32(BACKUP_MAGIC.length, header.length);
  out.set(header, BACKUP_MAGIC.length + 4);
  out.set(sealed, BACKUP_MAGIC.length + 4 + header.length);
  return out;
}

function readHeader(bytes: Uint8Array): { header: Header; raw: Uint8Array<ArrayBuffer>; body: Uint8Array<ArrayBuffer> } {
  const at = BACKUP_MAGIC.length;
  if (bytes.length < at + 4) throw new BackupEnvelopeError('err.backup.damaged');
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(at);
  if (length > MAX_HEADER || bytes.length < at + 4 + length + 16) throw new BackupEnvelopeError('err.backup.damaged');
  const raw = bytes.slice(at + 4, at + 4 + length);
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(raw)) as Header;
  } catch {
    throw new BackupEnvelopeError('err.backup.damaged');
  }
  const ok =
    header.v === 1 &&
    header.kdf === 'PBKDF2' &&
    header.hash === 'SHA-256' &&
    Number.isInteger(header.iterations) &&
    header.iterations >= 100_000 &&
    header.iterations <= MAX_ITERATIONS &&
    typeof header.salt === 'string' &&
    typeof header.iv === 'string';
  if (!ok) throw new BackupEnvelopeError('err.backup.damaged');
  return { header, raw, body: bytes.slice(at + 4 + length) };
}

/** The zip inside a sealed backup. A wrong passphrase and a changed file are the same failure to AES-GCM: said as one. */
export async function openBackup(bytes: Uint8Array, passphrase: string): Promise<Uint8Array> {
  const { header, raw, body } = readHeader(bytes);
  let salt: Uint8Array<ArrayBuffer>;
  let iv: Uint8Array<ArrayBuffer>;
  try {
    salt = unb64(header.salt);
    iv = unb64(header.iv);
  } catch {
    throw new BackupEnvelopeError('err.backup.damaged');
  }
  if (iv.length !== 12 || salt.length < 16) throw new BackupEnvelopeError('err.backup.damaged');
  const key = await deriveKey(passphrase, salt, header.iterations);
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: raw }, key, body));
  } catch {
    throw new BackupEnvelopeError('err.backup.wrongPassphrase');
  }
}

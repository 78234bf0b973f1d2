import { z } from 'zod';

/**
 * The at-rest data key of the desktop app. Main keeps it wrapped by the OS keyring (safeStorage),
 * or, where Linux offers only its plain-text backend, by a passphrase the user sets; the renderer
 * asks for it once at start and imports it as a non-extractable AES-GCM key.
 *
 * `open({})`: with a usable OS keyring, the key (made on first use) → `ok`. Without one: a key
 * already sealed by a passphrase → `passphrase-required`; none yet → `passphrase-new`.
 * `open({passphrase})`: unwraps the passphrase-sealed key (`wrong-passphrase` if it does not
 * open it), or, where there is none yet and no usable keyring, makes one sealed by this
 * passphrase (`weak-passphrase` if shorter than STORAGE_PASSPHRASE_MIN). A key file that cannot be
 * read as one is `key-file-damaged`: never replaced silently, as a new key would make all data unreadable.
 */
export const STORAGE_PASSPHRASE_MIN = 8;
export const DATA_KEY_BYTES = 32;

export const storageKeyOpenRequestSchema = z.tuple([z.object({ passphrase: z.string().min(1).max(1024).optional() }).strict()]);
export type StorageKeyOpenRequest = z.infer<typeof storageKeyOpenRequestSchema>[0];

export type StorageKeyProtection = 'os-keyring' | 'passphrase';
export type StorageKeyOpenResult =
  | { ok: true; key: Uint8Array; protection: StorageKeyProtection }
  | { ok: false; code: 'passphrase-required' | 'passphrase-new' | 'wrong-passphrase' | 'weak-passphrase' | 'key-file-damaged' | 'unavailable' };

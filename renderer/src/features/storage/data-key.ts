import type { StorageKeyOpenRequest, StorageKeyOpenResult, StorageKeyProtection } from '@shared/ipc/storage-key-schemas';

/** Where the data key comes from: main (OS keyring or passphrase) in the desktop app, the browser itself otherwise. */
export type KeySource = StorageKeyProtection | 'browser';

export type DataKeyOutcome =
  | { ok: true; key: CryptoKey; source: KeySource }
  | { ok: false; code: 'passphrase-required' | 'passphrase-new' | 'wrong-passphrase' | 'weak-passphrase' | 'key-file-damaged' };

export interface StorageKeyBridge {
  open(request: StorageKeyOpenRequest): Promise<StorageKeyOpenResult>;
}

const KEY_DB = 'congvu-key';
const KEY_STORE = 'key';
const KEY_ID = 'data';

/** The raw bytes become a non-extractable key and are wiped at once: nothing keeps them afterwards. */
async function importRaw(raw: Uint8Array): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey('raw', new Uint8Array(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
  } finally {
    raw.fill(0);
  }
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * The browser build's key: a non-extractable AES-GCM CryptoKey made once and kept as a key object
 * in its own small database (structured clone keeps it non-extractable). Weaker than the desktop
 * app's: anyone with this browser profile and this user's session can use it.
 */
export async function browserDataKey(factory: IDBFactory = indexedDB): Promise<CryptoKey> {
  const open = factory.open(KEY_DB, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(KEY_STORE);
  const db = await request(open);
  try {
    const existing = await request(db.transaction(KEY_STORE).objectStore(KEY_STORE).get(KEY_ID) as IDBRequest<CryptoKey | undefined>);
    if (existing) return existing;
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const tx = db.transaction(KEY_STORE, 'readwrite', { durability: 'strict' });
    // add, not put: two windows starting at once keep the first key, and the second reads it back.
    tx.objectStore(KEY_STORE).add(key, KEY_ID);
    const written = await new Promise<boolean>((resolve, reject) => {
      tx.oncomplete = () => resolve(true);
      tx.onabort = () => (tx.error?.name === 'ConstraintError' ? resolve(false) : reject(tx.error));
    });
    if (written) return key;
    return (await request(db.transaction(KEY_STORE).objectStore(KEY_STORE).get(KEY_ID) as IDBRequest<CryptoKey>))!;
  } finally {
    db.close();
  }
}

/**
 * The data key for this start. The desktop bridge answers for main's key; where it is `unavailable`
 * (the browser build) the browser keeps its own.
 */
export async function openDataKey(bridge: StorageKeyBridge, passphrase?: string): Promise<DataKeyOutcome> {
  const answer = await bridge.open(passphrase === undefined ? {} : { passphrase });
  if (answer.ok) return { ok: true, key: await importRaw(answer.key), source: answer.protection };
  if (answer.code === 'unavailable') return { ok: true, key: await browserDataKey(), source: 'browser' };
  return { ok: false, code: answer.code };
}

import type { Page } from 'playwright-core';

/**
 * Runs in the page: every row of one store, rows sealed at rest opened with the browser build's
 * own data key (read from its key database as the app reads it). Plain JavaScript in a string: the
 * TypeScript runner would otherwise wrap the named helpers in a function the page does not have.
 * The frame layout is the app's (renderer/src/db/seal-codec.ts).
 */
const READ_SOURCE = `async (name) => {
  const request = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  const db = await request(indexedDB.open('congvu'));
  const rows = await request(db.transaction(name, 'readonly').objectStore(name).getAll());
  db.close();
  if (!rows.some((r) => r && r['sealed$'] instanceof ArrayBuffer)) return rows;
  const keyDb = await request(indexedDB.open('congvu-key'));
  const key = await request(keyDb.transaction('key').objectStore('key').get('data'));
  keyDb.close();
  const TAG = '\\u0000congvu';
  const open = async (row) => {
    if (!(row && row['sealed$'] instanceof ArrayBuffer)) return row;
    const bytes = new Uint8Array(row['sealed$']);
    const plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, 12), additionalData: new TextEncoder().encode(name) }, key, bytes.subarray(12)));
    const headLength = new DataView(plain.buffer).getUint32(0);
    const head = JSON.parse(new TextDecoder().decode(plain.subarray(4, 4 + headLength)));
    const slices = [];
    let at = 4 + headLength;
    for (const size of head.sizes) { slices.push(plain.slice(at, at + size)); at += size; }
    const value = JSON.parse(head.json, (_k, v) => {
      if (!(v && typeof v === 'object' && TAG in v)) return v;
      if (v[TAG] === 'date') return new Date(v.iso);
      if (v[TAG] === 'blob') return new Blob([slices[v.part]], { type: v.type });
      if (v[TAG] === 'ab') return slices[v.part].buffer;
      return slices[v.part];
    });
    for (const [k, v] of Object.entries(row)) if (k !== 'sealed$' && !(k in value)) value[k] = v;
    return value;
  };
  return Promise.all(rows.map(open));
}`;

/** Every row of one object store of the app's IndexedDB, read directly (not through the app), sealed rows opened. */
export function readStore<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(`(${READ_SOURCE})(${JSON.stringify(store)})`) as Promise<T[]>;
}

/** Width and height of a stored image blob, decoded in the page. */
export function storedImageSize(page: Page, sha256: string): Promise<[number, number]> {
  return page.evaluate(`(async () => {
    const rows = await (${READ_SOURCE})('blobs');
    const bitmap = await createImageBitmap(rows.find((r) => r.sha256 === ${JSON.stringify(sha256)}).blob);
    return [bitmap.width, bitmap.height];
  })()`) as Promise<[number, number]>;
}

/** Every row of one store as it lies on disk: sealed rows stay sealed. */
export function readRawStore<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((ok, fail) => {
        const req = indexedDB.open('congvu');
        req.onsuccess = () => {
          const db = req.result;
          const all = db.transaction(name, 'readonly').objectStore(name).getAll();
          all.onsuccess = () => {
            db.close();
            ok(all.result as T[]);
          };
          all.onerror = () => fail(all.error);
        };
        req.onerror = () => fail(req.error);
      }),
    store,
  );
}

export function storeKeys(page: Page, store: string): Promise<unknown[]> {
  return page.evaluate(
    (name) =>
      new Promise<unknown[]>((ok, fail) => {
        const req = indexedDB.open('congvu');
        req.onsuccess = () => {
          const db = req.result;
          const keys = db.transaction(name, 'readonly').objectStore(name).getAllKeys();
          keys.onsuccess = () => {
            db.close();
            ok(keys.result as unknown[]);
          };
          keys.onerror = () => fail(keys.error);
        };
        req.onerror = () => fail(req.error);
      }),
    store,
  );
}

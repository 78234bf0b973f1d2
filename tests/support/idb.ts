import type { Page } from 'playwright-core';

/** Every row of one object store of the app's IndexedDB, read directly (not through the app). */
export function readStore<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((ok, fail) => {
        const req = indexedDB.open('congvu');
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(name, 'readonly');
          const all = tx.objectStore(name).getAll();
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

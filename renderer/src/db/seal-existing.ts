import { keepAlive } from './keep-alive';
import { isSealedRow, keyPathsOf, sealRow } from './sealed-row';

const BATCH = 500;

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * Seals the rows a store held before sealing, a batch per transaction: each batch reads its rows,
 * seals them (the transaction kept alive) and writes them back, all or nothing. Killed midway, the
 * store holds sealed and plain rows side by side, both readable (the middleware opens only sealed
 * ones), and the next start carries on. Returns how many rows it sealed.
 */
export async function sealStore(idb: IDBDatabase, key: CryptoKey, name: string): Promise<number> {
  let sealed = 0;
  let after: IDBValidKey | null = null;
  for (;;) {
    const trans = idb.transaction(name, 'readwrite');
    const store = trans.objectStore(name);
    const paths = keyPathsOf(store.keyPath as string | string[] | null, Array.from(store.indexNames, (i) => store.index(i).keyPath as string | string[]));
    const range: IDBKeyRange | null = after === null ? null : IDBKeyRange.lowerBound(after, true);
    const [keys, rows]: [IDBValidKey[], unknown[]] = await Promise.all([done(store.getAllKeys(range, BATCH)), done(store.getAll(range, BATCH))]);
    const plain = rows.flatMap((row, i) => (isSealedRow(row) ? [] : [{ row, key: keys[i]! }]));
    const outbound = store.keyPath === null;
    const sealedRows = await keepAlive(trans, Promise.all(plain.map((p) => sealRow(key, name, paths, p.row))));
    sealedRows.forEach((row, i) => (outbound ? store.put(row, plain[i]!.key) : store.put(row)));
    await new Promise<void>((resolve, reject) => {
      trans.oncomplete = () => resolve();
      trans.onabort = () => reject(trans.error ?? new Error(`sealing ${name} aborted`));
    });
    sealed += plain.length;
    if (keys.length < BATCH) return sealed;
    after = keys.at(-1)!;
  }
}

/** Every listed store of the open database, one after another. */
export async function sealExisting(idb: IDBDatabase, key: CryptoKey, stores: Iterable<string>): Promise<number> {
  let total = 0;
  for (const name of stores) if (idb.objectStoreNames.contains(name)) total += await sealStore(idb, key, name);
  return total;
}

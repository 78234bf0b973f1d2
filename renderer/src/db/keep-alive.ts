/**
 * Waits for `work` (WebCrypto: not an IndexedDB request) without letting `trans` commit itself
 * meanwhile: an IndexedDB transaction commits as soon as nothing is pending on it, so cheap reads
 * are issued one after another until the work settles, and the result is handed back from inside
 * the last read's success event, where the transaction is active again for the caller's next
 * request (what Dexie.waitFor does). A transaction already finished just waits for the work.
 */
export function keepAlive<T>(trans: IDBTransaction, work: Promise<T>): Promise<T> {
  let settled: { ok: true; value: T } | { ok: false; error: unknown } | null = null;
  void work.then(
    (value) => (settled = { ok: true, value }),
    (error: unknown) => (settled = { ok: false, error }),
  );
  let store: IDBObjectStore;
  try {
    store = trans.objectStore(trans.objectStoreNames[0]!);
  } catch {
    return work;
  }
  return new Promise<T>((resolve, reject) => {
    const spin = (): void => {
      if (settled !== null) {
        if (settled.ok) resolve(settled.value);
        else reject(settled.error);
        return;
      }
      let request: IDBRequest;
      try {
        request = store.get(-Infinity);
      } catch {
        // The transaction ended (an implicit read-only one after its last read): nothing to keep alive.
        work.then(resolve, reject);
        return;
      }
      request.onsuccess = spin;
      request.onerror = spin;
    };
    spin();
  });
}

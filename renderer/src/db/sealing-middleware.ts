import type { DBCore, DBCoreCursor, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { keepAlive } from './keep-alive';
import { keyPathsOf, openRow, sealRow, type KeyPaths } from './sealed-row';

/**
 * Seals rows on their way into IndexedDB and opens them on their way out, below every other
 * layer, so features read and write plain objects as before. Every await on WebCrypto is made
 * inside `keepAlive`: the caller's transaction stays open across it, and a bulk write or read is
 * one batch of crypto under one keep-alive.
 */
export function sealingMiddleware(key: CryptoKey, sealedTables: ReadonlySet<string>): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'sealing',
    // Closest to IndexedDB: every other middleware (hooks, cache, live queries) sees plain rows.
    level: -100,
    create(down: DBCore): Partial<DBCore> {
      return {
        table(name: string): DBCoreTable {
          const table = down.table(name);
          if (!sealedTables.has(name)) return table;
          const schema = table.schema;
          const paths = keyPathsOf(schema.primaryKey.keyPath, schema.indexes.map((i) => i.keyPath));
          const openAll = (trans: DBCoreTransaction, rows: readonly unknown[]) => keepAlive(trans as IDBTransaction, Promise.all(rows.map((r) => openRow(key, name, paths, r))));
          return {
            ...table,
            async mutate(req) {
              if (req.type !== 'add' && req.type !== 'put') return table.mutate(req);
              const values = await keepAlive(req.trans as IDBTransaction, Promise.all(req.values.map((v) => sealRow(key, name, paths, v))));
              return table.mutate({ ...req, values });
            },
            async get(req) {
              const row = await table.get(req);
              return row === undefined ? row : (await openAll(req.trans, [row]))[0];
            },
            async getMany(req) {
              return openAll(req.trans, await table.getMany(req));
            },
            async query(req) {
              const res = await table.query(req);
              if (!req.values) return res;
              return { result: await openAll(req.trans, res.result) };
            },
            async openCursor(req) {
              const cursor = await table.openCursor(req);
              if (cursor === null || !req.values) return cursor;
              return openingCursor(cursor, key, name, paths);
            },
          };
        },
      };
    },
  };
}

/**
 * A cursor whose `value` is the opened row: each step is opened (under keep-alive) before the
 * consumer's callback sees it, and the consumer's continue() then runs inside the keep-alive's
 * success event, where the transaction is active.
 */
function openingCursor(inner: DBCoreCursor, key: CryptoKey, table: string, paths: KeyPaths): DBCoreCursor {
  let value: unknown;
  const outer: DBCoreCursor = {
    get trans() {
      return inner.trans;
    },
    get key() {
      return inner.key as unknown;
    },
    get primaryKey() {
      return inner.primaryKey as unknown;
    },
    get value() {
      return value;
    },
    get done() {
      return inner.done;
    },
    continue: (k?: unknown) => inner.continue(k),
    continuePrimaryKey: (k: unknown, pk: unknown) => inner.continuePrimaryKey(k, pk),
    advance: (count: number) => inner.advance(count),
    stop: (v?: unknown) => inner.stop(v),
    fail: (error: Error) => inner.fail(error),
    start(onNext: () => void) {
      return inner.start(() => {
        keepAlive(inner.trans as IDBTransaction, openRow(key, table, paths, inner.value)).then(
          (opened) => {
            value = opened;
            try {
              onNext();
            } catch (error) {
              inner.fail(error instanceof Error ? error : new Error(String(error)));
            }
          },
          (error: unknown) => inner.fail(error instanceof Error ? error : new Error(String(error))),
        );
      });
    },
    next() {
      let gotOne = 1;
      return outer.start(() => (gotOne-- ? outer.continue() : outer.stop())).then(() => outer);
    },
  };
  return outer;
}

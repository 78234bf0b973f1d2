import type Database from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * Kysely prepares every query afresh; the hub runs the same few statements for every record, and
 * preparing them was a tenth of its time per record. Statements are kept by their SQL text, a
 * bounded number (queries with `in (…)` lists vary in length). One still being iterated (a stream)
 * is never handed out twice: a fresh one is prepared instead.
 */
export function withStatementCache(sqlite: Database.Database, limit = 500): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (sql: string) => {
      const held = cache.get(sql);
      if (held && !held.busy) return held;
      const statement = sqlite.prepare(sql);
      if (!held) {
        if (cache.size >= limit) cache.delete(cache.keys().next().value!);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';
import pg from 'pg';
import type { HubDatabase } from './schema';
import { withStatementCache } from './statement-cache';

export type Dialect = 'sqlite' | 'postgres';

export interface HubDb {
  db: Kysely<HubDatabase>;
  dialect: Dialect;
}

/**
 * SQLite transactions take the write lock as they begin. The hub's file has other writers (the
 * administrator's CLI runs as a process of its own), and a deferred transaction that reads first
 * and then writes is refused at once with "database is locked" when another process has written
 * in between (waiting could deadlock); begun IMMEDIATE, it waits for the lock (busy_timeout).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

/**
 * PostgreSQL when DATABASE_URL is set, otherwise SQLite in the data folder. SQLite runs in WAL
 * mode with full sync, so a record the hub has acknowledged survives a power cut.
 */
export function connectHubDb(options: { dataDir: string; databaseUrl?: string }): HubDb {
  if (options.databaseUrl) {
    // Counts come back as numbers, not strings (they stay far below 2^53).
    pg.types.setTypeParser(20, (v) => Number(v));
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    return { db: new Kysely<HubDatabase>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres' };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const sqlite = new Database(join(options.dataDir, 'hub.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return { db: new Kysely<HubDatabase>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) }), dialect: 'sqlite' };
}

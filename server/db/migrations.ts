import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Dialect } from './connect';

/**
 * Migrations as code, run at every start. A shipped migration is never edited: a change is a new
 * one. The same schema on SQLite and PostgreSQL, but for the types that differ.
 */
function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-initial': {
      async up(db: Kysely<unknown>) {
        await db.schema.createTable('hub_meta').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();
        await db.schema
          .createTable('devices')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('revoked_at', 'text')
          .addColumn('last_seen_at', 'text')
          .execute();
        await db.schema
          .createTable('enrollment_codes')
          .addColumn('code_hash', 'text', (c) => c.primaryKey())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('used_at', 'text')
          .addColumn('device_id', 'text')
          .execute();
        await db.schema
          .createTable('changes')
          .addColumn('seq', dialect === 'postgres' ? 'serial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('entity_id', 'text', (c) => c.notNull())
          .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('audience_device', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('changes_kind_seq').on('changes').columns(['kind', 'seq']).execute();
        await db.schema
          .createTable('blobs')
          .addColumn('sha256', 'text', (c) => c.primaryKey())
          .addColumn('size', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('inspections')
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('revision', 'integer', (c) => c.notNull())
          .addColumn('content_hash', 'text', (c) => c.notNull())
          .addColumn('record', 'text', (c) => c.notNull())
          .addColumn('unit_code', 'text', (c) => c.notNull())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('received_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('inspections_pk', ['id', 'revision'])
          .execute();
        await db.schema
          .createTable('inspection_blobs')
          .addColumn('inspection_id', 'text', (c) => c.notNull())
          .addColumn('revision', 'integer', (c) => c.notNull())
          .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
          .addPrimaryKeyConstraint('inspection_blobs_pk', ['inspection_id', 'revision', 'sha256'])
          .addForeignKeyConstraint('inspection_blobs_inspection', ['inspection_id', 'revision'], 'inspections', ['id', 'revision'])
          .execute();
        await db.schema
          .createTable('reviews')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('inspection_id', 'text', (c) => c.notNull())
          .addColumn('revision', 'integer', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('comment', 'text', (c) => c.notNull())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
    // Signed PDFs of the biên bản, one row per file: a record re-signed later keeps both.
    '0002-reports': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('inspection_reports')
          .addColumn('inspection_id', 'text', (c) => c.notNull())
          .addColumn('revision', 'integer', (c) => c.notNull())
          .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
          .addColumn('signer', 'text', (c) => c.notNull())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('received_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('inspection_reports_pk', ['inspection_id', 'revision', 'sha256'])
          .addForeignKeyConstraint('inspection_reports_inspection', ['inspection_id', 'revision'], 'inspections', ['id', 'revision'])
          .execute();
      },
    },
    // An inspection belongs to the device that first pushed it (issue 13); ids are lower case
    // everywhere, so the owner row's key is too. Hand-overs are the administrator's, and logged.
    '0003-ownership': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('inspection_owners')
          .addColumn('inspection_id', 'text', (c) => c.primaryKey())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('since', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('inspection_owners_device').on('inspection_owners').column('device_id').execute();
        await sql`insert into inspection_owners (inspection_id, device_id, since) select lower(id), device_id, received_at from inspections where revision = 1 on conflict (inspection_id) do nothing`.execute(db);
        await db.schema
          .createTable('admin_log')
          .addColumn('seq', dialect === 'postgres' ? 'serial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('details', 'text', (c) => c.notNull())
          .execute();
      },
    },
    // Every signer of a report (issue 14), as JSON text, and whether the hub's trust folder failed
    // any of them. Reports taken before keep their one signer's name and an empty list.
    '0004-report-signers': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('inspection_reports').addColumn('signers', 'text', (c) => c.notNull().defaultTo('[]')).execute();
        await db.schema.alterTable('inspection_reports').addColumn('untrusted_signer', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      },
    },
    // The administration console (issue 15): administrator accounts, their sessions (only a hash of
    // the session id is kept), wrong passwords for the lockout, and who did what in the admin log.
    '0005-admin-console': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('admins')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('admin_sessions')
          .addColumn('id_hash', 'text', (c) => c.primaryKey())
          .addColumn('admin', 'text', (c) => c.notNull())
          .addColumn('csrf_token', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_used_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('admin_sessions_admin').on('admin_sessions').column('admin').execute();
        await db.schema
          .createTable('admin_signin_failures')
          .addColumn('seq', dialect === 'postgres' ? 'serial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('admin_signin_failures_name_at').on('admin_signin_failures').columns(['name', 'at']).execute();
        await db.schema.alterTable('admin_log').addColumn('admin', 'text').execute();
        await db.schema.createIndex('devices_created_at').on('devices').column('created_at').execute();
      },
    },
  };
}

/** Brings the schema up to date, or (tests of a migration) up to the named one. */
export async function migrateHubDb(db: Kysely<unknown>, dialect: Dialect, upTo?: string): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const migrator = new Migrator({ db, provider });
  const { error, results } = upTo === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(upTo);
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`hub migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`);
}

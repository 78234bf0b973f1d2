import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { ADMIN_API_PREFIX, pageQuerySchema } from '@shared/admin/admin-api';
import { FORMAT_VERSION } from '@shared/format-version';
import { adminOf, parsed, type ConsoleContext } from './context';

const sizeOf = async (path: string) => (await stat(path).catch(() => null))?.size ?? 0;

/** The hub's health (storage, database, epoch, version) and the administration log. */
export function healthRoutes(scope: FastifyInstance, { store, epoch, options }: ConsoleContext): void {
  scope.get(`${ADMIN_API_PREFIX}/health`, async (request) => {
    adminOf(request);
    const db = store.db;
    const records = await db.selectFrom('inspections').select((eb) => [eb.fn.countAll<number>().as('revisions'), sql<number>`coalesce(sum(length(record)), 0)`.as('bytes')]).executeTakeFirstOrThrow();
    const inspections = await db.selectFrom('inspection_owners').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const blobs = await db.selectFrom('blobs').select((eb) => [eb.fn.countAll<number>().as('n'), sql<number>`coalesce(sum(size), 0)`.as('bytes')]).executeTakeFirstOrThrow();
    const reports = await db.selectFrom('inspection_reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const devices = await db.selectFrom('devices').select((eb) => [eb.fn.countAll<number>().as('all'), sql<number>`sum(case when revoked_at is null then 0 else 1 end)`.as('revoked')]).executeTakeFirstOrThrow();
    let bytes: number | null;
    if (store.dialect === 'postgres') {
      bytes = Number((await sql<{ size: number }>`select pg_database_size(current_database()) as size`.execute(db)).rows[0]?.size ?? 0);
    } else {
      const file = join(options.dataDir, 'hub.sqlite');
      bytes = (await sizeOf(file)) + (await sizeOf(`${file}-wal`));
    }
    const revoked = Number(devices.revoked ?? 0);
    return {
      hubVersion: options.hubVersion,
      formatVersion: FORMAT_VERSION,
      epoch,
      database: { kind: store.dialect, where: store.dialect === 'postgres' ? 'PostgreSQL' : join(options.dataDir, 'hub.sqlite'), bytes },
      storage: { inspections: Number(inspections.n), revisions: Number(records.revisions), recordBytes: Number(records.bytes), blobs: Number(blobs.n), blobBytes: Number(blobs.bytes), reports: Number(reports.n) },
      devices: { active: Number(devices.all) - revoked, revoked },
    };
  });

  scope.get(`${ADMIN_API_PREFIX}/log`, async (request) => {
    adminOf(request);
    const query = parsed(pageQuerySchema, request.query, 400);
    const total = await store.db.selectFrom('admin_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await store.db.selectFrom('admin_log').selectAll().orderBy('seq', 'desc').offset(query.offset).limit(query.limit).execute();
    return {
      total: Number(total.n),
      items: rows.map((r) => ({ seq: r.seq, at: r.at, admin: r.admin, action: r.action, details: safeDetails(r.details) })),
    };
  });
}

function safeDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { text };
  }
}

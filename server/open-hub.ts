import { join, resolve } from 'node:path';
import { BlobFiles } from './store/blob-files';
import { connectHubDb } from './db/connect';
import { migrateHubDb } from './db/migrations';
import { HubStore } from './store/hub-store';
import { reportPolicyFromEnv } from './trust-config';

/**
 * Connects to the hub's database from the environment and brings its schema up to date; reads the
 * trust folder first, so a wrong HUB_TRUST_DIR stops the start before anything is opened.
 */
export async function openHub(env: NodeJS.ProcessEnv) {
  const trust = await reportPolicyFromEnv(env);
  const dataDir = resolve(env['HUB_DATA_DIR'] ?? 'data');
  const databaseUrl = env['DATABASE_URL'] || undefined;
  const { db, dialect } = connectHubDb({ dataDir, databaseUrl });
  await migrateHubDb(db as never, dialect);
  const store = new HubStore(db, dialect, new BlobFiles(join(dataDir, 'blobs')), trust.policy);
  const where = dialect === 'postgres' ? `PostgreSQL ${new URL(databaseUrl!).host}` : `SQLite in ${dataDir}`;
  return { store, where, dataDir, trust, close: () => db.destroy() };
}

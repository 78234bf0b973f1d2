import { join, resolve } from 'node:path';
import { BlobFiles } from './store/blob-files';
import { connectHubDb } from './db/connect';
import { migrateHubDb } from './db/migrations';
import { HubStore } from './store/hub-store';

/** Connects to the hub's database from the environment and brings its schema up to date. */
export async function openHub(env: NodeJS.ProcessEnv) {
  const dataDir = resolve(env['HUB_DATA_DIR'] ?? 'data');
  const databaseUrl = env['DATABASE_URL'] || undefined;
  const { db, dialect } = connectHubDb({ dataDir, databaseUrl });
  await migrateHubDb(db as never, dialect);
  const store = new HubStore(db, dialect, new BlobFiles(join(dataDir, 'blobs')));
  const where = dialect === 'postgres' ? `PostgreSQL ${new URL(databaseUrl!).host}` : `SQLite in ${dataDir}`;
  return { store, where, dataDir, close: () => db.destroy() };
}

import type { Db } from '../store/hub-store';

/**
 * One line in the administration log: who (an administrator's login, or null for the command
 * line on the hub machine), what, and its details as JSON. Written in the caller's transaction
 * where there is one, so a change and its line stand or fall together.
 */
export async function logAdmin(db: Db, admin: string | null, action: string, details: Record<string, unknown>): Promise<void> {
  await db.insertInto('admin_log').values({ at: new Date().toISOString(), admin, action, details: JSON.stringify(details) }).execute();
}

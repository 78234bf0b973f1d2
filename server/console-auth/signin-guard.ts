import type { Kysely } from 'kysely';
import type { HubDatabase } from '../db/schema';

/** Five wrong passwords for one login within 15 minutes lock that login for 15 minutes. */
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;

/**
 * Wrong passwords per login, kept in the database so a restart or a second hub process does not
 * forget them. Logins are counted as typed (lower-cased, bounded), known or not, so the lockout
 * says nothing about which logins exist.
 */
export class SigninGuard {
  constructor(private readonly db: Kysely<HubDatabase>) {}

  /** Milliseconds until the login may try again, or 0. */
  async lockedFor(name: string): Promise<number> {
    const since = new Date(Date.now() - LOCKOUT_WINDOW_MS).toISOString();
    const rows = await this.db.selectFrom('admin_signin_failures').select('at').where('name', '=', name).where('at', '>', since).orderBy('at', 'desc').limit(LOCKOUT_FAILURES).execute();
    if (rows.length < LOCKOUT_FAILURES) return 0;
    // Locked until 15 minutes after the latest failure that completed the count.
    return Math.max(0, Date.parse(rows[0]!.at) + LOCKOUT_WINDOW_MS - Date.now());
  }

  async fail(name: string): Promise<void> {
    const now = new Date();
    await this.db.insertInto('admin_signin_failures').values({ name, at: now.toISOString() }).execute();
    // Old failures count for nothing: keep the table small.
    await this.db.deleteFrom('admin_signin_failures').where('at', '<', new Date(now.getTime() - 2 * LOCKOUT_WINDOW_MS).toISOString()).execute();
  }

  async clear(name: string): Promise<void> {
    await this.db.deleteFrom('admin_signin_failures').where('name', '=', name).execute();
  }
}

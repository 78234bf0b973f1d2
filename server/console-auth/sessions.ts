import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { HubDatabase } from '../db/schema';
import { sha256Text } from '../sha256-text';

/** A session ends after 30 minutes without a request, and 12 hours after sign-in whatever happens. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000;
/** last_used_at is written at most this often, so reading pages does not write on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

export interface ConsoleSession {
  admin: string;
  csrfToken: string;
  idHash: string;
}

/** Administrators' console sessions. The cookie carries a random id; the database only its SHA-256. */
export class ConsoleSessions {
  constructor(private readonly db: Kysely<HubDatabase>) {}

  async create(admin: string): Promise<{ id: string; csrfToken: string }> {
    const id = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const now = new Date().toISOString();
    await this.db.insertInto('admin_sessions').values({ id_hash: sha256Text(id), admin, csrf_token: csrfToken, created_at: now, last_used_at: now }).execute();
    return { id, csrfToken };
  }

  /** The live session for a cookie id, or null (unknown, idle too long, too old, or its administrator removed). */
  async find(id: string): Promise<ConsoleSession | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(id)) return null;
    const idHash = sha256Text(id);
    const row = await this.db
      .selectFrom('admin_sessions')
      .innerJoin('admins', 'admins.name', 'admin_sessions.admin')
      .select(['admin_sessions.admin', 'admin_sessions.csrf_token', 'admin_sessions.created_at', 'admin_sessions.last_used_at'])
      .where('admin_sessions.id_hash', '=', idHash)
      .executeTakeFirst();
    if (!row) return null;
    const now = Date.now();
    if (now - Date.parse(row.last_used_at) > SESSION_IDLE_MS || now - Date.parse(row.created_at) > SESSION_MAX_MS) {
      await this.db.deleteFrom('admin_sessions').where('id_hash', '=', idHash).execute();
      return null;
    }
    if (now - Date.parse(row.last_used_at) > TOUCH_EVERY_MS) {
      await this.db.updateTable('admin_sessions').set({ last_used_at: new Date(now).toISOString() }).where('id_hash', '=', idHash).execute();
    }
    return { admin: row.admin, csrfToken: row.csrf_token, idHash };
  }

  async end(idHash: string): Promise<void> {
    await this.db.deleteFrom('admin_sessions').where('id_hash', '=', idHash).execute();
  }

  async endAllOf(admin: string): Promise<void> {
    await this.db.deleteFrom('admin_sessions').where('admin', '=', admin).execute();
  }
}

/** Constant-time comparison of the CSRF header with the session's token. */
export function csrfMatches(sent: string | undefined, expected: string): boolean {
  if (typeof sent !== 'string' || sent.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
}

/** The value of one cookie in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

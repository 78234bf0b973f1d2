import { adminNameSchema, adminPasswordSchema } from '@shared/admin/admin-api';
import type { HubStore } from '../store/hub-store';
import { hashPassword } from '../console-auth/passwords';
import { logAdmin } from './admin-log';

export class AccountError extends Error {}

function checked(name: string | undefined, password: string | undefined): { name: string; password: string } {
  const login = adminNameSchema.safeParse(name ?? '');
  if (!login.success) throw new AccountError('--name must be 3 to 40 lower-case letters, digits, ".", "_" or "-"');
  const pass = adminPasswordSchema.safeParse(password ?? '');
  if (!pass.success) throw new AccountError('The password must be 12 to 256 characters');
  if (new Set(pass.data).size < 5) throw new AccountError('The password is too simple: use more different characters');
  if (pass.data.toLowerCase().includes(login.data)) throw new AccountError('The password must not contain the login');
  return { name: login.data, password: pass.data };
}

/** The command line's administrator accounts (the console has none of these: no one makes themself an administrator from a browser). */
export async function addAdmin(store: HubStore, name: string | undefined, password: string | undefined): Promise<string> {
  const account = checked(name, password);
  const hash = await hashPassword(account.password);
  const added = await store.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('admins').select('name').where('name', '=', account.name).executeTakeFirst()) return false;
    await trx.insertInto('admins').values({ name: account.name, password_hash: hash, created_at: store.now() }).execute();
    await logAdmin(trx, null, 'admin-add', { login: account.name });
    return true;
  });
  if (!added) throw new AccountError(`An administrator "${account.name}" already exists (change the password with admin password)`);
  return `Administrator "${account.name}" added: sign in at <hub address>/admin.`;
}

export async function setAdminPassword(store: HubStore, name: string | undefined, password: string | undefined): Promise<string> {
  const account = checked(name, password);
  const hash = await hashPassword(account.password);
  const changed = await store.db.transaction().execute(async (trx) => {
    const result = await trx.updateTable('admins').set({ password_hash: hash }).where('name', '=', account.name).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    // A new password ends every session signed in with the old one, and lifts a lockout.
    await trx.deleteFrom('admin_sessions').where('admin', '=', account.name).execute();
    await trx.deleteFrom('admin_signin_failures').where('name', '=', account.name).execute();
    await logAdmin(trx, null, 'admin-password', { login: account.name });
    return true;
  });
  if (!changed) throw new AccountError(`No administrator "${account.name}"`);
  return `Password of "${account.name}" changed; its sessions are ended.`;
}

export async function removeAdmin(store: HubStore, name: string | undefined): Promise<string> {
  const login = (name ?? '').trim().toLowerCase();
  const removed = await store.db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom('admins').where('name', '=', login).executeTakeFirst();
    if (Number(result.numDeletedRows) !== 1) return false;
    await trx.deleteFrom('admin_sessions').where('admin', '=', login).execute();
    await logAdmin(trx, null, 'admin-remove', { login });
    return true;
  });
  if (!removed) throw new AccountError(`No administrator "${login}"`);
  return `Administrator "${login}" removed; its sessions are ended.`;
}

export async function listAdmins(store: HubStore): Promise<string> {
  const rows = await store.db.selectFrom('admins').select(['name', 'created_at']).orderBy('name').execute();
  return rows.map((r) => `${r.name}  since ${r.created_at}`).join('\n') || 'No administrators: add one with admin add --name <login> --password-env <VAR>.';
}

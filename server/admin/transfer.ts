import type { HubStore } from '../store/hub-store';
import { uuidSchema } from '@shared/schemas/common';
import { logAdmin } from './admin-log';

export class TransferError extends Error {}

export type TransferRequest = { inspection: string; to: string } | { from: string; to: string };

/**
 * Hands records over to another inspector device (a backup restored on another laptop, a replaced
 * laptop): one inspection, or every record of one device. Later pushes, reports and reviews
 * belong to the new owner. Each transfer is one transaction and one line in the admin log.
 */
/** An enrolled, unrevoked inspector device by id, or an error naming the flag it came from. */
export async function activeInspector(store: HubStore, deviceId: string, flag: string): Promise<{ id: string; name: string }> {
  const id = deviceId.trim().toLowerCase();
  const found = await store.db.selectFrom('devices').select(['id', 'name', 'role', 'revoked_at']).where('id', '=', id).executeTakeFirst();
  if (!found || found.revoked_at !== null || found.role !== 'inspector') throw new TransferError(`${flag} ${deviceId} is not an active inspector device (see hub:cli devices)`);
  return { id, name: found.name };
}

export interface TransferDone {
  moved: number;
  to: string;
  toName: string;
  message: string;
}

/** `admin`: the console administrator who asked, or null for the command line. */
export async function transferOwnership(store: HubStore, request: TransferRequest, admin: string | null = null): Promise<TransferDone> {
  const target = await activeInspector(store, request.to, '--to');
  const to = target.id;
  return store.db.transaction().execute(async (trx) => {
    let ids: string[];
    let details: Record<string, unknown>;
    if ('inspection' in request) {
      const id = request.inspection.trim().toLowerCase();
      if (!uuidSchema.safeParse(id).success) throw new TransferError(`--inspection ${request.inspection} is not an inspection id`);
      const row = await trx.selectFrom('inspection_owners').select('device_id').where('inspection_id', '=', id).executeTakeFirst();
      if (!row) throw new TransferError(`The hub holds no inspection ${id}`);
      ids = [id];
      details = { inspection: id, from: row.device_id, to };
    } else {
      const from = request.from.trim().toLowerCase();
      if (from === to) throw new TransferError('--from and --to are the same device');
      ids = (await trx.selectFrom('inspection_owners').select('inspection_id').where('device_id', '=', from).orderBy('inspection_id').execute()).map((r) => r.inspection_id);
      details = { from, to, inspections: ids.length };
    }
    const now = store.now();
    if (ids.length > 0) {
      for (let k = 0; k < ids.length; k += 500) {
        await trx.updateTable('inspection_owners').set({ device_id: to, since: now }).where('inspection_id', 'in', ids.slice(k, k + 500)).execute();
      }
    }
    await logAdmin(trx, admin, 'transfer', details);
    return { moved: ids.length, to, toName: target.name, message: `Transferred ${ids.length} inspection(s) to ${to} (${target.name}): ${JSON.stringify(details)}` };
  });
}

/** The admin log, oldest first. */
export async function adminLog(store: HubStore): Promise<string> {
  const rows = await store.db.selectFrom('admin_log').selectAll().orderBy('seq').execute();
  return rows.map((r) => `${r.at}  ${r.admin ?? '(cli)'}  ${r.action}  ${r.details}`).join('\n') || 'The admin log is empty.';
}

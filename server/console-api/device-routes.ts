import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { ADMIN_API_PREFIX, deviceStatusFilterSchema, enrollmentRequestSchema, pageQuerySchema, transferRequestSchema } from '@shared/admin/admin-api';
import { fail } from '../hub-http-error';
import { logAdmin } from '../admin/admin-log';
import { transferOwnership, TransferError } from '../admin/transfer';
import { adminOf, fold, parsed, type ConsoleContext } from './context';

/** Devices: the list with last sync and records, enrollment codes with their QR, revocation, hand-over. */
export function deviceRoutes(scope: FastifyInstance, { store }: ConsoleContext): void {
  scope.get(`${ADMIN_API_PREFIX}/devices`, async (request) => {
    adminOf(request);
    const query = parsed(pageQuerySchema.extend({ status: deviceStatusFilterSchema }), request.query, 400);
    // One query with every device's record count; 2,000 devices is a small table, filtered here
    // alike on both databases (accents and case folded, which SQLite's LIKE cannot do).
    const rows = await store.db
      .selectFrom('devices as d')
      .select(['d.id', 'd.name', 'd.role', 'd.created_at', 'd.revoked_at', 'd.last_seen_at'])
      .select((eb) => eb.selectFrom('inspection_owners as o').select(eb.fn.countAll<number>().as('n')).whereRef('o.device_id', '=', 'd.id').as('inspections'))
      .orderBy('d.created_at', 'desc')
      .orderBy('d.id')
      .execute();
    const needle = fold(query.q);
    const matching = rows.filter((r) => (query.status === 'all' || (query.status === 'active') === (r.revoked_at === null)) && (needle === '' || fold(r.name).includes(needle) || r.id.startsWith(needle)));
    return {
      total: matching.length,
      items: matching.slice(query.offset, query.offset + query.limit).map((r) => ({ id: r.id, name: r.name, role: r.role, createdAt: r.created_at, revokedAt: r.revoked_at, lastSeenAt: r.last_seen_at, inspections: Number(r.inspections ?? 0) })),
    };
  });

  scope.post(`${ADMIN_API_PREFIX}/enrollments`, { bodyLimit: 4096 }, async (request, reply) => {
    const admin = adminOf(request);
    const body = parsed(enrollmentRequestSchema, request.body);
    if (!/^https?:$/.test(new URL(body.hubUrl).protocol)) throw fail(422, 'invalid_request', 'hubUrl must be an http(s) address');
    const { code, expiresAt } = await store.createEnrollment(body.role, body.name);
    // The same payload the CLI prints: the app fills in the hub address and the code from it.
    const qrPayload = JSON.stringify({ congvu: 'enroll', v: 1, code, hub: new URL(body.hubUrl).origin });
    const qrSvg = await QRCode.toString(qrPayload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    await logAdmin(store.db, admin.name, 'enroll', { role: body.role, name: body.name, expiresAt });
    return reply.status(201).send({ code, role: body.role, name: body.name, expiresAt, qrPayload, qrSvg });
  });

  scope.post(`${ADMIN_API_PREFIX}/devices/:id/revoke`, { bodyLimit: 1024 }, async (request) => {
    const admin = adminOf(request);
    const { id } = parsed(z.object({ id: z.string().trim().toLowerCase().max(64) }), request.params, 400);
    const device = await store.db.selectFrom('devices').select(['id', 'name', 'revoked_at']).where('id', '=', id).executeTakeFirst();
    if (!device) throw fail(404, 'not_found', 'No such device');
    if (device.revoked_at !== null) throw fail(409, 'already_revoked', 'This device is already revoked');
    await store.db.transaction().execute(async (trx) => {
      await trx.updateTable('devices').set({ revoked_at: store.now() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
      await logAdmin(trx, admin.name, 'revoke', { device: id, name: device.name });
    });
    return { id, revoked: true };
  });

  scope.post(`${ADMIN_API_PREFIX}/transfers`, { bodyLimit: 4096 }, async (request) => {
    const admin = adminOf(request);
    const body = parsed(transferRequestSchema, request.body);
    try {
      const done = await transferOwnership(store, body, admin.name);
      return { moved: done.moved, to: done.to, toName: done.toName };
    } catch (error) {
      if (error instanceof TransferError) throw fail(422, 'transfer_refused', error.message);
      throw error;
    }
  });
}

import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ADMIN_API_PREFIX, assignmentRequestSchema, retireLegalBasisRequestSchema } from '@shared/admin/admin-api';
import { canonicalJson } from '@shared/hash/canonical-json';
import { defaultLegalBases } from '@shared/legal-bases/default-legal-bases';
import { assignmentSchema, legalBasisSchema, unitSchema, type LegalBasis } from '@shared/schemas';
import { fail } from '../hub-http-error';
import { logAdmin } from '../admin/admin-log';
import { adminOf, parsed, type ConsoleContext } from './context';

const idParam = z.object({ id: z.string().trim().max(64) });

/** Assignments of units to teams, and the legal bases handed down: create, list, retire. */
export function referenceRoutes(scope: FastifyInstance, { store }: ConsoleContext): void {
  scope.get(`${ADMIN_API_PREFIX}/assignments`, async (request) => {
    adminOf(request);
    const rows = await store.db.selectFrom('changes').select(['entity_id', 'data', 'deleted', 'created_at', 'seq']).where('kind', '=', 'assignment').orderBy('seq').execute();
    const latest = new Map<string, { data: string; deleted: number; createdAt: string }>();
    for (const row of rows) latest.set(row.entity_id, { data: row.data, deleted: row.deleted, createdAt: latest.get(row.entity_id)?.createdAt ?? row.created_at });
    const items = [...latest.values()].flatMap((row) => {
      const a = assignmentSchema.safeParse(JSON.parse(row.data));
      return a.success ? [{ ...a.data, retired: row.deleted === 1, createdAt: row.createdAt }] : [];
    });
    return { items: items.sort((a, b) => b.from.localeCompare(a.from) || a.unitName.localeCompare(b.unitName, 'vi')) };
  });

  scope.post(`${ADMIN_API_PREFIX}/assignments`, { bodyLimit: 4096 }, async (request, reply) => {
    const admin = adminOf(request);
    const body = parsed(assignmentRequestSchema, request.body);
    if (body.to < body.from) throw fail(422, 'invalid_request', 'The period ends before it starts', { issues: [{ path: 'to', message: 'err.date.beforeStart' }] });
    const unitRow = await store.db.selectFrom('changes').select('data').where('kind', '=', 'unit').where('entity_id', '=', body.unitCode).orderBy('seq', 'desc').executeTakeFirst();
    if (!unitRow) throw fail(422, 'unknown_unit', `Unknown unit "${body.unitCode}": import it first`);
    const unit = unitSchema.parse(JSON.parse(unitRow.data));
    const assignment = assignmentSchema.parse({ id: randomUUID(), unitCode: unit.code, unitName: unit.name, from: body.from, to: body.to, team: body.team, note: body.note });
    await store.db.transaction().execute(async (trx) => {
      await store.appendChange(trx, { kind: 'assignment', entityId: assignment.id, data: assignment });
      await logAdmin(trx, admin.name, 'assign', { id: assignment.id, unit: unit.code, team: assignment.team, from: assignment.from, to: assignment.to });
    });
    return reply.status(201).send(assignment);
  });

  scope.post(`${ADMIN_API_PREFIX}/assignments/:id/retire`, { bodyLimit: 1024 }, async (request) => {
    const admin = adminOf(request);
    const { id } = parsed(idParam, request.params, 400);
    const last = await store.db.selectFrom('changes').select(['data', 'deleted']).where('kind', '=', 'assignment').where('entity_id', '=', id).orderBy('seq', 'desc').executeTakeFirst();
    if (!last) throw fail(404, 'not_found', 'No such assignment');
    if (last.deleted === 1) throw fail(409, 'already_retired', 'This assignment is already retired');
    const assignment = assignmentSchema.parse(JSON.parse(last.data));
    // A deleted change: laptops drop the assignment at their next sync.
    await store.db.transaction().execute(async (trx) => {
      await store.appendChange(trx, { kind: 'assignment', entityId: id, data: assignment, deleted: true });
      await logAdmin(trx, admin.name, 'retire-assignment', { id, unit: assignment.unitCode, team: assignment.team });
    });
    return { id, retired: true };
  });

  /** The hub's published bases over the built-in ones (a published id replaces the default). */
  const legalBases = async () => {
    const rows = await store.db.selectFrom('changes').select(['entity_id', 'data', 'created_at']).where('kind', '=', 'legal-basis').orderBy('seq').execute();
    const all = new Map<string, { basis: LegalBasis; builtIn: boolean; publishedAt: string | null }>(defaultLegalBases.map((b) => [b.id, { basis: b, builtIn: true, publishedAt: null }]));
    for (const row of rows) {
      const basis = legalBasisSchema.safeParse(JSON.parse(row.data));
      if (basis.success) all.set(row.entity_id, { basis: basis.data, builtIn: defaultLegalBases.some((b) => b.id === row.entity_id), publishedAt: row.created_at });
    }
    return all;
  };

  scope.get(`${ADMIN_API_PREFIX}/legal-bases`, async (request) => {
    adminOf(request);
    return { items: [...(await legalBases()).values()] };
  });

  const publish = async (admin: string, basis: LegalBasis, action: string) => {
    const current = (await legalBases()).get(basis.id);
    if (current && canonicalJson(current.basis) === canonicalJson(basis)) return false;
    await store.db.transaction().execute(async (trx) => {
      await store.appendChange(trx, { kind: 'legal-basis', entityId: basis.id, data: basis });
      await logAdmin(trx, admin, action, { id: basis.id, number: basis.number, effectiveTo: basis.effectiveTo });
    });
    return true;
  };

  scope.post(`${ADMIN_API_PREFIX}/legal-bases`, { bodyLimit: 16 * 1024 }, async (request, reply) => {
    const admin = adminOf(request);
    const basis = parsed(legalBasisSchema, request.body);
    const changed = await publish(admin.name, basis, 'publish-legal-basis');
    return reply.status(changed ? 201 : 200).send({ basis, changed });
  });

  scope.post(`${ADMIN_API_PREFIX}/legal-bases/:id/retire`, { bodyLimit: 1024 }, async (request) => {
    const admin = adminOf(request);
    const { id } = parsed(idParam, request.params, 400);
    const { effectiveTo } = parsed(retireLegalBasisRequestSchema, request.body);
    const current = (await legalBases()).get(id);
    if (!current) throw fail(404, 'not_found', 'No such legal basis');
    if (current.basis.effectiveTo !== null && current.basis.effectiveTo <= effectiveTo) throw fail(409, 'already_retired', `Already out of force after ${current.basis.effectiveTo}`);
    const retired = legalBasisSchema.safeParse({ ...current.basis, effectiveTo });
    if (!retired.success) throw fail(422, 'invalid_request', 'The last day in force cannot be before the first', { issues: [{ path: 'effectiveTo', message: 'err.legalBasis.effectiveRange' }] });
    await publish(admin.name, retired.data, 'retire-legal-basis');
    return { basis: retired.data };
  });
}

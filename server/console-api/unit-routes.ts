import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ADMIN_API_PREFIX, pageQuerySchema } from '@shared/admin/admin-api';
import { canonicalJson } from '@shared/hash/canonical-json';
import { unitSchema, type Unit } from '@shared/schemas';
import { fail } from '../hub-http-error';
import { logAdmin } from '../admin/admin-log';
import { analyseUnitsFile, MAX_UNITS_FILE_BYTES, storeUnits, type UnitsAnalysis } from '../admin/units-import';
import { adminOf, fold, parsed, uploadedBytes, type ConsoleContext } from './context';

const codeParam = z.object({ code: z.string().trim().regex(/^[0-9A-Za-z._-]{1,20}$/) });

const summary = (u: Unit) => ({ code: u.code, name: u.name, level: u.level, province: u.province, address: u.address, staff: u.staff.length });

function fileName(headers: Record<string, unknown>): string {
  const raw = headers['x-file-name'];
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 300) throw fail(400, 'invalid_request', 'Name the file in the x-file-name header');
  try {
    return decodeURIComponent(raw);
  } catch {
    throw fail(400, 'invalid_request', 'The x-file-name header is not valid percent-encoding');
  }
}

function preview(analysis: UnitsAnalysis) {
  return { ok: analysis.ok, rows: analysis.rows, units: analysis.units.map((u) => ({ ...summary(u.unit), change: u.change })), problems: analysis.problems };
}

/** Units and their staff: the list, one unit, its edit, and the file import with its preview. */
export function unitRoutes(scope: FastifyInstance, { store }: ConsoleContext): void {
  /** Every unit the hub has handed down, newest version of each. */
  const allUnits = async (): Promise<Unit[]> => {
    const rows = await store.db.selectFrom('changes').select(['entity_id', 'data']).where('kind', '=', 'unit').orderBy('seq').execute();
    const units = new Map<string, Unit>();
    for (const row of rows) units.set(row.entity_id, unitSchema.parse(JSON.parse(row.data)));
    return [...units.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  };

  scope.get(`${ADMIN_API_PREFIX}/units`, async (request) => {
    adminOf(request);
    const query = parsed(pageQuerySchema, request.query, 400);
    const needle = fold(query.q);
    const matching = (await allUnits()).filter((u) => needle === '' || fold(u.name).includes(needle) || fold(u.code).includes(needle) || fold(u.province).includes(needle));
    return { total: matching.length, items: matching.slice(query.offset, query.offset + query.limit).map(summary) };
  });

  scope.get(`${ADMIN_API_PREFIX}/units/:code`, async (request) => {
    adminOf(request);
    const { code } = parsed(codeParam, request.params, 400);
    const row = await store.db.selectFrom('changes').select('data').where('kind', '=', 'unit').where('entity_id', '=', code).orderBy('seq', 'desc').executeTakeFirst();
    if (!row) throw fail(404, 'not_found', 'No such unit');
    return unitSchema.parse(JSON.parse(row.data));
  });

  scope.put(`${ADMIN_API_PREFIX}/units/:code`, { bodyLimit: 1024 * 1024 }, async (request) => {
    const admin = adminOf(request);
    const { code } = parsed(codeParam, request.params, 400);
    const unit = parsed(unitSchema, request.body);
    if (unit.code !== code) throw fail(422, 'invalid_request', 'The unit code cannot be changed: import the unit under its new code');
    const ids = unit.staff.map((s) => s.id);
    if (new Set(ids).size !== ids.length) throw fail(422, 'invalid_request', 'Two staff members share an id');
    const last = await store.db.selectFrom('changes').select('data').where('kind', '=', 'unit').where('entity_id', '=', code).orderBy('seq', 'desc').executeTakeFirst();
    if (!last) throw fail(404, 'not_found', 'No such unit: import it first');
    if (last.data === canonicalJson(unit)) return { unit, changed: false };
    await store.db.transaction().execute(async (trx) => {
      await store.appendChange(trx, { kind: 'unit', entityId: code, data: unit });
      await logAdmin(trx, admin.name, 'edit-unit', { code, name: unit.name, staff: unit.staff.length });
    });
    return { unit, changed: true };
  });

  const upload = { bodyLimit: MAX_UNITS_FILE_BYTES };
  scope.post(`${ADMIN_API_PREFIX}/units/import/preview`, upload, async (request) => {
    adminOf(request);
    return preview(await analyseUnitsFile(store, fileName(request.headers), uploadedBytes(request)));
  });

  scope.post(`${ADMIN_API_PREFIX}/units/import`, upload, async (request, reply) => {
    const admin = adminOf(request);
    const name = fileName(request.headers);
    const analysis = await analyseUnitsFile(store, name, uploadedBytes(request));
    if (!analysis.ok) return reply.status(422).send({ error: { code: 'invalid_file', message: 'The file has problems: nothing was imported', ...preview(analysis) } });
    return await storeUnits(store, analysis, admin.name, name);
  });
}

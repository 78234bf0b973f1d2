import { randomUUID } from 'node:crypto';
import { canonicalJson } from '@shared/hash/canonical-json';
import { assignmentSchema, legalBasisSchema, unitSchema } from '@shared/schemas';
import { z } from 'zod';
import type { HubStore } from '../store/hub-store';

/** Legal bases from a JSON array; only those new or changed are handed down again. */
export async function publishLegalBases(store: HubStore, bytes: Uint8Array): Promise<string> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error('The legal-bases file is not JSON');
  }
  const parsed = z.array(legalBasisSchema).min(1).safeParse(json);
  if (!parsed.success) throw new Error(`Not a list of legal bases: ${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  let changed = 0;
  await store.db.transaction().execute(async (trx) => {
    for (const basis of parsed.data) {
      const last = await trx.selectFrom('changes').select('data').where('kind', '=', 'legal-basis').where('entity_id', '=', basis.id).orderBy('seq', 'desc').executeTakeFirst();
      if (last?.data === canonicalJson(basis)) continue;
      await store.appendChange(trx, { kind: 'legal-basis', entityId: basis.id, data: basis });
      changed += 1;
    }
  });
  return `Handed down ${changed} legal basis/bases (${parsed.data.length - changed} unchanged).`;
}

/** Gives a unit (one the hub has handed down) to a team for a period. */
export async function assignUnit(store: HubStore, input: { unit?: string; from?: string; to?: string; team?: string; note?: string }): Promise<string> {
  const unitRow = input.unit ? await store.db.selectFrom('changes').select('data').where('kind', '=', 'unit').where('entity_id', '=', input.unit).orderBy('seq', 'desc').executeTakeFirst() : undefined;
  if (!unitRow) throw new Error(`Unknown unit "${input.unit ?? ''}": import it first with import-units`);
  const unit = unitSchema.parse(JSON.parse(unitRow.data));
  const assignment = assignmentSchema.safeParse({ id: randomUUID(), unitCode: unit.code, unitName: unit.name, from: input.from, to: input.to ?? input.from, team: input.team, note: input.note ?? '' });
  if (!assignment.success) throw new Error(`assign --unit <code> --from <YYYY-MM-DD> [--to <YYYY-MM-DD>] --team <text> [--note <text>]: ${assignment.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  if (assignment.data.to < assignment.data.from) throw new Error('--to must not be before --from');
  await store.appendChange(store.db, { kind: 'assignment', entityId: assignment.data.id, data: assignment.data });
  return `Assigned ${unit.name} to ${assignment.data.team}, ${assignment.data.from} – ${assignment.data.to} (${assignment.data.id}).`;
}

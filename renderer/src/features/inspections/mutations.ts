import { useCallback } from 'react';
import { initialRows } from '@shared/inspection/initial-rows';
import { buildDraftInspection, type NewInspectionInput, type Stamp } from '@shared/inspection/new-inspection';
import type { Inspection } from '@shared/schemas';
import type { CongvuDb } from '../../db/database';
import { useDb } from '../../db/db-context';
import { appendAudit, recordTables } from '../recording/draft-transaction';
import { loadTemplates } from '../reference/load-templates';

/**
 * Creates a draft inspection with its roll-call lines and one finding per checklist item, and
 * remembers its unit for next time, in one transaction: all of it is stored or none. Resolves
 * only after IndexedDB has committed.
 */
export async function createInspection(db: CongvuDb, input: NewInspectionInput, stamp: Stamp): Promise<Inspection> {
  const inspection = buildDraftInspection(input, stamp);
  await db.transaction('rw', [...recordTables(db), db.units, db.templates], async () => {
    const byRef = await loadTemplates(db, inspection.templateRefs);
    const missing = inspection.templateRefs.find((ref) => !byRef.has(ref));
    if (missing) throw new Error(`err.template.unknown: ${missing}`);
    const { roster, findings } = initialRows(inspection, [...byRef.values()], () => crypto.randomUUID());
    await db.inspections.add(inspection);
    await db.rosterEntries.bulkAdd(roster);
    await db.findings.bulkAdd(findings);
    // Remember the unit; a unit typed in again without its staff list keeps the list already known.
    const known = await db.units.get(inspection.unit.code);
    await db.units.put(inspection.unit.staff.length === 0 && known ? { ...inspection.unit, staff: known.staff } : inspection.unit);
    await appendAudit(db, inspection, { action: 'inspection.create', detail: { templateRefs: inspection.templateRefs, unitCode: inspection.unit.code } }, inspection.createdAt);
  });
  return inspection;
}

export function useCreateInspection(): (input: NewInspectionInput, stamp: Stamp) => Promise<Inspection> {
  const db = useDb();
  return useCallback((input, stamp) => createInspection(db, input, stamp), [db]);
}

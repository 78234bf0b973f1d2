import { useCallback, useMemo } from 'react';
import { initialRows } from '@shared/inspection/initial-rows';
import { buildDraftInspection, type NewInspectionInput, type Stamp } from '@shared/inspection/new-inspection';
import type { Inspection } from '@shared/schemas';
import { toLocalIso } from '@shared/time/local-iso';
import type { CongvuDb } from '../../db/database';
import { useDb } from '../../db/db-context';
import { appendAudit, recordTables } from '../recording/draft-transaction';
import { loadTemplates } from '../reference/load-templates';
import { loadRetiredTemplateRefs } from '../reference/offered-templates';
import { NEW_INSPECTION_DRAFT_KEY, NEW_INSPECTION_DRAFT_VERSION, newInspectionDraftSchema, type NewInspectionDraft } from './form-draft';
import { readNewInspectionDraft } from './queries';

/**
 * Creates a draft inspection with its roll-call lines and one finding per checklist item, and
 * remembers its unit for next time, in one transaction: all of it is stored or none. Resolves
 * only after IndexedDB has committed.
 */
export async function createInspection(db: CongvuDb, input: NewInspectionInput, stamp: Stamp): Promise<Inspection> {
  const inspection = buildDraftInspection(input, stamp);
  await db.transaction('rw', [...recordTables(db), db.units, db.templates, db.settings, db.hubRows], async () => {
    const byRef = await loadTemplates(db, inspection.templateRefs);
    const missing = inspection.templateRefs.find((ref) => !byRef.has(ref));
    if (missing) throw new Error(`err.template.unknown: ${missing}`);
    // A version the hub retired while the form was open is not started with (older records keep theirs).
    const retired = new Set(await loadRetiredTemplateRefs(db));
    const gone = inspection.templateRefs.find((ref) => retired.has(ref));
    if (gone) throw new Error(`err.template.retired: ${gone}`);
    const { roster, findings } = initialRows(inspection, [...byRef.values()], () => crypto.randomUUID());
    await db.inspections.add(inspection);
    await db.rosterEntries.bulkAdd(roster);
    await db.findings.bulkAdd(findings);
    // Remember the unit; a unit typed in again without its staff list keeps the list already known.
    const known = await db.units.get(inspection.unit.code);
    await db.units.put(inspection.unit.staff.length === 0 && known ? { ...inspection.unit, staff: known.staff } : inspection.unit);
    await appendAudit(db, inspection, { action: 'inspection.create', detail: { templateRefs: inspection.templateRefs, unitCode: inspection.unit.code } }, inspection.createdAt);
    // The form's draft became this inspection: gone with the same commit, never lost before it.
    await db.settings.delete(NEW_INSPECTION_DRAFT_KEY);
  });
  return inspection;
}

export function useCreateInspection(): (input: NewInspectionInput, stamp: Stamp) => Promise<Inspection> {
  const db = useDb();
  return useCallback((input, stamp) => createInspection(db, input, stamp), [db]);
}

/** Keeps what the "new inspection" form holds, at each change, with the arrival stamped when it opened. */
export function saveNewInspectionDraft(db: CongvuDb, draft: Omit<NewInspectionDraft, 'version' | 'savedAt'>): Promise<unknown> {
  const value = newInspectionDraftSchema.parse({ ...draft, version: NEW_INSPECTION_DRAFT_VERSION, savedAt: toLocalIso(new Date()) });
  return db.settings.put({ key: NEW_INSPECTION_DRAFT_KEY, value });
}

export function useNewInspectionDraftActions() {
  const db = useDb();
  return useMemo(
    () => ({
      read: (now: Date) => readNewInspectionDraft(db, now),
      save: (draft: Omit<NewInspectionDraft, 'version' | 'savedAt'>) => saveNewInspectionDraft(db, draft),
    }),
    [db],
  );
}

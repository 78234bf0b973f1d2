import { useCallback } from 'react';
import { buildDraftInspection, type NewInspectionInput, type Stamp } from '@shared/inspection/new-inspection';
import type { Inspection } from '@shared/schemas';
import type { CongvuDb } from '../../db/database';
import { useDb } from '../../db/db-context';

/**
 * Creates a draft inspection and remembers its unit for next time, in one transaction: either both
 * are stored or neither is. Resolves only after IndexedDB has committed.
 */
export async function createInspection(db: CongvuDb, input: NewInspectionInput, stamp: Stamp): Promise<Inspection> {
  const inspection = buildDraftInspection(input, stamp);
  await db.transaction('rw', db.inspections, db.units, async () => {
    await db.inspections.add(inspection);
    await db.units.put(inspection.unit);
  });
  return inspection;
}

export function useCreateInspection(): (input: NewInspectionInput, stamp: Stamp) => Promise<Inspection> {
  const db = useDb();
  return useCallback((input, stamp) => createInspection(db, input, stamp), [db]);
}

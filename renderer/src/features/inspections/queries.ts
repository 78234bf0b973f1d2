import { useLiveQuery } from 'dexie-react-hooks';
import type { Inspection } from '@shared/schemas';
import type { CongvuDb } from '../../db/database';
import { useDb } from '../../db/db-context';

/** Newest revision of every inspection, latest arrival first. */
export async function listInspections(db: CongvuDb): Promise<Inspection[]> {
  const rows = await db.inspections.orderBy('arrival.at').reverse().toArray();
  const newest = new Map<string, Inspection>();
  for (const row of rows) {
    const seen = newest.get(row.id);
    if (seen === undefined || row.revision > seen.revision) newest.set(row.id, row);
  }
  return [...newest.values()];
}

export async function getInspection(db: CongvuDb, id: string): Promise<Inspection | null> {
  const revisions = await db.inspections.where('id').equals(id).sortBy('revision');
  return revisions.at(-1) ?? null;
}

/** undefined while loading. */
export function useInspections(): Inspection[] | undefined {
  const db = useDb();
  return useLiveQuery(() => listInspections(db), [db]);
}

/** undefined while loading, null when there is no such inspection. */
export function useInspection(id: string): Inspection | null | undefined {
  const db = useDb();
  return useLiveQuery(() => getInspection(db, id), [db, id]);
}

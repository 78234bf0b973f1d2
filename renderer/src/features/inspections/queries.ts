import { useLiveQuery } from 'dexie-react-hooks';
import type { Inspection } from '@shared/schemas';
import type { CongvuDb } from '../../db/database';
import { useDb } from '../../db/db-context';
import { NEW_INSPECTION_DRAFT_KEY, newInspectionDraftSchema, UNTOUCHED_DRAFT_MS, type NewInspectionDraft } from './form-draft';

function newestRevisions(rows: Inspection[]): Inspection[] {
  const newest = new Map<string, Inspection>();
  for (const row of rows) {
    const seen = newest.get(row.id);
    if (seen === undefined || row.revision > seen.revision) newest.set(row.id, row);
  }
  return [...newest.values()];
}

const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi');

/**
 * Rows are sealed at rest and no index holds a name: the keys come from the arrival index (no row
 * opened), the rows are opened a batch at a time, newest first, until enough match.
 */
async function searchByUnitName(db: CongvuDb, q: string, wanted: number): Promise<Inspection[]> {
  const keys = await db.inspections.orderBy('arrival.at').reverse().primaryKeys();
  const found: Inspection[] = [];
  for (let i = 0; i < keys.length && found.length < wanted; i += 200) {
    for (const row of await db.inspections.bulkGet(keys.slice(i, i + 200))) if (row && fold(row.unit.name).includes(q)) found.push(row);
  }
  return found.slice(0, wanted);
}

export interface InspectionsPage {
  rows: Inspection[];
  /** Inspections in the store (revisions of one inspection count once). */
  total: number;
  /** More rows match than are shown. */
  more: boolean;
}

/**
 * One page of the list, newest arrival first, optionally only units whose name contains `query`.
 * Reads only what it shows, so the list opens at once however many inspections a laptop holds.
 */
export async function pageInspections(db: CongvuDb, limit: number, query = ''): Promise<InspectionsPage> {
  const q = fold(query.trim());
  // A correction shares its arrival time with what it corrects: read a little past the page.
  const rows = newestRevisions(q === '' ? await db.inspections.orderBy('arrival.at').reverse().limit(limit + 20).toArray() : await searchByUnitName(db, q, limit + 20));
  // Every inspection has exactly one first revision: counting those is an index count, not a scan.
  const total = await db.inspections.where('revision').equals(1).count();
  return { rows: rows.slice(0, limit), total, more: rows.length > limit };
}

export async function getInspection(db: CongvuDb, id: string): Promise<Inspection | null> {
  const revisions = await db.inspections.where('id').equals(id).sortBy('revision');
  return revisions.at(-1) ?? null;
}

/** undefined while loading. */
export function useInspectionsPage(limit: number, query: string): InspectionsPage | undefined {
  const db = useDb();
  return useLiveQuery(() => pageInspections(db, limit, query), [db, limit, query]);
}

/**
 * The "new inspection" form's draft, read once when the page opens; a missing, unreadable or
 * stale untouched draft reads as null (the page then stamps the arrival now).
 */
export async function readNewInspectionDraft(db: CongvuDb, now: Date): Promise<NewInspectionDraft | null> {
  const row = await db.settings.get(NEW_INSPECTION_DRAFT_KEY);
  const parsed = newInspectionDraftSchema.safeParse(row?.value);
  if (!parsed.success) return null;
  const age = now.getTime() - Date.parse(parsed.data.arrival.at);
  if (parsed.data.values === null && !(age >= 0 && age < UNTOUCHED_DRAFT_MS)) return null;
  return parsed.data;
}

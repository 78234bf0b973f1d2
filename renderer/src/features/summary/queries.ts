import { useLiveQuery } from 'dexie-react-hooks';
import type { Inspection } from '@shared/schemas';
import type { CongvuDb } from '../../db/database';
import { useDb } from '../../db/db-context';
import { loadRecord } from '../recording/load-record';
import { recordTables } from '../recording/draft-transaction';

/** The newest revision of each inspection whose arrival falls on a day in [from, to]. */
export function useInspectionsInPeriod(from: string, to: string): Inspection[] | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const rows = await db.inspections.where('arrival.at').between(from, `${to}\uffff`, true, true).toArray();
    const newest = new Map<string, Inspection>();
    for (const row of rows) if ((newest.get(row.id)?.revision ?? 0) < row.revision) newest.set(row.id, row);
    return [...newest.values()].sort((a, b) => a.arrival.at.localeCompare(b.arrival.at));
  }, [db, from, to]);
}

/** Whole records for the summary, read in one transaction so the figures are of one moment. */
export function loadRecordsForSummary(db: CongvuDb, keys: Array<{ id: string; revision: number }>) {
  return db.transaction('r', recordTables(db), async () => {
    const records = await Promise.all(keys.map((k) => loadRecord(db, k)));
    return records.filter((r): r is NonNullable<typeof r> => r !== null);
  });
}

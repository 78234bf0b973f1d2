import { useLiveQuery } from 'dexie-react-hooks';
import type { InspectionRecord } from '@shared/inspection/record';
import type { Issuer } from '@shared/schemas';
import { useDb } from '../../db/db-context';
import { getInspection } from '../inspections/queries';
import { recordTables } from './draft-transaction';
import { loadRecord } from './load-record';

/**
 * The newest revision of an inspection with all its rows, kept live: a change made in another
 * window shows here as soon as it commits. undefined while loading, null if there is none.
 */
export function useRecord(id: string): InspectionRecord | null | undefined {
  const db = useDb();
  // One read transaction for the whole record: each save triggers this read, and the next save
  // waits for it, so one transaction instead of six keeps typing fast.
  return useLiveQuery(
    () =>
      db.transaction('r', recordTables(db), async () => {
        const newest = await getInspection(db, id);
        return newest ? loadRecord(db, { id, revision: newest.revision }) : null;
      }),
    [db, id],
  );
}

/** A stored blob (photo, drawn signature). undefined while loading or when absent. */
export function useBlob(sha256: string | undefined): Blob | undefined {
  const db = useDb();
  return useLiveQuery(async () => (sha256 ? (await db.blobs.get(sha256))?.blob : undefined), [db, sha256]);
}

/** Who issued the record of this device's most recent other inspection: offered, never filled in unasked. */
export function useLastIssuer(exceptId: string): Issuer | undefined | null {
  const db = useDb();
  return useLiveQuery(
    async () => {
      // Rows are sealed at rest: keys from the index, rows opened a batch at a time, newest first.
      const keys = await db.inspections.orderBy('updatedAt').reverse().primaryKeys();
      for (let i = 0; i < keys.length; i += 50) {
        const hit = (await db.inspections.bulkGet(keys.slice(i, i + 50))).find((r) => r && r.id !== exceptId && !!r.issuer?.agency.trim() && !!r.issuer.parentAgency.trim() && !!r.issuer.symbol.trim());
        if (hit) return hit.issuer ?? null;
      }
      return null;
    },
    [db, exceptId],
  );
}

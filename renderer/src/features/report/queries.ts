import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '../../db/db-context';

/** The signed PDF kept for a revision, if it has been signed. undefined while loading, null if none. */
export function useSignedReport(inspectionId: string, revision: number) {
  const db = useDb();
  return useLiveQuery(async () => (await db.signedReports.get([inspectionId, revision])) ?? null, [db, inspectionId, revision]);
}

/** The queued document time-stamp for a revision, if its signed PDF still waits for one. */
export function useTimestampJob(inspectionId: string, revision: number) {
  const db = useDb();
  return useLiveQuery(async () => (await db.timestampJobs.get([inspectionId, revision])) ?? null, [db, inspectionId, revision]);
}

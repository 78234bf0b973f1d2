import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { AuditEntry } from '@shared/audit/audit-chain';
import type { InspectionRecord } from '@shared/inspection/record';
import { useDb } from '../../db/db-context';
import { getInspection } from '../inspections/queries';
import { loadRecord } from './load-record';

/**
 * The newest revision of an inspection with all its rows, kept live: a change made in another
 * window shows here as soon as it commits. undefined while loading, null if there is none.
 */
export function useRecord(id: string): InspectionRecord | null | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const newest = await getInspection(db, id);
    return newest ? loadRecord(db, { id, revision: newest.revision }) : null;
  }, [db, id]);
}

/** Revisions of an inspection, oldest first. */
export function useRevisions(id: string) {
  const db = useDb();
  return useLiveQuery(() => db.inspections.where('id').equals(id).sortBy('revision'), [db, id]);
}

export function useAuditLog(id: string): AuditEntry[] | undefined {
  const db = useDb();
  return useLiveQuery(() => db.auditLog.where('inspectionId').equals(id).sortBy('seq'), [db, id]);
}

/** An object URL for a stored blob (photo, drawn signature), revoked when no longer shown. */
export function useBlobUrl(sha256: string | undefined): string | undefined {
  const db = useDb();
  const row = useLiveQuery(async () => (sha256 ? db.blobs.get(sha256) : undefined), [db, sha256]);
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!row) return;
    const objectUrl = URL.createObjectURL(row.blob);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [row]);
  return row ? url : undefined;
}

import { FORMAT_VERSION } from '@shared/format-version';
import type { InspectionRecord } from '@shared/inspection/record';
import type { CongvuDb } from '../../db/database';
import type { RecordKey } from './draft-transaction';

/** All rows of one revision, as a record. Call inside a transaction for a consistent snapshot. */
export async function loadRecord(db: CongvuDb, key: RecordKey): Promise<InspectionRecord | null> {
  const inspection = await db.inspections.get([key.id, key.revision]);
  if (!inspection) return null;
  const scope = [key.id, key.revision];
  const [roster, findings, recommendations, attachments, signatures] = await Promise.all([
    db.rosterEntries.where('[inspectionId+revision]').equals(scope).toArray(),
    db.findings.where('[inspectionId+revision]').equals(scope).toArray(),
    db.recommendations.where('[inspectionId+revision]').equals(scope).toArray(),
    db.attachments.where('[inspectionId+revision]').equals(scope).toArray(),
    db.signatures.where('[inspectionId+revision]').equals(scope).toArray(),
  ]);
  roster.sort((a, b) => a.seq - b.seq);
  recommendations.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  attachments.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { formatVersion: FORMAT_VERSION, inspection, roster, findings, recommendations, attachments, signatures };
}

import type { Kysely } from 'kysely';
import type { HubDatabase } from '../db/schema';

/**
 * Whether an inspector may read this blob: one its own records (any revision) or their signed
 * reports link to. The hub hands down no reference data with blobs, so there is nothing else.
 */
export async function inspectorMayReadBlob(db: Kysely<HubDatabase>, deviceId: string, sha256: string): Promise<boolean> {
  const viaRecord = await db
    .selectFrom('inspection_blobs')
    .innerJoin('inspection_owners', 'inspection_owners.inspection_id', 'inspection_blobs.inspection_id')
    .select('inspection_blobs.sha256')
    .where('inspection_blobs.sha256', '=', sha256)
    .where('inspection_owners.device_id', '=', deviceId)
    .executeTakeFirst();
  if (viaRecord) return true;
  const viaReport = await db
    .selectFrom('inspection_reports')
    .innerJoin('inspection_owners', 'inspection_owners.inspection_id', 'inspection_reports.inspection_id')
    .select('inspection_reports.sha256')
    .where('inspection_reports.sha256', '=', sha256)
    .where('inspection_owners.device_id', '=', deviceId)
    .executeTakeFirst();
  return viaReport !== undefined;
}

import type { SyncEngine } from '@shared/sync/engine';
import { checkSignedReport } from '@shared/review/report-binding';
import type { CongvuDb } from '../../db/database';

/**
 * Fetches each signed PDF the hub announced and checks it here: the signature intact over the
 * whole file, and the file made from the imported record. The bytes are kept to be opened later.
 */
export async function checkImportedReports(db: CongvuDb, engine: SyncEngine): Promise<number> {
  const unchecked = await db.reviewReports.where('state').equals('unchecked').toArray();
  let checked = 0;
  for (const report of unchecked) {
    const inspection = await db.reviewInspections.get([report.inspectionId, report.revision]);
    if (!inspection) continue;
    const bytes = await engine.fetchBlob(report.sha256);
    const result = checkSignedReport(bytes, inspection.contentHash);
    const problems: string[] = [...result.problems];
    if (result.fileSha256 !== report.sha256) problems.push('file-hash');
    await db.transaction('rw', db.reviewReports, db.blobs, async () => {
      await db.blobs.put({ sha256: report.sha256, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }) });
      await db.reviewReports.update([report.inspectionId, report.revision, report.sha256], { state: problems.length ? 'invalid' : 'valid', problems, checkedAt: new Date().toISOString() });
    });
    checked += 1;
  }
  return checked;
}

import { HubRequestError, type SyncEngine } from '@shared/sync/engine';
import { checkSignedReport } from '@shared/review/report-binding';
import type { CongvuDb } from '../../db/database';

/**
 * Fetches each signed PDF the hub announced and checks it here: made from the imported record,
 * every signature intact over its revision, only signatures added after the first. Every signer
 * is kept, in order; with no trust folder in this app their trust stays 'unknown', beside the
 * hub's own verdict from the feed. The bytes are kept to be opened later.
 * A file that cannot be fetched stays unchecked (tried again next time) without holding up the
 * others; only losing the hub or the token stops the round.
 */
export async function checkImportedReports(db: CongvuDb, engine: SyncEngine): Promise<number> {
  const unchecked = await db.reviewReports.where('state').equals('unchecked').toArray();
  let checked = 0;
  for (const report of unchecked) {
    const key: [string, number, string] = [report.inspectionId, report.revision, report.sha256];
    const inspection = await db.reviewInspections.get([report.inspectionId, report.revision]);
    if (!inspection) continue;
    let bytes: Uint8Array;
    try {
      bytes = await engine.fetchBlob(report.sha256);
    } catch (error) {
      if (error instanceof HubRequestError && (error.retryable || error.status === 401 || error.status === 403)) throw error;
      await db.reviewReports.update(key, { problems: ['download-failed'] });
      continue;
    }
    const result = checkSignedReport(bytes, inspection.contentHash);
    const problems: string[] = [...result.problems];
    const sameFile = result.fileSha256 === report.sha256;
    if (!sameFile) problems.push('file-hash');
    await db.transaction('rw', db.reviewReports, db.blobs, async () => {
      // Stored by content hash: only bytes that have that hash.
      if (sameFile) await db.blobs.put({ sha256: report.sha256, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }) });
      await db.reviewReports.update(key, { state: problems.length ? 'invalid' : 'valid', problems, checkedSigners: result.signers, checkedAt: new Date().toISOString() });
    });
    checked += 1;
  }
  return checked;
}

import type { InspectionRecord } from '@shared/inspection/record';
import type { SigningSignResult } from '@shared/ipc/signing-schemas';
import { toLocalIso } from '@shared/time/local-iso';
import type { CongvuDb } from '../../db/database';
import { verifyStoredPdf } from '../signing/document-verdict';
import { signedFileSound } from './signed-check';

/**
 * Keeps a newly signed PDF with the finalized revision it was made from, in place of the file it
 * extends, after checking it: a file that does not verify, belongs to another revision, or does not
 * extend what is stored now (another window signed meanwhile) is refused rather than stored. A
 * signature made without its time-stamp queues a document time-stamp in the same transaction. The
 * replaced row carries no hub mark, so the newer file is sent to the hub again.
 */
export async function storeSignedReport(db: CongvuDb, record: InspectionRecord, basedOn: string | null, result: SigningSignResult): Promise<{ queuedTimestamp: boolean }> {
  const i = record.inspection;
  if (i.status !== 'finalized' || !i.contentHash) throw new Error('err.sign.notFinalized');
  if (!signedFileSound(verifyStoredPdf(result.pdf), result.sha256, { role: result.role })) throw new Error('err.sign.verifyFailed');
  const queue = result.timestampError !== null;
  await db.transaction('rw', db.signedReports, db.inspections, db.timestampJobs, async () => {
    const current = await db.inspections.get([i.id, i.revision]);
    if (current?.contentHash !== i.contentHash) throw new Error('err.sign.notFinalized');
    const previous = await db.signedReports.get([i.id, i.revision]);
    if ((previous?.sha256 ?? null) !== basedOn) throw new Error('err.sign.changedMeanwhile');
    await db.signedReports.put({
      inspectionId: i.id,
      revision: i.revision,
      sha256: result.sha256,
      contentHash: i.contentHash!,
      pdf: new Blob([result.pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }),
      signedAt: toLocalIso(new Date()),
      signer: result.signer,
      fileName: result.fileName,
    });
    if (queue && !(await db.timestampJobs.get([i.id, i.revision]))) {
      await db.timestampJobs.put({ inspectionId: i.id, revision: i.revision, queuedAt: toLocalIso(new Date()), attempts: 0, lastTriedAt: null, lastError: null });
    }
  });
  return { queuedTimestamp: queue };
}

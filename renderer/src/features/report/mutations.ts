import { useMemo } from 'react';
import type { InspectionRecord } from '@shared/inspection/record';
import type { Template } from '@shared/schemas';
import { verifySignedPdf } from '@shared/report/verify-pdf';
import type { SigningSignResult } from '@shared/ipc/signing-schemas';
import { toLocalIso } from '@shared/time/local-iso';
import type { CongvuDb } from '../../db/database';
import { useDb } from '../../db/db-context';
import { renderRecordPdf } from './record-document';

/**
 * Keeps a signed PDF with the finalized revision it was made from, after checking it: a file that
 * does not verify, or belongs to another revision, is refused rather than stored.
 */
export async function storeSignedReport(db: CongvuDb, record: InspectionRecord, result: SigningSignResult): Promise<void> {
  const i = record.inspection;
  if (i.status !== 'finalized' || !i.contentHash) throw new Error('err.sign.notFinalized');
  const verdict = verifySignedPdf(result.pdf);
  if (!verdict.ok || verdict.fileSha256 !== result.sha256) throw new Error('err.sign.verifyFailed');
  await db.transaction('rw', db.signedReports, db.inspections, async () => {
    const current = await db.inspections.get([i.id, i.revision]);
    if (current?.contentHash !== i.contentHash) throw new Error('err.sign.notFinalized');
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
  });
}

export function useReportActions() {
  const db = useDb();
  return useMemo(
    () => ({
      render: (record: InspectionRecord, templates: readonly Template[]) => renderRecordPdf(db, record, templates),
      storeSigned: (record: InspectionRecord, result: SigningSignResult) => storeSignedReport(db, record, result),
    }),
    [db],
  );
}

import { useMemo } from 'react';
import type { InspectionRecord } from '@shared/inspection/record';
import type { Template } from '@shared/schemas';
import type { SigningSignResult } from '@shared/ipc/signing-schemas';
import type { CongvuDb } from '../../db/database';
import { useDb } from '../../db/db-context';
import { renderRecordPdf } from './record-document';
import { storeSignedReport } from './signed-report-store';

/** The file the next signer signs: the stored signed PDF (with its earlier signatures), or a fresh one. */
export async function fileToSign(db: CongvuDb, record: InspectionRecord, templates: readonly Template[]): Promise<{ pdf: Uint8Array; basedOn: string | null }> {
  const i = record.inspection;
  const stored = await db.signedReports.get([i.id, i.revision]);
  if (stored && stored.contentHash === i.contentHash) return { pdf: new Uint8Array(await stored.pdf.arrayBuffer()), basedOn: stored.sha256 };
  return { pdf: await renderRecordPdf(db, record, templates), basedOn: null };
}

export function useReportActions() {
  const db = useDb();
  return useMemo(
    () => ({
      render: (record: InspectionRecord, templates: readonly Template[]) => renderRecordPdf(db, record, templates),
      fileToSign: (record: InspectionRecord, templates: readonly Template[]) => fileToSign(db, record, templates),
      storeSigned: (record: InspectionRecord, basedOn: string | null, result: SigningSignResult) => storeSignedReport(db, record, basedOn, result),
    }),
    [db],
  );
}

import { recordBlobHashes, type InspectionRecord } from '@shared/inspection/record';
import { buildRecordPdf } from '@shared/report/record-pdf';
import type { Template } from '@shared/schemas';
import type { CongvuDb } from '../../db/database';
import { loadBlobBytes } from '../../db/blob-bytes';
import { loadReportFonts } from './report-fonts';

/**
 * The biên bản of one revision as PDF bytes, made on this machine from what is stored: the record,
 * its drawn signatures and the report copies of its photos.
 */
export async function renderRecordPdf(db: CongvuDb, record: InspectionRecord, templates: readonly Template[]): Promise<Uint8Array> {
  const [fonts, legalBases, blobs] = await Promise.all([loadReportFonts(), db.legalBases.toArray(), loadBlobBytes(db, recordBlobHashes(record))]);
  return buildRecordPdf({ record, templates, legalBases, fonts, blob: (sha) => blobs.get(sha) });
}

/** "bien-ban-31471-2026-11-23-r1.pdf": ASCII, so every file system and mail client takes it. */
export function recordFileName(record: InspectionRecord, signed: boolean): string {
  const i = record.inspection;
  return `bien-ban-${i.unit.code}-${i.arrival.at.slice(0, 10)}-r${i.revision}${signed ? '-da-ky' : ''}.pdf`;
}

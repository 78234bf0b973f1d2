import Dexie from 'dexie';
import { buildExportZip, ExchangeError, parseExportZip } from '@shared/exchange/inspection-export';
import { recordBlobHashes, recordContentHash, type InspectionRecord } from '@shared/inspection/record';
import { toLocalIso } from '@shared/time/local-iso';
import type { CongvuDb } from '../../db/database';
import { blobBytes } from '../../db/blob-bytes';
import { recordTables } from '../recording/draft-transaction';
import { loadRecord } from '../recording/load-record';

/** Every revision of an inspection, its audit log and its blobs, as a .zip (a consistent snapshot). */
export async function exportInspection(db: CongvuDb, id: string): Promise<{ zip: Uint8Array; fileName: string }> {
  const { revisions, audit, blobRows } = await db.transaction('r', recordTables(db), async () => {
    const rows = await db.inspections.where('id').equals(id).sortBy('revision');
    const revisions: InspectionRecord[] = [];
    for (const row of rows) revisions.push((await loadRecord(db, { id, revision: row.revision }))!);
    const audit = await db.auditLog.where('[inspectionId+seq]').between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray();
    const blobRows = await db.blobs.bulkGet([...new Set(revisions.flatMap(recordBlobHashes))]);
    return { revisions, audit, blobRows };
  });
  if (revisions.length === 0) throw new ExchangeError('err.record.notFound');
  const blobs = await blobBytes(blobRows);
  const zip = buildExportZip(revisions, audit, blobs, toLocalIso(new Date()));
  const first = revisions[0]!.inspection;
  return { zip, fileName: `kiem-tra-${first.unit.code}-${first.arrival.at.slice(0, 10)}-${id.slice(0, 8)}.zip` };
}

export interface ImportSummary {
  inspectionId: string;
  unitName: string;
  added: number[];
  unchanged: number[];
  blobsAdded: number;
}

/**
 * Imports an export made by this app. Revisions already here with identical content are skipped;
 * a revision that differs from the one here is refused as a whole, so nothing is ever overwritten.
 */
export async function importInspection(db: CongvuDb, bytes: Uint8Array): Promise<ImportSummary> {
  const { data, blobs } = parseExportZip(bytes);
  const mimeOf = new Map(data.revisions.flatMap((r) => r.attachments.map((a) => [a.sha256, a.mime] as const)));
  return db.transaction('rw', [...recordTables(db), db.units], async () => {
    const id = data.revisions[0]!.inspection.id;
    const summary: ImportSummary = { inspectionId: id, unitName: data.revisions[0]!.inspection.unit.name, added: [], unchanged: [], blobsAdded: 0 };
    for (const record of data.revisions) {
      const existing = await loadRecord(db, { id, revision: record.inspection.revision });
      if (existing) {
        if (recordContentHash(existing) !== recordContentHash(record)) throw new ExchangeError(`err.exchange.conflict: ${record.inspection.revision}`);
        summary.unchanged.push(record.inspection.revision);
        continue;
      }
      await db.inspections.add(record.inspection);
      await db.rosterEntries.bulkAdd(record.roster);
      await db.findings.bulkAdd(record.findings);
      await db.recommendations.bulkAdd(record.recommendations);
      await db.attachments.bulkAdd(record.attachments);
      await db.signatures.bulkAdd(record.signatures);
      summary.added.push(record.inspection.revision);
    }
    for (const [sha256, bytes] of blobs) {
      if (await db.blobs.get(sha256)) continue;
      await db.blobs.add({ sha256, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeOf.get(sha256) ?? 'image/png' }) });
      summary.blobsAdded += 1;
    }
    // The log is append-only: take the imported one where there is none here, or where ours is
    // the beginning of it; otherwise ours stays as it is.
    const local = await db.auditLog.where('[inspectionId+seq]').between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray();
    const isPrefix = local.every((e, i) => data.auditLog[i]?.hash === e.hash);
    if (isPrefix) await db.auditLog.bulkAdd(data.auditLog.slice(local.length));
    const unit = data.revisions.at(-1)!.inspection.unit;
    if (!(await db.units.get(unit.code))) await db.units.add(unit);
    return summary;
  });
}

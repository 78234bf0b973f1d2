import { z } from 'zod';
import { FORMAT_VERSION } from '../format-version';
import { canonicalHashSync } from '../hash/sha256-sync';
import { canonicalJson } from '../hash/canonical-json';
import { isoDay } from '../time/local-iso';
import {
  attachmentSchema,
  findingSchema,
  inspectionSchema,
  recommendationSchema,
  rosterEntrySchema,
  signatureSchema,
  type Inspection,
} from '../schemas';

/**
 * One revision of an inspection with everything recorded in it: the unit of finalizing, hashing,
 * export and sync. Blobs (photos, drawn signatures) are referenced by SHA-256, not embedded.
 */
export const inspectionRecordSchema = z
  .object({
    formatVersion: z.literal(FORMAT_VERSION),
    inspection: inspectionSchema,
    roster: z.array(rosterEntrySchema),
    findings: z.array(findingSchema),
    recommendations: z.array(recommendationSchema),
    attachments: z.array(attachmentSchema),
    signatures: z.array(signatureSchema),
  })
  .superRefine((r, ctx) => {
    const { id, revision } = r.inspection;
    const parts = ['roster', 'findings', 'recommendations', 'attachments', 'signatures'] as const;
    for (const part of parts) {
      r[part].forEach((row, i) => {
        if (row.inspectionId !== id || row.revision !== revision) {
          ctx.addIssue({ code: 'custom', message: 'err.record.foreignRow', path: [part, i] });
        }
      });
    }
    // A finalized record cannot set a deadline before the inspection day (the finalize check says so
    // in the app; this holds it for records that arrive by sync or import too).
    if (r.inspection.status === 'finalized') {
      const day = isoDay(r.inspection.arrival.at);
      r.recommendations.forEach((rec, i) => {
        if (rec.deadline !== undefined && rec.deadline < day) ctx.addIssue({ code: 'custom', message: 'err.recommendation.deadlineBeforeInspection', path: ['recommendations', i, 'deadline'] });
      });
    }
  });
export type InspectionRecord = z.infer<typeof inspectionRecordSchema>;

/** The record without its own hash, children in a fixed order: what the content hash covers. */
export function recordBody(record: InspectionRecord): InspectionRecord {
  const { contentHash: _omit, ...inspection } = record.inspection;
  const by = <T>(key: (row: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  return {
    formatVersion: record.formatVersion,
    inspection: inspection as Inspection,
    roster: [...record.roster].sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : 1)),
    findings: [...record.findings].sort(by((f) => `${f.templateRef}/${f.itemCode}`)),
    recommendations: [...record.recommendations].sort(by((r) => `${r.createdAt}/${r.id}`)),
    attachments: [...record.attachments].sort(by((a) => a.sha256)),
    signatures: [...record.signatures].sort(by((s) => `${s.role}/${s.id}`)),
  };
}

/**
 * SHA-256 of the RFC 8785 canonical JSON of the record body. The hub passes Node's own SHA-256,
 * several times faster than the portable one that shared code must use.
 */
export function recordContentHash(record: InspectionRecord, sha256Text?: (text: string) => string): string {
  return sha256Text ? sha256Text(canonicalJson(recordBody(record))) : canonicalHashSync(recordBody(record));
}

/** Every blob the record refers to: photos, their report copies, drawn signatures. */
export function recordBlobHashes(record: InspectionRecord): string[] {
  const hashes = new Set<string>();
  for (const a of record.attachments) {
    hashes.add(a.sha256);
    if (a.reportCopySha256) hashes.add(a.reportCopySha256);
  }
  for (const s of record.signatures) if (s.mark.kind === 'drawn') hashes.add(s.mark.imageSha256);
  return [...hashes].sort();
}

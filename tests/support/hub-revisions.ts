import { recordContentHash, type InspectionRecord } from '../../shared/inspection/record';

/**
 * The next finalized revision of a record, as a correction made on the laptop would be, saying it
 * replaces `replacesHash` (the held revision's hash unless a test says otherwise).
 */
export function nextRevision(record: InspectionRecord, replacesHash = record.inspection.contentHash!, change = 'Sửa lại giờ đến'): InspectionRecord {
  const next = structuredClone(record);
  const revision = record.inspection.revision + 1;
  next.inspection.revision = revision;
  next.inspection.correction = { replacesRevision: record.inspection.revision, replacesHash, reason: change };
  for (const part of [next.roster, next.findings, next.recommendations, next.attachments, next.signatures]) for (const row of part) row.revision = revision;
  next.inspection.contentHash = recordContentHash(next);
  return next;
}

/** A record whose first revision claims to replace something: never a valid start of a chain. */
export function withCorrectionOnFirst(record: InspectionRecord): InspectionRecord {
  const bad = structuredClone(record);
  bad.inspection.correction = { replacesRevision: 1, replacesHash: 'b'.repeat(64), reason: 'Không có gì để thay' };
  bad.inspection.contentHash = recordContentHash(bad);
  return bad;
}

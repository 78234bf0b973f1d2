import type { Template } from '../schemas';
import { checkFinalizable, type FinalizeProblem } from './finalize-check';
import { inspectionRecordSchema, recordContentHash, type InspectionRecord } from './record';

export type FinalizeResult = { ok: true; record: InspectionRecord } | { ok: false; problems: FinalizeProblem[] };

/** Validates a draft and locks it: status finalized, time stamped, content hash computed over the rest. */
export function finalizeRecord(record: InspectionRecord, templates: ReadonlyMap<string, Template>, nowIso: string): FinalizeResult {
  const problems = checkFinalizable(record, templates);
  if (problems.length > 0) return { ok: false, problems };
  const locked: InspectionRecord = {
    ...record,
    inspection: { ...record.inspection, status: 'finalized', finalizedAt: nowIso, updatedAt: nowIso, contentHash: undefined },
  };
  const contentHash = recordContentHash(locked);
  return { ok: true, record: inspectionRecordSchema.parse({ ...locked, inspection: { ...locked.inspection, contentHash } }) };
}

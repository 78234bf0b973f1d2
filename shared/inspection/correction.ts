import type { InspectionRecord } from './record';

/**
 * A correction of a finalized record: a new draft revision that starts as a copy of the finalized
 * one, says which revision (and hash) it replaces and why, and must be signed again. The finalized
 * revision itself is never touched.
 */
export function buildCorrection(finalized: InspectionRecord, reason: string, nowIso: string, newId: () => string): InspectionRecord {
  const old = finalized.inspection;
  if (old.status !== 'finalized' || !old.contentHash) throw new Error('err.correction.notFinalized');
  const revision = old.revision + 1;
  const { contentHash: _h, finalizedAt: _f, ...rest } = old;
  const rosterIds = new Map(finalized.roster.map((r) => [r.id, newId()]));
  const remap = (ids: string[]) => ids.map((id) => rosterIds.get(id) ?? id);
  const scope = { inspectionId: old.id, revision };
  return {
    formatVersion: finalized.formatVersion,
    inspection: {
      ...rest,
      revision,
      status: 'draft',
      correction: { replacesRevision: old.revision, replacesHash: old.contentHash, reason: reason.trim() },
      updatedAt: nowIso,
    },
    roster: finalized.roster.map((r) => ({ ...r, ...scope, id: rosterIds.get(r.id)! })),
    findings: finalized.findings.map((f) => ({
      ...f,
      ...scope,
      id: newId(),
      involvedRosterIds: remap(f.involvedRosterIds),
      answer: f.answer?.type === 'roster' ? { type: 'roster', rosterIds: remap(f.answer.rosterIds) } : f.answer,
    })),
    recommendations: finalized.recommendations.map((r) => ({
      ...r,
      ...scope,
      id: newId(),
      target: r.target.kind === 'person' ? { kind: 'person', rosterId: rosterIds.get(r.target.rosterId) ?? r.target.rosterId } : r.target,
    })),
    attachments: finalized.attachments.map((a) => ({ ...a, ...scope })),
    // Everyone signs the corrected record anew.
    signatures: [],
  };
}

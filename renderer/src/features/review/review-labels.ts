import type { MessageKey } from '../../i18n/vi';
import { problemKeys as verifyKeys } from '../signing/problem-keys';

const statusKeys: Record<string, MessageKey> = { received: 'review.received', 'has-issues': 'review.hasIssues', approved: 'review.approved', rejected: 'review.rejected' };
const reportKeys: Record<string, MessageKey> = { valid: 'review.report.valid', invalid: 'review.report.invalid', unchecked: 'review.report.unchecked' };
const problemKeys: Record<string, MessageKey> = {
  'bad-change': 'review.problem.badChange',
  'no-record': 'review.problem.noRecord',
  'invalid-record': 'review.problem.invalidRecord',
  'not-finalized': 'review.problem.notFinalized',
  'other-revision': 'review.problem.otherRevision',
  'hash-mismatch': 'review.problem.hashMismatch',
  'blobs-mismatch': 'review.problem.blobsMismatch',
  'other-record': 'review.problem.otherRecord',
  'file-hash': 'review.problem.fileHash',
  'download-failed': 'review.problem.downloadFailed',
  'not-ours': 'review.problem.notOurs',
  'changed-after-signing': 'review.problem.changedAfterSigning',
  broken: 'review.problem.broken',
  revision: 'review.problem.revision',
};
const roleKeys: Record<string, MessageKey> = { leader: 'review.signer.leader', 'unit-representative': 'review.signer.unitRepresentative', recorder: 'review.signer.recorder' };

export const reviewStatusKey = (status: string): MessageKey => statusKeys[status] ?? 'review.none';
export const reportStateKey = (state: string | undefined): MessageKey => (state ? (reportKeys[state] ?? 'review.report.none') : 'review.report.none');
/** Signature problems reuse the signing page's wording; "broken:2" is signature 2's problem. */
export const importProblemKey = (problem: string): MessageKey => {
  const kind = problem.split(':')[0]!;
  return problemKeys[kind] ?? verifyKeys[kind as keyof typeof verifyKeys] ?? 'review.problem.unknown';
};
/** The signature's number for problems about one signature ("broken:2" → 2), else null. */
export const problemSignature = (problem: string): number | null => {
  const m = /:(\d+)$/.exec(problem);
  return m ? Number(m[1]) : null;
};
export const signerRoleKey = (kind: string, role: string | null): MessageKey => (kind === 'document-timestamp' ? 'review.signer.documentTimestamp' : ((role && roleKeys[role]) || 'review.signer.other'));

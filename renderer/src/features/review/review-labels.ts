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
};

export const reviewStatusKey = (status: string): MessageKey => statusKeys[status] ?? 'review.none';
export const reportStateKey = (state: string | undefined): MessageKey => (state ? (reportKeys[state] ?? 'review.report.none') : 'review.report.none');
/** Signature problems reuse the signing page's wording. */
export const importProblemKey = (problem: string): MessageKey => problemKeys[problem] ?? verifyKeys[problem as keyof typeof verifyKeys] ?? 'review.problem.unknown';

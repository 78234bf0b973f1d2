import type { VerifyProblem } from '@shared/report/verify-pdf';
import type { MessageKey } from '../../i18n/vi';

/** The verifier's findings in the UI's words. */
export const problemKeys: Record<VerifyProblem, MessageKey> = {
  'not-pdf': 'verify.problem.notPdf',
  'no-signature': 'verify.problem.noSignature',
  'several-signatures': 'verify.problem.several',
  'byte-range': 'verify.problem.byteRange',
  appended: 'verify.problem.appended',
  'cms-unreadable': 'verify.problem.cms',
  'digest-mismatch': 'verify.problem.digest',
  'signature-invalid': 'verify.problem.signature',
  'certificate-not-valid-at-signing': 'verify.problem.validity',
  untrusted: 'verify.problem.untrusted',
};

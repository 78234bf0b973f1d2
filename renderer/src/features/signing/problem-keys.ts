import type { MessageKey } from '../../i18n/vi';

/** The verifier's document-level findings (DocumentVerdict.problems) in the UI's words. */
export const problemKeys: Record<string, MessageKey> = {
  'not-pdf': 'verify.problem.notPdf',
  unreadable: 'verify.problem.notPdf',
  'no-signature': 'verify.problem.noSignature',
  'byte-range': 'verify.problem.byteRange',
  appended: 'verify.problem.appended',
  'cms-unreadable': 'verify.problem.cms',
  'signature-broken': 'verify.problem.digest',
  'changed-after-signing': 'verify.changesRejected',
  untrusted: 'verify.problem.untrusted',
};

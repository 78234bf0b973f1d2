import type { DocumentVerdict } from '@shared/pdf-signature/verdict';

/**
 * A signed PDF's verdict as shared/pdf-signature/verify-document.ts gives it (pure, runs in the
 * page), without a trust folder: in the page only integrity, order and roles are read from it.
 */
export function verifyStoredPdf(pdf: Uint8Array): DocumentVerdict {
  void pdf;
  throw new Error('err.sign.verifierMissing');
}

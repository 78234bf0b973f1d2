import type { DocumentVerdict } from '@shared/pdf-signature/verdict';
import { verifyDocument } from '@shared/pdf-signature/verify-document';

/**
 * A signed PDF's verdict from the shared verifier (pure, runs in the page), without a trust
 * folder: the page reads integrity, order, roles and time-stamps from it; trust is main's to judge.
 */
export function verifyStoredPdf(pdf: Uint8Array): DocumentVerdict {
  return verifyDocument(pdf, {});
}

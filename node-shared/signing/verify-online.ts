import { signerCertificates } from '../../shared/pdf-signature/signature-reader';
import { verifyDocument } from '../../shared/pdf-signature/verify-document';
import type { DocumentVerdict } from '../../shared/pdf-signature/verdict';
import { chainOf } from './chain-of';
import { fetchValidationData } from './revocation-fetch';

export interface OnlineVerifyOptions {
  anchors: readonly Uint8Array[];
  intermediates?: readonly Uint8Array[];
  /** false: judge from the file's own validation data only. */
  online?: boolean;
  fetchImpl?: typeof fetch;
}

/**
 * Verifies with the file's embedded validation data first; where that leaves a signer's revocation
 * unknown and a trust folder makes it matter, asks the CRL and OCSP addresses of the chain online
 * and judges again. A failed fetch leaves the status unknown, never worse.
 */
export async function verifyWithRevocation(pdf: Uint8Array, options: OnlineVerifyOptions): Promise<DocumentVerdict> {
  const material = { certificates: options.intermediates ?? [] };
  const first = verifyDocument(pdf, { anchors: options.anchors, material });
  const needs = options.online !== false && options.anchors.length > 0 && first.signatures.some((s) => s.revocation.status === 'unknown' && s.trust !== 'untrusted');
  if (!needs) return first;
  const pool = [...options.anchors, ...(options.intermediates ?? [])];
  const chains = signerCertificates(pdf).map(({ certificate, certificates }) => chainOf(certificate, [...certificates, ...pool]));
  const fetched = await Promise.all(chains.map((chain) => fetchValidationData(chain, { fetchImpl: options.fetchImpl }).catch(() => ({ crls: [], ocspResponses: [] }))));
  const crls = fetched.flatMap((f) => f.crls);
  const ocspResponses = fetched.flatMap((f) => f.ocspResponses);
  if (crls.length + ocspResponses.length === 0) return first;
  const again = verifyDocument(pdf, { anchors: options.anchors, material: { ...material, crls, ocspResponses }, fetchedRevocation: true });
  return again;
}

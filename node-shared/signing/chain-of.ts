import forge from 'node-forge';
import { compareBytes, derOf, parseDer } from '../../shared/pdf-signature/cms-build';

/** Subject and issuer names of a certificate, as DER (so comparison is exact). */
function names(certificate: Uint8Array): { subject: Uint8Array; issuer: Uint8Array } {
  const tbs = (parseDer(certificate).value as forge.asn1.Asn1[])[0]!.value as forge.asn1.Asn1[];
  const at = tbs[0]!.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  return { issuer: derOf(tbs[at + 2]!), subject: derOf(tbs[at + 4]!) };
}

/**
 * The certificate and its issuers found in `pool`, by name, up to a self-issued one: what a DSS
 * should carry so the signature can be checked without the network. The verifier checks the
 * signatures along it; this only gathers.
 */
export function chainOf(certificate: Uint8Array, pool: readonly Uint8Array[]): Uint8Array[] {
  const chain = [certificate];
  let current = names(certificate);
  for (let depth = 0; depth < 8 && compareBytes(current.issuer, current.subject) !== 0; depth++) {
    const issuer = pool.find((c) => compareBytes(names(c).subject, current.issuer) === 0 && !chain.some((d) => compareBytes(c, d) === 0));
    if (!issuer) break;
    chain.push(issuer);
    current = names(issuer);
  }
  return chain;
}

/** A certificate's validity period. */
export function validityOf(certificate: Uint8Array): { notBefore: Date; notAfter: Date } {
  const cert = forge.pki.certificateFromAsn1(parseDer(certificate));
  return { notBefore: cert.validity.notBefore, notAfter: cert.validity.notAfter };
}

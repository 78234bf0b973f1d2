import { compareBytes } from '../../shared/pdf-signature/cms-build';
import { parseCertificate } from '../../shared/pdf-signature/trust/cert-parse';

/**
 * The certificate and its issuers found in `pool`, by name, up to a self-issued one: what a DSS
 * should carry so the signature can be checked without the network. The verifier checks the
 * signatures along it; this only gathers.
 */
export function chainOf(certificate: Uint8Array, pool: readonly Uint8Array[]): Uint8Array[] {
  const parsed = pool.map((der) => ({ der, cert: parseCertificate(der) }));
  const chain = [certificate];
  let current = parseCertificate(certificate);
  for (let depth = 0; depth < 8 && compareBytes(current.issuer, current.subject) !== 0; depth++) {
    const issuer = parsed.find((p) => compareBytes(p.cert.subject, current.issuer) === 0 && !chain.some((d) => compareBytes(p.der, d) === 0));
    if (!issuer) break;
    chain.push(issuer.der);
    current = issuer.cert;
  }
  return chain;
}

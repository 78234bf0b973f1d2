import { digest } from '../primitives/digest';
import { toHex } from '../der/der-values';
import type { CertificateSummary } from '../verdict';
import { tryParseCertificate } from './cert-parse';

/** Who a certificate names, as the verdict prints it; null for bytes that are no certificate. */
export function certificateSummary(der: Uint8Array): CertificateSummary | null {
  const certificate = tryParseCertificate(der);
  if (!certificate) return null;
  return {
    commonName: certificate.commonName,
    subject: certificate.subjectText,
    issuer: certificate.issuerText,
    serialNumber: certificate.serialHex,
    notBefore: certificate.notBefore.toISOString(),
    notAfter: certificate.notAfter.toISOString(),
    sha256Fingerprint: toHex(digest('sha256', certificate.der)),
  };
}

import { X509Certificate } from 'node:crypto';
import type { CertificateSummary } from '@shared/pdf-signature/verdict';

const field = (name: string, key: string) =>
  name
    .split('\n')
    .find((line) => line.startsWith(`${key}=`))
    ?.slice(key.length + 1);

/** "CN, O, C", the way the rest of the app names a certificate's subject or issuer. */
function describeName(name: string): string {
  return ['CN', 'O', 'C'].map((k) => field(name, k)).filter(Boolean).join(', ');
}

/** A certificate (PEM or DER) read with Node's own X.509 parser, or null if it is not one. */
export function readCertificate(bytes: Uint8Array): { der: Uint8Array; summary: CertificateSummary; isCa: boolean } | null {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(Buffer.from(bytes));
  } catch {
    return null;
  }
  const der = new Uint8Array(cert.raw);
  return {
    der,
    isCa: cert.ca,
    summary: {
      commonName: field(cert.subject, 'CN') ?? '',
      subject: describeName(cert.subject),
      issuer: describeName(cert.issuer),
      serialNumber: cert.serialNumber,
      notBefore: new Date(cert.validFrom).toISOString(),
      notAfter: new Date(cert.validTo).toISOString(),
      sha256Fingerprint: cert.fingerprint256.replaceAll(':', '').toLowerCase(),
    },
  };
}

import { OID } from '../oids';
import type { ParsedCertificate } from './cert-parse';

/**
 * Key usage by purpose. An absent keyUsage extension allows every use (RFC 5280 4.2.1.3); the
 * Vietnamese CAs always write one, so that case is for foreign or old certificates.
 */
export function keyUsageAllows(certificate: ParsedCertificate, purpose: 'signing' | 'timestamping'): boolean {
  const usage = certificate.keyUsage;
  const signs = !usage || usage.has('digitalSignature') || usage.has('nonRepudiation');
  if (purpose === 'signing') return signs;
  // RFC 3161 2.3: the TSA certificate carries extendedKeyUsage id-kp-timeStamping (and only it).
  return signs && !!certificate.extKeyUsage && certificate.extKeyUsage.length === 1 && certificate.extKeyUsage[0] === OID.kpTimeStamping;
}

/** A certificate that may issue others: a CA by basicConstraints, keyCertSign if keyUsage is present. */
export function canIssueCertificates(certificate: ParsedCertificate): boolean {
  return !!certificate.basicConstraints?.ca && (!certificate.keyUsage || certificate.keyUsage.has('keyCertSign'));
}

export function canSignCrls(certificate: ParsedCertificate): boolean {
  return !certificate.keyUsage || certificate.keyUsage.has('cRLSign');
}

/** A delegated OCSP responder (RFC 6960 4.2.2.2): id-kp-OCSPSigning in its extendedKeyUsage. */
export function isOcspSigner(certificate: ParsedCertificate): boolean {
  return !!certificate.extKeyUsage?.includes(OID.kpOcspSigning) && (!certificate.keyUsage || certificate.keyUsage.has('digitalSignature') || certificate.keyUsage.has('nonRepudiation'));
}

export function validAt(certificate: ParsedCertificate, at: Date): boolean {
  return certificate.notBefore.getTime() <= at.getTime() && at.getTime() <= certificate.notAfter.getTime();
}

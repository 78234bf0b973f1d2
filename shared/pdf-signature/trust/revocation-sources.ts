import { isSelfIssued, tryParseCertificate } from './cert-parse';
import type { RevocationSources } from './types';

const HTTP = /^https?:\/\//i;

/** The CRL distribution points and AIA OCSP responders of a chain (self-signed roots have none to ask). */
export function revocationSources(chain: readonly Uint8Array[]): RevocationSources {
  const crlUrls = new Set<string>();
  const ocspUrls = new Set<string>();
  for (const der of chain) {
    const certificate = tryParseCertificate(der);
    if (!certificate || isSelfIssued(certificate)) continue;
    for (const url of certificate.crlUrls) if (HTTP.test(url)) crlUrls.add(url);
    for (const url of certificate.ocspUrls) if (HTTP.test(url)) ocspUrls.add(url);
  }
  return { crlUrls: [...crlUrls], ocspUrls: [...ocspUrls] };
}

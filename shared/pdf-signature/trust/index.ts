/** The trust side's public face: what the PDF verifier, the hub and the command lines call. */
export { validateCertificate } from './validate';
export { revocationSources } from './revocation-sources';
export { readTimestampToken, imprintMatches, type TimestampTokenRead, type TimestampTokenResult } from './timestamp-token';
export { parseCertificate, tryParseCertificate, type ParsedCertificate } from './cert-parse';
export { buildOcspRequest } from './ocsp';
export type { TrustInput, TrustResult, ValidationMaterial, RevocationSources } from './types';
export { certificateSummary } from './certificate-summary';

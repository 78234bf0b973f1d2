import type { RevocationVerdict, TrustStatus } from '../verdict';
import { isIssuedBy, isSelfIssued, tryParseCertificate, type ParsedCertificate } from './cert-parse';
import { buildPath } from './chain';
import { keyUsageAllows, validAt } from './key-usage';
import { chainRevocation } from './revocation-check';
import type { TrustInput, TrustResult } from './types';

/**
 * Judges a certificate at `input.at`: a path to an anchor, every certificate on it valid then,
 * the subject's key usage fit for the purpose, none of them revoked at or before then. With no
 * anchors the status is 'unknown', but the path is still built (up to a self-signed certificate
 * of the material) so that expiry and revocation are listed in `problems`.
 */
const NO_REVOCATION: RevocationVerdict = { status: 'unknown', source: null, kind: null, revokedAt: null };

function parseAll(list: readonly Uint8Array[], problems: string[], problem: string): ParsedCertificate[] {
  const parsed: ParsedCertificate[] = [];
  for (const der of list) {
    const certificate = tryParseCertificate(der);
    if (certificate) parsed.push(certificate);
    else problems.push(problem);
  }
  return parsed;
}

export function validateCertificate(input: TrustInput): TrustResult {
  const problems: string[] = [];
  const hasAnchors = input.anchors.length > 0;
  const subject = tryParseCertificate(input.subject);
  if (!subject) return { status: hasAnchors ? 'untrusted' : 'unknown', chain: [], revocation: NO_REVOCATION, problems: ['certificate-unreadable'] };
  const anchors = parseAll(input.anchors, problems, 'anchor-unreadable');
  const pool = parseAll(input.material.certificates, problems, 'certificate-unreadable');
  const stand = hasAnchors ? anchors : pool.filter((certificate) => isSelfIssued(certificate) && isIssuedBy(certificate, certificate));
  const path = buildPath(subject, pool, stand);
  if (!path.anchored) problems.push('no-path');

  const expired = path.chain.filter((certificate) => !validAt(certificate, input.at));
  for (const certificate of expired) problems.push(`expired:${certificate.commonName}`);
  const badUsage = !keyUsageAllows(subject, input.purpose);
  if (badUsage) problems.push(`bad-key-usage:${subject.commonName}`);
  const unknownCritical = path.chain.flatMap((certificate) => certificate.unknownCritical.map((oid) => `unknown-critical-extension:${certificate.commonName}:${oid}`));
  problems.push(...unknownCritical);
  const revocation = chainRevocation(path.chain, path.anchored, input.material, input.at, problems);

  const status: TrustStatus = !hasAnchors
    ? 'unknown'
    : !path.anchored || unknownCritical.length > 0
      ? 'untrusted'
      : revocation.status === 'revoked'
        ? 'revoked'
        : expired.length > 0
          ? 'expired'
          : badUsage
            ? 'bad-key-usage'
            : 'trusted';
  return { status, chain: path.chain.map((certificate) => certificate.der.slice()), revocation, problems };
}

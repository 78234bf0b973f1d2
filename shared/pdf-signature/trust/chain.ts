import { sameBytes } from '../primitives/digest';
import { isIssuedBy, isSelfIssued, sameName, type ParsedCertificate } from './cert-parse';
import { canIssueCertificates } from './key-usage';

/**
 * Path building: from the subject up through the intermediates to an anchor, each link's
 * signature checked with the issuer's key. Candidates are found by name (and key identifier when
 * both sides carry one, which tells a re-keyed CA's two certificates apart).
 */
const MAX_DEPTH = 8;

export interface PathResult {
  /** Subject first; ends at an anchor when `anchored`. */
  chain: ParsedCertificate[];
  anchored: boolean;
}

function mayIssue(child: ParsedCertificate, issuer: ParsedCertificate): boolean {
  if (!sameName(child.issuer, issuer.subject)) return false;
  if (child.authorityKeyId && issuer.subjectKeyId && !sameBytes(child.authorityKeyId, issuer.subjectKeyId)) return false;
  return isIssuedBy(child, issuer);
}

/** pathLenConstraint: at most `pathLength` non-self-issued intermediates below this CA. */
function withinPathLength(issuer: ParsedCertificate, below: readonly ParsedCertificate[]): boolean {
  const limit = issuer.basicConstraints?.pathLength;
  if (limit === null || limit === undefined) return true;
  return below.slice(1).filter((certificate) => !isSelfIssued(certificate)).length <= limit;
}

const contains = (list: readonly ParsedCertificate[], certificate: ParsedCertificate) => list.some((item) => sameBytes(item.der, certificate.der));

export function buildPath(subject: ParsedCertificate, intermediates: readonly ParsedCertificate[], anchors: readonly ParsedCertificate[]): PathResult {
  let longest: ParsedCertificate[] = [subject];
  const extend = (path: ParsedCertificate[]): ParsedCertificate[] | null => {
    const last = path[path.length - 1]!;
    if (contains(anchors, last)) return path;
    if (path.length > longest.length) longest = path;
    if (path.length > MAX_DEPTH) return null;
    // An anchor is trusted as configured: it need not be marked a CA (old v1 roots are not).
    const anchor = anchors.find((candidate) => mayIssue(last, candidate) && withinPathLength(candidate, path));
    if (anchor) return [...path, anchor];
    for (const candidate of intermediates) {
      if (contains(path, candidate) || !canIssueCertificates(candidate) || !withinPathLength(candidate, path) || !mayIssue(last, candidate)) continue;
      const found = extend([...path, candidate]);
      if (found) return found;
    }
    return null;
  };
  const found = extend([subject]);
  return found ? { chain: found, anchored: true } : { chain: longest, anchored: false };
}

import { children, DerError, nodeBytes, parseDer, sequence } from '../der/der-read';
import { readBitString, readIntegerHex, readOctets, readOid, readSmallInteger, readTime, TAG } from '../der/der-values';
import { OID } from '../oids';
import { sameName, verifySignedWith, type ParsedCertificate } from './cert-parse';
import { canSignCrls } from './key-usage';
import type { RevocationAnswer } from './revocation-answer';

/** A CRL (RFC 5280 5) read over its own bytes. */
export interface ParsedCrl {
  tbs: Uint8Array;
  signatureAlgorithm: string;
  signature: Uint8Array;
  issuer: Uint8Array;
  thisUpdate: Date;
  nextUpdate: Date | null;
  /** Serial (hex) → revocation date; entries with reason removeFromCRL are left out. */
  revoked: Map<string, Date>;
  /** A delta CRL lists changes only and cannot say a certificate is good on its own. */
  delta: boolean;
}

const REMOVE_FROM_CRL = 8;
const DELTA_CRL_INDICATOR = '2.5.29.27';

function entryReason(extensions: ReturnType<typeof children>[number] | undefined): number | null {
  if (!extensions) return null;
  for (const extension of sequence(extensions, 'crlEntryExtensions')) {
    const parts = sequence(extension, 'Extension');
    if (readOid(parts[0]) === OID.crlReason) return readSmallInteger(parseDer(readOctets(parts[parts.length - 1])), TAG.enumerated);
  }
  return null;
}

export function parseCrl(der: Uint8Array): ParsedCrl {
  const [tbsNode, algorithm, signature] = sequence(parseDer(der), 'CertificateList');
  const fields = sequence(tbsNode, 'TBSCertList');
  const offset = fields[0]?.tag === TAG.integer ? 1 : 0;
  const [, issuer, thisUpdate, maybeNext] = fields.slice(offset);
  if (!issuer) throw new DerError('short CRL');
  const hasNext = maybeNext?.tag === TAG.utcTime || maybeNext?.tag === TAG.generalizedTime;
  const rest = fields.slice(offset + (hasNext ? 4 : 3));
  const revoked = new Map<string, Date>();
  const list = rest.find((node) => node.tag === TAG.sequence);
  for (const entry of list ? children(list) : []) {
    const [serial, date, extensions] = sequence(entry, 'revokedCertificate');
    if (entryReason(extensions) !== REMOVE_FROM_CRL) revoked.set(readIntegerHex(serial), readTime(date));
  }
  const crlExtensions = rest.find((node) => node.tag === 0xa0);
  const delta = crlExtensions ? sequence(children(crlExtensions)[0], 'crlExtensions').some((extension) => readOid(children(extension)[0]) === DELTA_CRL_INDICATOR) : false;
  return {
    tbs: nodeBytes(tbsNode!),
    signatureAlgorithm: readOid(sequence(algorithm, 'AlgorithmIdentifier')[0]),
    signature: readBitString(signature).bytes,
    issuer: nodeBytes(issuer),
    thisUpdate: readTime(thisUpdate),
    nextUpdate: hasNext ? readTime(maybeNext) : null,
    revoked,
    delta,
  };
}

/**
 * What a CRL says of `certificate` at `at`. Only a CRL by the certificate's issuer, signed with
 * its key, is used. A revocation dated at or before `at` is decisive however old the CRL; to
 * say "not revoked" the CRL must still be current at `at` (nextUpdate, or else thisUpdate, not
 * before it), or a revocation between it and `at` could be missing.
 */
export function crlAnswer(crl: ParsedCrl, certificate: ParsedCertificate, issuer: ParsedCertificate, at: Date): RevocationAnswer | null {
  if (!sameName(crl.issuer, certificate.issuer)) return null;
  if (!canSignCrls(issuer) || !verifySignedWith(crl.tbs, crl.signatureAlgorithm, crl.signature, issuer.spki)) return { status: 'unusable', problem: 'crl-signature-invalid' };
  const revokedAt = crl.revoked.get(certificate.serialHex);
  if (revokedAt && revokedAt.getTime() <= at.getTime()) return { status: 'revoked', revokedAt };
  if (crl.delta) return { status: 'unusable', problem: 'crl-delta-only' };
  if ((crl.nextUpdate ?? crl.thisUpdate).getTime() < at.getTime()) return { status: 'unusable', problem: 'crl-stale' };
  // Revoked after `at`: what was signed (and time-stamped) before the revocation still stands,
  // which is the point of validating at the time-stamp's time rather than now.
  return { status: 'good', revokedAt: revokedAt ?? null };
}

import { children, DerError, nodeBytes, parseDer, sequence, type DerNode } from '../der/der-read';
import { ctx, readBitString, readIntegerHex, readOctets, readOid, readSmallInteger, readTime, TAG } from '../der/der-values';
import { derNull, derOctets, derOid, derSequence } from '../der/der-write';
import { digest, digestByOid, type DigestName, sameBytes } from '../primitives/digest';
import { OID } from '../oids';
import { isIssuedBy, sameName, tryParseCertificate, verifySignedWith, type ParsedCertificate } from './cert-parse';
import { isOcspSigner, validAt } from './key-usage';
import type { RevocationAnswer } from './revocation-answer';

/** OCSP (RFC 6960): reading a basic response, judging it for one certificate, and building a request. */

interface SingleResponse {
  hash: DigestName | null;
  issuerNameHash: Uint8Array;
  issuerKeyHash: Uint8Array;
  serialHex: string;
  status: 'good' | 'revoked' | 'unknown';
  revokedAt: Date | null;
  thisUpdate: Date;
  nextUpdate: Date | null;
}

export interface ParsedOcspResponse {
  tbs: Uint8Array;
  signatureAlgorithm: string;
  signature: Uint8Array;
  producedAt: Date;
  certificates: Uint8Array[];
  responses: SingleResponse[];
}

function single(node: DerNode): SingleResponse {
  const [certId, status, thisUpdate, ...rest] = sequence(node, 'SingleResponse');
  const [algorithm, nameHash, keyHash, serial] = sequence(certId, 'CertID');
  if (!status) throw new DerError('no cert status');
  const next = rest.find((part) => part.tag === ctx(0));
  const revoked = status.tag === ctx(1) ? sequence(status, 'RevokedInfo', ctx(1)) : null;
  return {
    hash: digestByOid(readOid(sequence(algorithm, 'AlgorithmIdentifier')[0])),
    issuerNameHash: readOctets(nameHash),
    issuerKeyHash: readOctets(keyHash),
    serialHex: readIntegerHex(serial),
    status: status.tag === ctx(0, false) ? 'good' : revoked ? 'revoked' : 'unknown',
    revokedAt: revoked ? readTime(revoked[0]) : null,
    thisUpdate: readTime(thisUpdate),
    nextUpdate: next ? readTime(children(next)[0]) : null,
  };
}

/** Parses an OCSPResponse; anything but a successful basic response throws DerError. */
export function parseOcspResponse(der: Uint8Array): ParsedOcspResponse {
  const [status, bytes] = sequence(parseDer(der), 'OCSPResponse');
  if (readSmallInteger(status, TAG.enumerated) !== 0 || !bytes) throw new DerError('OCSP response not successful');
  const [type, response] = sequence(sequence(bytes, 'responseBytes', ctx(0))[0], 'ResponseBytes');
  if (readOid(type) !== OID.ocspBasic) throw new DerError('not a basic OCSP response');
  const [tbsNode, algorithm, signature, certs] = sequence(parseDer(readOctets(response)), 'BasicOCSPResponse');
  const data = sequence(tbsNode, 'ResponseData');
  const offset = data[0]?.tag === ctx(0) ? 1 : 0;
  const [, producedAt, responses] = data.slice(offset);
  return {
    tbs: nodeBytes(tbsNode!),
    signatureAlgorithm: readOid(sequence(algorithm, 'AlgorithmIdentifier')[0]),
    signature: readBitString(signature).bytes,
    producedAt: readTime(producedAt),
    certificates: certs?.tag === ctx(0) ? sequence(children(certs)[0], 'certs').map((cert) => nodeBytes(cert)) : [],
    responses: sequence(responses, 'responses').map(single),
  };
}

const certIdMatches = (entry: SingleResponse, certificate: ParsedCertificate, issuer: ParsedCertificate): boolean =>
  entry.hash !== null &&
  entry.serialHex === certificate.serialHex &&
  sameBytes(entry.issuerNameHash, digest(entry.hash, issuer.subject)) &&
  sameBytes(entry.issuerKeyHash, digest(entry.hash, issuer.publicKey));

/**
 * Who may sign: the issuer itself, or a responder it delegated to (issued by it, id-kp-OCSPSigning,
 * valid when the response was produced). The responder's own revocation is not checked (the test
 * and Vietnamese responders carry id-pkix-ocsp-nocheck, and a CA can only revoke it by its next CRL).
 */
function signedByAuthorised(response: ParsedOcspResponse, issuer: ParsedCertificate, extra: readonly ParsedCertificate[]): boolean {
  if (verifySignedWith(response.tbs, response.signatureAlgorithm, response.signature, issuer.spki)) return true;
  const candidates = [...response.certificates.map((der) => tryParseCertificate(der)).filter((c) => c !== null), ...extra];
  return candidates.some(
    (responder) =>
      sameName(responder.issuer, issuer.subject) &&
      isOcspSigner(responder) &&
      validAt(responder, response.producedAt) &&
      isIssuedBy(responder, issuer) &&
      verifySignedWith(response.tbs, response.signatureAlgorithm, response.signature, responder.spki),
  );
}

/** What an OCSP response says of `certificate` at `at` (same freshness rule as for CRLs); null if it is not about it. */
export function ocspAnswer(response: ParsedOcspResponse, certificate: ParsedCertificate, issuer: ParsedCertificate, at: Date, extra: readonly ParsedCertificate[] = []): RevocationAnswer | null {
  const entry = response.responses.find((candidate) => certIdMatches(candidate, certificate, issuer));
  if (!entry) return null;
  if (!signedByAuthorised(response, issuer, extra)) return { status: 'unusable', problem: 'ocsp-signature-invalid' };
  if (entry.status === 'revoked' && entry.revokedAt && entry.revokedAt.getTime() <= at.getTime()) return { status: 'revoked', revokedAt: entry.revokedAt };
  if (entry.status === 'unknown') return { status: 'unusable', problem: 'ocsp-status-unknown' };
  if ((entry.nextUpdate ?? entry.thisUpdate).getTime() < at.getTime()) return { status: 'unusable', problem: 'ocsp-stale' };
  // Revoked after `at`: the signature made before it still stands (see crl.ts).
  return { status: 'good', revokedAt: entry.revokedAt };
}

/** An unsigned OCSPRequest for one certificate, CertID over SHA-1 as every responder understands. */
export function buildOcspRequest(certificate: ParsedCertificate, issuer: ParsedCertificate): Uint8Array {
  const serial = parseDer(certificate.der);
  const tbs = sequence(serial, 'Certificate')[0]!;
  const fields = sequence(tbs, 'TBSCertificate');
  const serialNode = fields[0]?.tag === ctx(0) ? fields[1] : fields[0];
  const certId = derSequence(
    derSequence(derOid(OID.sha1), derNull()),
    derOctets(digest('sha1', issuer.subject)),
    derOctets(digest('sha1', issuer.publicKey)),
    nodeBytes(serialNode!),
  );
  return derSequence(derSequence(derSequence(derSequence(certId))));
}


import { children, DerError, nodeBytes, parseDer, sequence } from '../der/der-read';
import { readBitString, readIntegerHex, readOid, readText, readTime, toHex } from '../der/der-values';
import { concat } from '../der/der-write';
import { digest, rsaSignatureDigest, sameBytes } from '../primitives/digest';
import { verifyRsa } from '../primitives/rsa-verify';
import { readExtensions, type CertificateExtensions } from './cert-extensions';

/** An X.509 certificate read over its own bytes (the signed part kept as received). */
export interface ParsedCertificate extends CertificateExtensions {
  der: Uint8Array;
  tbs: Uint8Array;
  signatureAlgorithm: string;
  signature: Uint8Array;
  /** Lower-case hex, no leading zeros. */
  serialHex: string;
  /** Name DER, compared byte for byte when chaining. */
  issuer: Uint8Array;
  subject: Uint8Array;
  commonName: string;
  subjectText: string;
  issuerText: string;
  notBefore: Date;
  notAfter: Date;
  spki: Uint8Array;
  /** The subjectPublicKey BIT STRING contents (what an OCSP CertID's issuerKeyHash is over). */
  publicKey: Uint8Array;
}

const SHORT: Record<string, string> = { '2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.5': 'serialNumber', '0.9.2342.19200300.100.1.1': 'UID' };

/** A Name as "CN=…, O=…, C=…" (RFC 4514 order reversed to the certificate's own, as people read it). */
export function nameAttributes(name: Uint8Array): { type: string; value: string }[] {
  return sequence(parseDer(name), 'Name').flatMap((rdn) =>
    children(rdn).map((attribute) => {
      const [type, value] = sequence(attribute, 'AttributeTypeAndValue');
      if (!value) throw new DerError('attribute without a value');
      const oid = readOid(type);
      return { type: SHORT[oid] ?? oid, value: readText(value) };
    }),
  );
}

export const nameText = (name: Uint8Array): string => nameAttributes(name).map((a) => `${a.type}=${a.value}`).join(', ');

export function parseCertificate(der: Uint8Array): ParsedCertificate {
  const root = parseDer(der);
  const [tbsNode, algorithm, signatureNode] = sequence(root, 'Certificate');
  const tbs = sequence(tbsNode, 'TBSCertificate');
  const offset = tbs[0]?.tag === 0xa0 ? 1 : 0;
  const [serial, , issuerNode, validity, subjectNode, spkiNode] = tbs.slice(offset);
  if (!issuerNode || !subjectNode || !spkiNode) throw new DerError('short certificate');
  const [notBefore, notAfter] = sequence(validity, 'Validity');
  const issuer = nodeBytes(issuerNode);
  const subject = nodeBytes(subjectNode);
  const subjectAttributes = nameAttributes(subject);
  const extensions = readExtensions(tbs.slice(offset + 6).find((node) => node.tag === 0xa3));
  return {
    der: nodeBytes(root),
    tbs: nodeBytes(tbsNode!),
    signatureAlgorithm: readOid(sequence(algorithm, 'AlgorithmIdentifier')[0]),
    signature: readBitString(signatureNode).bytes,
    serialHex: readIntegerHex(serial),
    issuer,
    subject,
    commonName: subjectAttributes.find((a) => a.type === 'CN')?.value ?? '',
    subjectText: subjectAttributes.map((a) => `${a.type}=${a.value}`).join(', '),
    issuerText: nameText(issuer),
    notBefore: readTime(notBefore),
    notAfter: readTime(notAfter),
    spki: nodeBytes(spkiNode),
    publicKey: readBitString(sequence(spkiNode, 'SubjectPublicKeyInfo')[1]).bytes,
    ...extensions,
  };
}

export function tryParseCertificate(der: Uint8Array): ParsedCertificate | null {
  try {
    return parseCertificate(der);
  } catch {
    return null;
  }
}

/**
 * Verdicts already reached, keyed by a digest of everything the verdict depends on: a document with
 * several signers checks the same intermediate, root, CRL and OCSP signatures once each.
 */
const verified = new Map<string, boolean>();
const MAX_REMEMBERED = 512;

/** The issuer's RSA key verifies the signed part (PKCS#1 v1.5; RSASSA-PSS is refused). */
export function verifySignedWith(tbs: Uint8Array, algorithm: string, signature: Uint8Array, issuerSpki: Uint8Array): boolean {
  const digestName = rsaSignatureDigest(algorithm);
  if (digestName === null) return false;
  const key = `${algorithm}:${toHex(digest('sha256', concat([digest('sha256', tbs), digest('sha256', signature), digest('sha256', issuerSpki)])))}`;
  const known = verified.get(key);
  if (known !== undefined) return known;
  const result = verifyRsa(issuerSpki, digestName, tbs, signature);
  if (verified.size >= MAX_REMEMBERED) verified.delete(verified.keys().next().value!);
  verified.set(key, result);
  return result;
}

export function isIssuedBy(child: ParsedCertificate, issuer: ParsedCertificate): boolean {
  return sameName(child.issuer, issuer.subject) && verifySignedWith(child.tbs, child.signatureAlgorithm, child.signature, issuer.spki);
}

const normalise = (value: string): string => value.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Names are equal as encoded, or else attribute by attribute with case and spacing ignored
 * (RFC 5280 7.1, simplified): some writers re-encode a name with other string types (node-forge
 * writes C=VN as UTF8String where the CA wrote PrintableString).
 */
export function sameName(a: Uint8Array, b: Uint8Array): boolean {
  if (sameBytes(a, b)) return true;
  try {
    const left = nameAttributes(a);
    const right = nameAttributes(b);
    return left.length === right.length && left.every((attribute, i) => attribute.type === right[i]!.type && normalise(attribute.value) === normalise(right[i]!.value));
  } catch {
    return false;
  }
}

export const isSelfIssued = (certificate: ParsedCertificate): boolean => sameName(certificate.issuer, certificate.subject);


import { children, content, DerError, nodeBytes, parseDer, sequence, type DerNode } from './der/der-read';
import { ctx, readIntegerHex, readOctets, readOid, readTime, TAG } from './der/der-values';
import { digest, digestByOid, type DigestName, rsaSignatureDigest, sameBytes } from './primitives/digest';
import { verifyRsaDigest } from './primitives/rsa-verify';
import { OID } from './oids';
import { sameName, tryParseCertificate } from './trust/cert-parse';

/**
 * Reading a CMS SignedData (RFC 5652) as PDF signatures and RFC 3161 tokens carry it: pure, over
 * the original bytes. RSA PKCS#1 v1.5 only; RSASSA-PSS is refused ('rsassa-pss-unsupported')
 * as no Vietnamese CA issues it. Garbage gives `{ ok: false, problem }`, never an exception.
 */

export interface SignerInfoRead {
  /** The signer's certificate from the SignedData, matched by issuer+serial or subjectKeyIdentifier. */
  certificate: Uint8Array | null;
  /** How it was found; 'serial-only' when the SignerInfo's issuer name matched no certificate (see matchCertificate). */
  matchedBy: 'issuer-serial' | 'key-id' | 'serial-only' | null;
  digestAlgorithm: DigestName | null;
  digestAlgorithmOid: string;
  /** The signed attributes DER re-tagged as SET OF (what the signature is over); null if absent. */
  signedAttributes: Uint8Array | null;
  messageDigest: Uint8Array | null;
  contentType: string | null;
  signingTime: Date | null;
  signatureAlgorithm: string;
  signature: Uint8Array;
  /** id-aa-signatureTimeStampToken (1.2.840.113549.1.9.16.2.14), the token's ContentInfo DER. */
  signatureTimestampToken: Uint8Array | null;
  /** Every signed attribute (signing-certificate-v2 included), each value as DER. */
  signedAttributeList: { type: string; values: Uint8Array[] }[];
  /** Every unsigned attribute, each value as DER. */
  unsignedAttributes: { type: string; values: Uint8Array[] }[];
}

export interface SignedDataRead {
  /** The encapsulated content type (id-data for PDF signatures, id-ct-TSTInfo for time-stamps). */
  contentType: string;
  /** The encapsulated content, or null when detached. */
  content: Uint8Array | null;
  certificates: Uint8Array[];
  crls: Uint8Array[];
  signer: SignerInfoRead;
  /** A PDF signature has one SignerInfo; more are reported as a count, the first is read. */
  signerCount: number;
}

export type SignedDataResult = { ok: true; signed: SignedDataRead } | { ok: false; problem: string };

export interface SignerCheck {
  /** The messageDigest attribute (or, without signed attributes, the signature) matches the content. */
  digestMatches: boolean;
  /** The signature value verifies with the signer certificate's RSA key. */
  signatureValid: boolean;
  problems: string[];
}

interface Attribute {
  type: string;
  values: DerNode[];
}

function attributes(node: DerNode): Attribute[] {
  return children(node).map((attribute) => {
    const [type, values] = sequence(attribute, 'Attribute');
    return { type: readOid(type), values: sequence(values, 'AttributeValues', TAG.set) };
  });
}

const asDer = (attribute: Attribute) => ({ type: attribute.type, values: attribute.values.map((value) => nodeBytes(value)) });

function single(list: Attribute[], type: string): DerNode | null {
  const found = list.filter((attribute) => attribute.type === type);
  if (found.length > 1 || (found[0] && found[0].values.length !== 1)) throw new DerError(`attribute ${type} must appear once with one value`);
  return found[0]?.values[0] ?? null;
}

type SignerMatch = { certificate: Uint8Array | null; matchedBy: SignerInfoRead['matchedBy'] };

function matchCertificate(sid: DerNode, certificates: Uint8Array[]): SignerMatch {
  const parsed = certificates.map((der) => tryParseCertificate(der)).filter((c) => c !== null);
  if (sid.tag === TAG.sequence) {
    const [issuer, serial] = sequence(sid, 'IssuerAndSerialNumber');
    if (!issuer) throw new DerError('no issuer');
    const issuerDer = nodeBytes(issuer);
    const serialHex = readIntegerHex(serial);
    const exact = parsed.find((c) => c.serialHex === serialHex && sameName(c.issuer, issuerDer));
    if (exact) return { certificate: exact.der, matchedBy: 'issuer-serial' };
    // node-forge (behind @signpdf/signer-p12) writes a non-ASCII issuer name UTF-8-encoded twice,
    // so the app's own older signatures name their issuer wrongly; the one certificate with that
    // serial is taken, said so, and its key must still verify the signature.
    const bySerial = parsed.filter((c) => c.serialHex === serialHex);
    return bySerial.length === 1 ? { certificate: bySerial[0]!.der, matchedBy: 'serial-only' } : { certificate: null, matchedBy: null };
  }
  if (sid.tag === ctx(0, false)) {
    const keyId = content(sid);
    const found = parsed.find((c) => c.subjectKeyId && sameBytes(c.subjectKeyId, keyId));
    return { certificate: found?.der ?? null, matchedBy: found ? 'key-id' : null };
  }
  throw new DerError('bad signer identifier');
}

function readSignerInfo(node: DerNode, certificates: Uint8Array[]): SignerInfoRead {
  const parts = sequence(node, 'SignerInfo');
  const [, sid, digestAlgorithm] = parts;
  if (!sid) throw new DerError('short SignerInfo');
  let index = 3;
  const signedNode = parts[index]?.tag === ctx(0) ? parts[index++] : undefined;
  const signatureAlgorithm = readOid(sequence(parts[index++], 'signatureAlgorithm')[0]);
  const signature = readOctets(parts[index++]);
  const unsignedNode = parts[index]?.tag === ctx(1) ? parts[index] : undefined;
  const signed = signedNode ? attributes(signedNode) : [];
  const unsigned = unsignedNode ? attributes(unsignedNode) : [];
  let signedAttributes: Uint8Array | null = null;
  if (signedNode) {
    signedAttributes = nodeBytes(signedNode).slice();
    signedAttributes[0] = TAG.set;
  }
  const digestOid = readOid(sequence(digestAlgorithm, 'digestAlgorithm')[0]);
  const messageDigest = single(signed, OID.messageDigest);
  const contentType = single(signed, OID.contentType);
  const signingTime = single(signed, OID.signingTime);
  const token = single(unsigned, OID.signatureTimeStampToken);
  return {
    ...matchCertificate(sid, certificates),
    digestAlgorithm: digestByOid(digestOid),
    digestAlgorithmOid: digestOid,
    signedAttributes,
    messageDigest: messageDigest ? readOctets(messageDigest) : null,
    contentType: contentType ? readOid(contentType) : null,
    signingTime: signingTime ? readTime(signingTime) : null,
    signatureAlgorithm,
    signature,
    signatureTimestampToken: token ? nodeBytes(token) : null,
    signedAttributeList: signed.map(asDer),
    unsignedAttributes: unsigned.map(asDer),
  };
}

/** Certificates ([0]) and CRLs ([1]) sets: only plain X.509 certificates and CRLs (SEQUENCEs) are kept. */
const plainElements = (node: DerNode | undefined): Uint8Array[] => (node ? children(node).filter((item) => item.tag === TAG.sequence).map((item) => nodeBytes(item)) : []);

export function readSignedData(der: Uint8Array): SignedDataResult {
  try {
    const [type, explicit] = sequence(parseDer(der), 'ContentInfo');
    if (readOid(type) !== OID.signedData) return { ok: false, problem: 'not-signed-data' };
    const parts = sequence(sequence(explicit, 'content', ctx(0))[0], 'SignedData');
    const [, , encapsulated] = parts;
    const [eContentType, eContent] = sequence(encapsulated, 'EncapsulatedContentInfo');
    const certificates = plainElements(parts.find((part) => part.tag === ctx(0)));
    const crls = plainElements(parts.find((part) => part.tag === ctx(1)));
    const signerInfos = sequence(parts[parts.length - 1], 'SignerInfos', TAG.set);
    if (signerInfos.length === 0) return { ok: false, problem: 'no-signer-info' };
    return {
      ok: true,
      signed: {
        contentType: readOid(eContentType),
        content: eContent ? readOctets(sequence(eContent, 'eContent', ctx(0))[0]) : null,
        certificates,
        crls,
        signer: readSignerInfo(signerInfos[0]!, certificates),
        signerCount: signerInfos.length,
      },
    };
  } catch (error) {
    return { ok: false, problem: error instanceof DerError ? `cms-malformed: ${error.message}` : 'cms-malformed' };
  }
}

/** The digest the signature algorithm implies, or a problem (PSS, unknown, or disagreeing with digestAlgorithm). */
function signatureDigest(signer: SignerInfoRead): DigestName | string {
  if (signer.signatureAlgorithm === OID.rsassaPss) return 'rsassa-pss-unsupported';
  if (!signer.digestAlgorithm) return `digest-unsupported:${signer.digestAlgorithmOid}`;
  if (signer.signatureAlgorithm === OID.rsaEncryption) return signer.digestAlgorithm;
  const implied = rsaSignatureDigest(signer.signatureAlgorithm);
  if (!implied) return `signature-algorithm-unsupported:${signer.signatureAlgorithm}`;
  return implied === signer.digestAlgorithm ? implied : 'signature-digest-mismatch';
}

/**
 * Checks the signer: `contentDigest` is the digest of the detached content (a PDF's byte ranges)
 * made with `signed.signer.digestAlgorithm`; without it the encapsulated content is digested.
 */
export function verifySignerInfo(signed: SignedDataRead, contentDigest?: Uint8Array): SignerCheck {
  const problems: string[] = [];
  try {
    const { signer } = signed;
    const name = signatureDigest(signer);
    if (name !== 'sha1' && name !== 'sha256' && name !== 'sha384' && name !== 'sha512') return { digestMatches: false, signatureValid: false, problems: [name] };
    const expected = contentDigest ?? (signed.content ? digest(name, signed.content) : null);
    if (!expected) problems.push('no-content');
    const certificate = signer.certificate ? tryParseCertificate(signer.certificate) : null;
    if (!certificate) problems.push('signer-certificate-missing');
    if (!signer.signedAttributes) {
      const valid = !!expected && !!certificate && verifyRsaDigest(certificate.spki, name, expected, signer.signature);
      return { digestMatches: valid, signatureValid: valid, problems };
    }
    // RFC 5652 5.3: the content-type attribute must name the encapsulated content's type.
    const typeMatches = signer.contentType === signed.contentType;
    if (!typeMatches) problems.push('content-type-attribute-mismatch');
    const digestEqual = !!expected && !!signer.messageDigest && sameBytes(signer.messageDigest, expected);
    if (!digestEqual && expected) problems.push('message-digest-mismatch');
    const digestMatches = digestEqual && typeMatches;
    const signatureValid = !!certificate && verifyRsaDigest(certificate.spki, name, digest(name, signer.signedAttributes), signer.signature);
    if (!signatureValid && certificate) problems.push('signature-invalid');
    return { digestMatches, signatureValid, problems };
  } catch {
    return { digestMatches: false, signatureValid: false, problems: ['cms-malformed'] };
  }
}

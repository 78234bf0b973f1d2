import { sha256 } from '@noble/hashes/sha2.js';
import forge from 'node-forge';

/** Why a signed PDF is not accepted; each has a Vietnamese message in the UI. */
export type VerifyProblem =
  | 'not-pdf'
  | 'no-signature'
  | 'several-signatures'
  | 'byte-range'
  | 'appended'
  | 'cms-unreadable'
  | 'digest-mismatch'
  | 'signature-invalid'
  | 'certificate-not-valid-at-signing'
  | 'untrusted';

export interface SignerDetails {
  commonName: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  signingTime: string | null;
}

export interface VerifyResult {
  /** The signature is intact and covers the whole file; with trusted CAs given, the signer chains to one. */
  ok: boolean;
  problems: VerifyProblem[];
  signer: SignerDetails | null;
  /** SHA-256 of the whole file, hex. */
  fileSha256: string;
  trusted: boolean | null;
}

const latin1 = new TextDecoder('latin1');

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function nameOf(attrs: forge.pki.CertificateField[]): string {
  return attrs.map((a) => `${a.shortName ?? a.name}=${String(a.value)}`).join(', ');
}

function findAttribute(attrs: forge.asn1.Asn1[], oid: string): forge.asn1.Asn1 | undefined {
  return attrs.find((a) => Array.isArray(a.value) && forge.asn1.derToOid((a.value[0] as forge.asn1.Asn1).value as string) === oid);
}

function attributeValue(attr: forge.asn1.Asn1 | undefined): forge.asn1.Asn1 | undefined {
  const set = attr && (attr.value as forge.asn1.Asn1[])[1];
  return set ? (set.value as forge.asn1.Asn1[])[0] : undefined;
}

interface SignatureField {
  range: [number, number, number, number];
  contents: string;
}

/** Every /ByteRange with its /Contents hex, as written in the file. */
function signatureFields(text: string): SignatureField[] | null {
  const fields: SignatureField[] = [];
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const range = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as [number, number, number, number];
    const hole = text.slice(range[0] + range[1], range[2]);
    const contents = /^<([0-9A-Fa-f\s]*)>$/.exec(hole);
    if (!contents) return null;
    fields.push({ range, contents: contents[1]!.replace(/\s/g, '') });
  }
  return fields;
}

/**
 * Checks a signed PDF the way a court clerk would want it checked: exactly one signature; its
 * byte range starts at the first byte, skips only the signature and ends at the last byte (nothing
 * appended after signing); the CMS digest matches the signed bytes; the signature over the signed
 * attributes verifies with the signer's key; the certificate was valid at signing time; and, if a
 * list of trusted CA certificates (PEM) is given, the signer chains to one of them.
 */
export function verifySignedPdf(pdf: Uint8Array, trustedCaPems: readonly string[] = []): VerifyResult {
  const fileSha256 = hex(sha256(pdf));
  const result = (problems: VerifyProblem[], signer: SignerDetails | null = null, trusted: boolean | null = null): VerifyResult => ({
    ok: problems.length === 0,
    problems,
    signer,
    fileSha256,
    trusted,
  });
  const text = latin1.decode(pdf);
  if (!text.startsWith('%PDF-')) return result(['not-pdf']);
  const fields = signatureFields(text);
  if (fields === null) return result(['byte-range']);
  if (fields.length === 0) return result(['no-signature']);
  if (fields.length > 1) return result(['several-signatures']);
  const { range, contents } = fields[0]!;
  const [a, b, c, d] = range;
  const problems: VerifyProblem[] = [];
  if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length) return result(['byte-range']);
  if (c + d !== pdf.length) problems.push('appended');

  let message: forge.pkcs7.PkcsSignedData & { rawCapture: Record<string, unknown> };
  try {
    // The placeholder is padded with zeros after the DER: parse one value and ignore the rest.
    const der = forge.util.hexToBytes(contents);
    message = forge.pkcs7.messageFromAsn1(forge.asn1.fromDer(der, { parseAllBytes: false } as never)) as typeof message;
  } catch {
    return result([...problems, 'cms-unreadable']);
  }
  const capture = message.rawCapture as {
    signature?: string;
    digestAlgorithm?: string;
    authenticatedAttributes?: forge.asn1.Asn1[];
    serial?: string;
  };
  const certificates = message.certificates ?? [];
  const signerCert = certificates.find((cert) => capture.serial !== undefined && cert.serialNumber === forge.util.bytesToHex(capture.serial)) ?? certificates[0];
  if (!signerCert || !capture.signature || !capture.authenticatedAttributes || !capture.digestAlgorithm) return result([...problems, 'cms-unreadable']);

  const attrs = capture.authenticatedAttributes;
  const digestAttr = attributeValue(findAttribute(attrs, forge.pki.oids['messageDigest']!));
  const timeAttr = attributeValue(findAttribute(attrs, forge.pki.oids['signingTime']!));
  const signingTime = timeAttr ? (timeAttr.type === forge.asn1.Type.UTCTIME ? forge.asn1.utcTimeToDate(timeAttr.value as string) : forge.asn1.generalizedTimeToDate(timeAttr.value as string)) : null;
  const cn = signerCert.subject.getField('CN') as { value: string } | null;
  const signer: SignerDetails = {
    commonName: cn?.value ?? '',
    subject: nameOf(signerCert.subject.attributes),
    issuer: nameOf(signerCert.issuer.attributes),
    serialNumber: signerCert.serialNumber,
    notBefore: signerCert.validity.notBefore.toISOString(),
    notAfter: signerCert.validity.notAfter.toISOString(),
    signingTime: signingTime ? signingTime.toISOString() : null,
  };

  const algorithm = forge.pki.oids[forge.asn1.derToOid(capture.digestAlgorithm)];
  if (algorithm !== 'sha256') return result([...problems, 'cms-unreadable'], signer);
  const signed = new Uint8Array(b + d);
  signed.set(pdf.subarray(0, b), 0);
  signed.set(pdf.subarray(c, c + d), b);
  const documentDigest = sha256(signed);
  if (!digestAttr || hex(documentDigest) !== forge.util.bytesToHex(digestAttr.value as string)) problems.push('digest-mismatch');

  const attrSet = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attrs);
  const attrDigest = forge.md.sha256.create().update(forge.asn1.toDer(attrSet).getBytes()).digest().getBytes();
  let signatureOk: boolean;
  try {
    signatureOk = (signerCert.publicKey as forge.pki.rsa.PublicKey).verify(attrDigest, capture.signature);
  } catch {
    signatureOk = false;
  }
  if (!signatureOk) problems.push('signature-invalid');
  if (signingTime && (signingTime < signerCert.validity.notBefore || signingTime > signerCert.validity.notAfter)) problems.push('certificate-not-valid-at-signing');

  let trusted: boolean | null = null;
  if (trustedCaPems.length > 0) {
    try {
      const store = forge.pki.createCaStore(trustedCaPems.map((p) => forge.pki.certificateFromPem(p)));
      const chain = [signerCert, ...certificates.filter((cert) => cert !== signerCert && !cert.isIssuer(cert))];
      trusted = forge.pki.verifyCertificateChain(store, chain, { validityCheckDate: signingTime ?? undefined } as never);
    } catch {
      trusted = false;
    }
    if (!trusted) problems.push('untrusted');
  }
  return result(problems, signer, trusted);
}

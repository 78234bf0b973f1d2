import { sha256 } from '@noble/hashes/sha2.js';
import { readSignedData, verifySignerInfo } from './cms-read';
import { essCertificateBinding } from './ess-certificate';
import { sameBytes } from './primitives/digest';
import type { CoveredDigest } from './range-digests';
import { PdfFile } from './pdf-file';
import { signatureFields } from './signature-fields';
import { parseCertificate } from './trust/cert-parse';
import { readTimestampToken } from './trust/timestamp-token';
import type { CertificateSummary } from './verdict';

/**
 * The PDF-facing reading of a signature's CMS: what the verifier needs from a CAdES signature or a
 * time-stamp token, over the bytes the signature covers. The CMS itself is read by cms-read.ts.
 */
export interface SignatureValue {
  certificate: Uint8Array | null;
  certificates: Uint8Array[];
  digestMatches: boolean;
  signatureValid: boolean;
  /** The signed signingCertificate(V2) attribute names another certificate than the one that verifies. */
  certificateSwapped: boolean;
  signatureValue: Uint8Array;
  timestampToken: Uint8Array | null;
}

export interface TimestampValue {
  time: string;
  intact: boolean;
  certificate: Uint8Array | null;
  certificates: Uint8Array[];
}

/** The /Contents hole is zero-padded after the DER: keep just the one value. */
export function trimDer(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < 2 || bytes[0] !== 0x30) return null;
  let length = bytes[1]!;
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count < 1 || count > 4 || bytes.length < 2 + count) return null;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[2 + i]!;
    header += count;
  }
  return header + length <= bytes.length ? bytes.subarray(0, header + length) : null;
}

export function readSignatureValue(contents: Uint8Array, covered: CoveredDigest): SignatureValue | null {
  const der = trimDer(contents);
  if (!der) return null;
  const read = readSignedData(der);
  if (!read.ok) return null;
  const { signed } = read;
  const algorithm = signed.signer.digestAlgorithm;
  const check = algorithm ? verifySignerInfo(signed, covered(algorithm)) : { digestMatches: false, signatureValid: false };
  return {
    certificate: signed.signer.certificate,
    certificates: signed.certificates,
    digestMatches: check.digestMatches,
    signatureValid: check.signatureValid,
    certificateSwapped: essCertificateBinding(signed.signer) === 'mismatch',
    signatureValue: signed.signer.signature,
    timestampToken: signed.signer.signatureTimestampToken,
  };
}

/** A time-stamp token checked against the data it should vouch for (its imprint's own hash of it). */
export function readTimestamp(contents: Uint8Array, data: CoveredDigest): TimestampValue | null {
  const der = trimDer(contents);
  if (!der) return null;
  const read = readTimestampToken(der);
  if (!read.ok) return null;
  const { token } = read;
  const imprintOk = !!token.imprint.algorithm && sameBytes(data(token.imprint.algorithm), token.imprint.digest);
  return { time: token.genTime.toISOString(), intact: token.intact && imprintOk, certificate: token.tsaCertificate, certificates: token.certificates };
}

export function summarizeCertificate(der: Uint8Array): CertificateSummary {
  const cert = parseCertificate(der);
  return {
    commonName: cert.commonName,
    subject: cert.subjectText,
    issuer: cert.issuerText,
    serialNumber: cert.serialHex,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    sha256Fingerprint: Array.from(sha256(der), (b) => b.toString(16).padStart(2, '0')).join(''),
  };
}

export const summarize = (der: Uint8Array): CertificateSummary | null => {
  try {
    return summarizeCertificate(der);
  } catch {
    return null;
  }
};

/** Every signer's and TSA's certificate in a PDF with the certificates their CMS carries: what revocation must be asked for. */
export function signerCertificates(pdf: Uint8Array): Array<{ certificate: Uint8Array; certificates: Uint8Array[] }> {
  let file: PdfFile;
  try {
    file = PdfFile.read(pdf);
  } catch {
    return [];
  }
  const out: Array<{ certificate: Uint8Array; certificates: Uint8Array[] }> = [];
  for (const field of signatureFields(file)) {
    const der = field.contents && trimDer(field.contents);
    if (!der) continue;
    const read = readSignedData(der);
    if (!read.ok) continue;
    const { signed } = read;
    if (signed.signer.certificate) out.push({ certificate: signed.signer.certificate, certificates: signed.certificates });
    const token = signed.signer.signatureTimestampToken;
    const stamped = token ? readSignedData(token) : null;
    if (stamped?.ok && stamped.signed.signer.certificate) out.push({ certificate: stamped.signed.signer.certificate, certificates: stamped.signed.certificates });
  }
  return out;
}

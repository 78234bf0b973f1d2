import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import type { CertificateSummary } from '../../../shared/pdf-signature/verdict';

const KEY_USAGE_OID = '2.5.29.15';
/** Bits 0 and 1 of KeyUsage, counted from the most significant bit of the first byte (RFC 5280). */
const DIGITAL_SIGNATURE = 0x80;
const NON_REPUDIATION = 0x40;

/** A certificate read from a token, parsed once; null when the bytes are not an X.509 certificate. */
export interface ParsedCertificate {
  x509: X509Certificate;
  summary: CertificateSummary;
  isRsa: boolean;
  isCa: boolean;
  /** keyUsage is present and has digitalSignature or nonRepudiation. */
  signingKeyUsage: boolean;
}

function commonNameOf(distinguishedName: string): string {
  const line = distinguishedName.split('\n').find((part) => part.startsWith('CN='));
  return line ? line.slice(3) : '';
}

/**
 * The keyUsage bits, read from the DER with a plain ASN.1 walk (node:crypto does not expose
 * them, and forge's certificate parser refuses non-RSA keys, which a token may also hold).
 * Null when the certificate has no keyUsage extension.
 */
export function keyUsageByte(der: Uint8Array): number | null {
  const root = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(der).toString('binary')));
  const tbs = (root.value as forge.asn1.Asn1[])[0];
  const explicitExtensions = (tbs?.value as forge.asn1.Asn1[] | undefined)?.find(
    (node) => node.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && node.type === 3,
  );
  const extensions = (explicitExtensions?.value as forge.asn1.Asn1[] | undefined)?.[0]?.value as forge.asn1.Asn1[] | undefined;
  for (const extension of extensions ?? []) {
    const parts = extension.value as forge.asn1.Asn1[];
    if (forge.asn1.derToOid(parts[0]!.value as string) !== KEY_USAGE_OID) continue;
    const octets = parts[parts.length - 1]!.value as string;
    const bitString = forge.asn1.fromDer(forge.util.createBuffer(octets));
    const bytes = bitString.value as string;
    // The first content byte counts the unused bits; the usage bits follow.
    return bytes.length > 1 ? bytes.charCodeAt(1) : 0;
  }
  return null;
}

export function parseCertificate(der: Uint8Array): ParsedCertificate | null {
  let x509: X509Certificate;
  let usage: number | null;
  try {
    x509 = new X509Certificate(der);
    usage = keyUsageByte(der);
  } catch {
    return null;
  }
  const summary: CertificateSummary = {
    commonName: commonNameOf(x509.subject),
    subject: x509.subject.split('\n').join(', '),
    issuer: x509.issuer.split('\n').join(', '),
    serialNumber: x509.serialNumber.toLowerCase(),
    notBefore: new Date(x509.validFrom).toISOString(),
    notAfter: new Date(x509.validTo).toISOString(),
    sha256Fingerprint: x509.fingerprint256.replaceAll(':', '').toLowerCase(),
  };
  return {
    x509,
    summary,
    isRsa: x509.publicKey.asymmetricKeyType === 'rsa',
    isCa: x509.ca,
    signingKeyUsage: usage !== null && (usage & (DIGITAL_SIGNATURE | NON_REPUDIATION)) !== 0,
  };
}

/** A signer's certificate: RSA, not a CA, and keyUsage allows signing (digitalSignature or nonRepudiation). */
export function canSign(parsed: ParsedCertificate): boolean {
  return parsed.isRsa && !parsed.isCa && parsed.signingKeyUsage;
}

export function isValidAt(parsed: ParsedCertificate, now: Date): boolean {
  return now.getTime() >= Date.parse(parsed.summary.notBefore) && now.getTime() <= Date.parse(parsed.summary.notAfter);
}

/**
 * The issuers above the signer among the token's certificates, nearest first, without the
 * self-signed root (the verifier takes roots from its trust folder, not from the signer).
 */
export function issuerChain(signer: ParsedCertificate, others: readonly { der: Uint8Array; parsed: ParsedCertificate }[]): Uint8Array[] {
  const chain: Uint8Array[] = [];
  let current = signer.x509;
  for (let depth = 0; depth < 8; depth += 1) {
    const issuer = others.find((o) => o.parsed.isCa && current.checkIssued(o.parsed.x509) && current.verify(o.parsed.x509.publicKey));
    if (!issuer || issuer.parsed.x509.checkIssued(issuer.parsed.x509) || chain.includes(issuer.der)) break;
    chain.push(issuer.der);
    current = issuer.parsed.x509;
  }
  return chain;
}

import { sha256 } from '@noble/hashes/sha2.js';
import forge from 'node-forge';
import type { ExternalSigner } from './external-signer';

/**
 * A detached CAdES signature (CMS SignedData) for PAdES: signed attributes contentType,
 * messageDigest and signingCertificateV2 (no signingTime — PAdES puts the claimed time in /M), the
 * signature value from the external signer, and optionally the RFC 3161 token over that value as
 * the unsigned signatureTimeStampToken attribute.
 */
const { asn1 } = forge;
const T = asn1.Type;
const UNIVERSAL = asn1.Class.UNIVERSAL;
const CONTEXT = asn1.Class.CONTEXT_SPECIFIC;

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
} as const;

export const toBinary = (bytes: Uint8Array): string => {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
};
export const fromBinary = (text: string): Uint8Array => {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
};
export const derOf = (node: forge.asn1.Asn1): Uint8Array => fromBinary(asn1.toDer(node).getBytes());
export const parseDer = (bytes: Uint8Array): forge.asn1.Asn1 => asn1.fromDer(forge.util.createBuffer(toBinary(bytes)), { strict: true, parseAllBytes: true } as never);

const oid = (value: string) => asn1.create(UNIVERSAL, T.OID, false, asn1.oidToDer(value).getBytes());
const seq = (items: forge.asn1.Asn1[]) => asn1.create(UNIVERSAL, T.SEQUENCE, true, items);
const set = (items: forge.asn1.Asn1[]) => asn1.create(UNIVERSAL, T.SET, true, items);
const octets = (bytes: Uint8Array) => asn1.create(UNIVERSAL, T.OCTETSTRING, false, toBinary(bytes));
const integer = (n: number) => asn1.create(UNIVERSAL, T.INTEGER, false, asn1.integerToDer(n).getBytes());
const algorithm = (id: string, nullParams = true) => seq(nullParams ? [oid(id), asn1.create(UNIVERSAL, T.NULL, false, '')] : [oid(id)]);
const attribute = (id: string, value: forge.asn1.Asn1) => seq([oid(id), set([value])]);

/** The issuer name and serial number of a certificate, as its own DER has them. */
export function issuerAndSerial(certificate: forge.asn1.Asn1): forge.asn1.Asn1 {
  const tbs = (certificate.value as forge.asn1.Asn1[])[0]!;
  const fields = tbs.value as forge.asn1.Asn1[];
  const at = fields[0]!.tagClass === CONTEXT ? 1 : 0;
  return seq([fields[at + 2]!, fields[at]!]);
}

export interface CadesParts {
  /** The DER of the signed attributes as a SET: what the signer signs. */
  toBeSigned: Uint8Array;
  assemble(signature: Uint8Array, timestampToken?: Uint8Array | null): Uint8Array;
}

/** Prepares the signed attributes over the digest of the covered bytes. */
export function prepareCades(contentSha256: Uint8Array, certificate: Uint8Array, chain: readonly Uint8Array[]): CadesParts {
  const certAsn1 = parseDer(certificate);
  const essCertId = seq([octets(sha256(certificate))]);
  const signedAttrs = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(contentSha256)),
    attribute(OID.signingCertificateV2, seq([seq([essCertId])])),
  ];
  // DER sorts SET OF by encoding; forge does not, so sort here: the signature is over this order.
  signedAttrs.sort((a, b) => compareBytes(derOf(a), derOf(b)));
  const toBeSigned = derOf(set(signedAttrs));
  return {
    toBeSigned,
    assemble(signature, timestampToken) {
      const signerInfo = [
        integer(1),
        issuerAndSerial(certAsn1),
        algorithm(OID.sha256),
        asn1.create(CONTEXT, 0, true, signedAttrs),
        algorithm(OID.rsaEncryption),
        asn1.create(UNIVERSAL, T.OCTETSTRING, false, toBinary(signature)),
      ];
      if (timestampToken) signerInfo.push(asn1.create(CONTEXT, 1, true, [attribute(OID.signatureTimeStampToken, parseDer(timestampToken))]));
      const certificates = [certAsn1, ...chain.filter((c) => compareBytes(c, certificate) !== 0).map(parseDer)];
      const signedData = seq([
        integer(1),
        set([algorithm(OID.sha256)]),
        seq([oid(OID.data)]),
        asn1.create(CONTEXT, 0, true, certificates),
        set([seq(signerInfo)]),
      ]);
      return derOf(seq([oid(OID.signedData), asn1.create(CONTEXT, 0, true, [signedData])]));
    },
  };
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Signs the covered bytes' digest with the external signer; the time-stamp, if any, is fetched by the caller's hook. */
export async function buildCades(
  contentSha256: Uint8Array,
  signer: ExternalSigner,
  timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array | null>,
): Promise<{ cms: Uint8Array; signature: Uint8Array; timestamped: boolean }> {
  const parts = prepareCades(contentSha256, signer.certificate, signer.chain);
  const signature = await signer.signSha256Rsa(parts.toBeSigned);
  const token = timestamp ? await timestamp(signature) : null;
  return { cms: parts.assemble(signature, token), signature, timestamped: !!token };
}

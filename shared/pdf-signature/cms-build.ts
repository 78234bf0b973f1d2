import { sha256 } from '@noble/hashes/sha2.js';
import { nodeBytes, parseDer, sequence } from './der/der-read';
import { concat, derNull, derOctets, derOid, derSequence, derSmallInteger, tlv } from './der/der-write';
import type { ExternalSigner } from './external-signer';
import { OID } from './oids';

/**
 * A detached CAdES signature (CMS SignedData) for PAdES: signed attributes contentType,
 * messageDigest and signingCertificateV2 (no signingTime — PAdES puts the claimed time in /M), the
 * signature value from the external signer, and optionally the RFC 3161 token over that value as
 * the unsigned signatureTimeStampToken attribute.
 */
const SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
const derSet = (parts: Uint8Array[]) => tlv(0x31, concat(parts));
const algorithm = (oid: string) => derSequence(derOid(oid), derNull());
const attribute = (oid: string, value: Uint8Array) => derSequence(derOid(oid), derSet([value]));

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** The issuer name and serial number of a certificate, as its own DER has them. */
export function issuerAndSerial(certificate: Uint8Array): Uint8Array {
  const tbs = sequence(sequence(parseDer(certificate), 'Certificate')[0], 'TBSCertificate');
  const at = tbs[0]?.tag === 0xa0 ? 1 : 0;
  return derSequence(nodeBytes(tbs[at + 2]!), nodeBytes(tbs[at]!));
}

export interface CadesParts {
  /** The DER of the signed attributes as a SET: what the signer signs. */
  toBeSigned: Uint8Array;
  assemble(signature: Uint8Array, timestampToken?: Uint8Array | null): Uint8Array;
}

/** Prepares the signed attributes over the digest of the covered bytes. */
export function prepareCades(contentSha256: Uint8Array, certificate: Uint8Array, chain: readonly Uint8Array[]): CadesParts {
  const essCertIdV2 = derSequence(derOctets(sha256(certificate)));
  // DER orders a SET OF by the encodings; the signature is over this order.
  const signedAttrs = [
    attribute(OID.contentType, derOid(OID.data)),
    attribute(OID.messageDigest, derOctets(contentSha256)),
    attribute(SIGNING_CERTIFICATE_V2, derSequence(derSequence(essCertIdV2))),
  ].sort(compareBytes);
  const toBeSigned = derSet(signedAttrs);
  return {
    toBeSigned,
    assemble(signature, timestampToken) {
      const signerInfo = [
        derSmallInteger(1),
        issuerAndSerial(certificate),
        algorithm(OID.sha256),
        tlv(0xa0, concat(signedAttrs)),
        algorithm(OID.rsaEncryption),
        derOctets(signature),
      ];
      if (timestampToken) signerInfo.push(tlv(0xa1, attribute(OID.signatureTimeStampToken, timestampToken)));
      const certificates = [certificate, ...chain.filter((c) => compareBytes(c, certificate) !== 0)];
      const signedData = derSequence(
        derSmallInteger(1),
        derSet([algorithm(OID.sha256)]),
        derSequence(derOid(OID.data)),
        tlv(0xa0, concat(certificates)),
        derSet([derSequence(...signerInfo)]),
      );
      return derSequence(derOid(OID.signedData), tlv(0xa0, signedData));
    },
  };
}

/** Signs the covered bytes' digest with the external signer; the time-stamp, if any, comes from the caller's hook. */
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

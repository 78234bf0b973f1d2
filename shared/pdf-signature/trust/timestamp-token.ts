import { readSignedData, verifySignerInfo } from '../cms-read';
import { DerError, parseDer, sequence } from '../der/der-read';
import { essCertificateBinding } from '../ess-certificate';
import { readIntegerHex, readOctets, readOid, readTime, TAG } from '../der/der-values';
import { digest, digestByOid, type DigestName, sameBytes } from '../primitives/digest';
import { OID } from '../oids';

/** An RFC 3161 TimeStampToken (a CMS SignedData over a TSTInfo), read and checked for integrity. */
export interface TimestampTokenRead {
  genTime: Date;
  policy: string;
  serialHex: string;
  imprint: { algorithm: DigestName | null; algorithmOid: string; digest: Uint8Array };
  /** Lower-case hex without leading zeros, as the request's nonce is compared; null when absent. */
  nonce: string | null;
  /** Every certificate the token carries, DER. */
  certificates: Uint8Array[];
  /** The TSA's certificate (the SignerInfo's), DER; null when the token does not carry it. */
  tsaCertificate: Uint8Array | null;
  /** The CMS signature verifies with the TSA certificate, its messageDigest is the TSTInfo's, and the ESS attribute does not name another certificate. */
  intact: boolean;
  problems: string[];
}

export type TimestampTokenResult = { ok: true; token: TimestampTokenRead } | { ok: false; problem: string };

export function readTimestampToken(der: Uint8Array): TimestampTokenResult {
  const read = readSignedData(der);
  if (!read.ok) return read;
  const { signed } = read;
  if (signed.contentType !== OID.tstInfo || !signed.content) return { ok: false, problem: 'not-a-timestamp-token' };
  try {
    const fields = sequence(parseDer(signed.content), 'TSTInfo');
    const [, policy, imprint, serial, genTime] = fields;
    const [algorithm, hashed] = sequence(imprint, 'MessageImprint');
    const algorithmOid = readOid(sequence(algorithm, 'AlgorithmIdentifier')[0]);
    const nonce = fields.slice(5).find((field) => field.tag === TAG.integer);
    const check = verifySignerInfo(signed);
    const problems = [...check.problems];
    if (signed.signerCount !== 1) problems.push('timestamp-signer-count');
    // RFC 3161 2.4.1: the token names the TSA certificate by hash; one naming another certificate is not intact.
    const binding = essCertificateBinding(signed.signer);
    if (binding !== 'bound') problems.push(`tsa-certificate-${binding}`);
    return {
      ok: true,
      token: {
        genTime: readTime(genTime),
        policy: readOid(policy),
        serialHex: readIntegerHex(serial),
        imprint: { algorithm: digestByOid(algorithmOid), algorithmOid, digest: readOctets(hashed) },
        nonce: nonce ? readIntegerHex(nonce) : null,
        certificates: signed.certificates,
        tsaCertificate: signed.signer.certificate,
        intact: check.digestMatches && check.signatureValid && signed.signerCount === 1 && binding !== 'mismatch',
        problems,
      },
    };
  } catch (error) {
    return { ok: false, problem: error instanceof DerError ? `tstinfo-malformed: ${error.message}` : 'tstinfo-malformed' };
  }
}

/** The token's message imprint is the digest of `data` (a signature value, or a document's byte ranges). */
export function imprintMatches(token: TimestampTokenRead, data: Uint8Array): boolean {
  return token.imprint.algorithm !== null && sameBytes(token.imprint.digest, digest(token.imprint.algorithm, data));
}

import { parseDer, sequence } from './der/der-read';
import { readOctets, readOid, TAG } from './der/der-values';
import { digest, digestByOid, type DigestName, sameBytes } from './primitives/digest';
import type { SignerInfoRead } from './cms-read';

/**
 * ESS signing-certificate binding (RFC 2634 / RFC 5035): the signed attributes name the signer's
 * certificate by its hash, so the certificate cannot be swapped for another with the same key.
 * RFC 3161 tokens and CAdES signatures carry one (v2 with SHA-256, or v1 with SHA-1).
 */
const SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12';
const SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';

export type EssBinding = 'bound' | 'mismatch' | 'absent';

export function essCertificateBinding(signer: SignerInfoRead): EssBinding {
  if (!signer.certificate) return 'absent';
  const attribute = signer.signedAttributeList.find((item) => item.type === SIGNING_CERTIFICATE_V2 || item.type === SIGNING_CERTIFICATE);
  const value = attribute?.values[0];
  if (!attribute || !value) return 'absent';
  try {
    const first = sequence(sequence(parseDer(value), 'SigningCertificate')[0], 'certs')[0];
    const fields = sequence(first, 'ESSCertID');
    let name: DigestName = attribute.type === SIGNING_CERTIFICATE ? 'sha1' : 'sha256';
    let hash = fields[0];
    if (attribute.type === SIGNING_CERTIFICATE_V2 && fields[0]?.tag === TAG.sequence) {
      const algorithm = digestByOid(readOid(sequence(fields[0], 'hashAlgorithm')[0]));
      if (!algorithm) return 'mismatch';
      name = algorithm;
      hash = fields[1];
    }
    return sameBytes(readOctets(hash), digest(name, signer.certificate)) ? 'bound' : 'mismatch';
  } catch {
    return 'mismatch';
  }
}

import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { OID } from '../oids';

export type DigestName = 'sha1' | 'sha256' | 'sha384' | 'sha512';

const BY_OID: Record<string, DigestName> = { [OID.sha1]: 'sha1', [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512' };

/** The RSA PKCS#1 v1.5 signature algorithms and the digest each one uses. */
const RSA_WITH: Record<string, DigestName> = {
  [OID.sha1WithRsa]: 'sha1',
  [OID.sha256WithRsa]: 'sha256',
  [OID.sha384WithRsa]: 'sha384',
  [OID.sha512WithRsa]: 'sha512',
};

export const DIGEST_OID: Record<DigestName, string> = { sha1: OID.sha1, sha256: OID.sha256, sha384: OID.sha384, sha512: OID.sha512 };

export function digestByOid(oid: string): DigestName | null {
  return BY_OID[oid] ?? null;
}

export function rsaSignatureDigest(oid: string): DigestName | null {
  return RSA_WITH[oid] ?? null;
}

export function digest(name: DigestName, data: Uint8Array): Uint8Array {
  switch (name) {
    case 'sha1':
      return sha1(data);
    case 'sha256':
      return sha256(data);
    case 'sha384':
      return sha384(data);
    case 'sha512':
      return sha512(data);
  }
}

/** The digest of several pieces as if they were one (a PDF signature's two byte ranges). */
export function digestParts(name: DigestName, parts: readonly Uint8Array[]): Uint8Array {
  const hash = { sha1, sha256, sha384, sha512 }[name].create();
  for (const part of parts) hash.update(part);
  return hash.digest();
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

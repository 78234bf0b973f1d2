import { createHash } from 'node:crypto';
import type { PKCS11 } from 'pkcs11js';
import { SigningError } from '../certificate';
import { CKM_RSA_PKCS, CKM_SHA256_RSA_PKCS, CKR } from './cryptoki';
import { ckrOf } from './pkcs11-errors';

/**
 * How the token is asked for RSASSA-PKCS1-v1_5 with SHA-256: in one mechanism, or (for tokens
 * without it) as raw PKCS#1 v1.5 over a DigestInfo hashed here. Both give the same signature.
 */
export type TokenMechanism = 'sha256-rsa-pkcs' | 'rsa-pkcs';

export function chooseMechanism(available: readonly number[]): TokenMechanism | null {
  if (available.includes(CKM_SHA256_RSA_PKCS)) return 'sha256-rsa-pkcs';
  if (available.includes(CKM_RSA_PKCS)) return 'rsa-pkcs';
  return null;
}

/** DER of DigestInfo { AlgorithmIdentifier sha256 with NULL parameters, OCTET STRING (32) } up to the hash (RFC 8017 §9.2). */
const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export function sha256DigestInfo(data: Uint8Array): Buffer {
  return Buffer.concat([SHA256_DIGEST_INFO_PREFIX, createHash('sha256').update(data).digest()]);
}

/** Room for an RSA signature up to 8192 bits. */
const MAX_SIGNATURE_BYTES = 1024;

/**
 * One C_SignInit + C_Sign on the token (C_Sign on a worker thread, as a token can take a second).
 * A token that lists CKM_SHA256_RSA_PKCS but refuses it at C_SignInit is asked again with
 * CKM_RSA_PKCS; the mechanism that worked is returned so the next call goes straight to it.
 */
export async function signOnToken(
  pkcs11: PKCS11,
  session: Buffer,
  key: Buffer,
  mechanism: TokenMechanism,
  data: Uint8Array,
): Promise<{ signature: Uint8Array; mechanism: TokenMechanism }> {
  let used = mechanism;
  if (used === 'sha256-rsa-pkcs') {
    try {
      pkcs11.C_SignInit(session, { mechanism: CKM_SHA256_RSA_PKCS }, key);
    } catch (error) {
      if (ckrOf(error) !== CKR.MECHANISM_INVALID) throw error;
      used = 'rsa-pkcs';
    }
  }
  if (used === 'rsa-pkcs') pkcs11.C_SignInit(session, { mechanism: CKM_RSA_PKCS }, key);
  const input = used === 'rsa-pkcs' ? sha256DigestInfo(data) : Buffer.from(data);
  const signature = await pkcs11.C_SignAsync(session, input, Buffer.alloc(MAX_SIGNATURE_BYTES));
  if (signature.length === 0) throw new SigningError('err.sign.failed');
  return { signature: new Uint8Array(signature), mechanism: used };
}

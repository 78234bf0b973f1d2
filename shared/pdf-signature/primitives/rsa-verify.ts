import forge from 'node-forge';
import { content, DerError, parseDer, sequence } from '../der/der-read';
import { concat, derNull, derOctets, derOid, derSequence } from '../der/der-write';
import { readBitString, readOid, TAG, toHex } from '../der/der-values';
import { OID } from '../oids';
import { DIGEST_OID, digest, type DigestName, sameBytes } from './digest';

/**
 * RSASSA-PKCS1-v1_5 verification (RSA only; RSASSA-PSS and EC keys are refused, which is what the
 * Vietnamese CAs and TSAs issue today). The recovered block is compared with the one expected,
 * byte for byte, rather than parsed: no lenient DigestInfo parsing to forge signatures through.
 */

interface RsaKey {
  n: forge.jsbn.BigInteger;
  e: forge.jsbn.BigInteger;
  bytes: number;
}

/** Reads an RSA SubjectPublicKeyInfo; null for any other key type. */
export function rsaKeyFromSpki(spki: Uint8Array): RsaKey | null {
  try {
    const [algorithm, key] = sequence(parseDer(spki), 'SubjectPublicKeyInfo');
    if (readOid(sequence(algorithm, 'AlgorithmIdentifier')[0]) !== OID.rsaEncryption) return null;
    const [modulus, exponent] = sequence(parseDer(readBitString(key).bytes), 'RSAPublicKey');
    if (!modulus || !exponent || modulus.tag !== TAG.integer || exponent.tag !== TAG.integer) throw new DerError('bad RSA key');
    const n = new forge.jsbn.BigInteger(toHex(content(modulus)), 16);
    const bits = n.bitLength();
    if (bits < 1024 || bits > 8192) return null;
    return { n, e: new forge.jsbn.BigInteger(toHex(content(exponent)), 16), bytes: Math.ceil(bits / 8) };
  } catch {
    return null;
  }
}

/** EMSA-PKCS1-v1_5; the DigestInfo's algorithm parameters are NULL or, as some writers do, absent. */
function expectedBlock(name: DigestName, hash: Uint8Array, size: number, withNull: boolean): Uint8Array | null {
  const algorithm = withNull ? derSequence(derOid(DIGEST_OID[name]), derNull()) : derSequence(derOid(DIGEST_OID[name]));
  const info = derSequence(algorithm, derOctets(hash));
  if (info.length + 11 > size) return null;
  return concat([Uint8Array.of(0, 1), new Uint8Array(size - info.length - 3).fill(0xff), Uint8Array.of(0), info]);
}

/** True when `signature` is the key's PKCS#1 v1.5 signature over `hash` (already digested with `name`). */
export function verifyRsaDigest(spki: Uint8Array, name: DigestName, hash: Uint8Array, signature: Uint8Array): boolean {
  const key = rsaKeyFromSpki(spki);
  if (!key || signature.length !== key.bytes) return false;
  const s = new forge.jsbn.BigInteger(toHex(signature), 16);
  if (s.compareTo(key.n) >= 0) return false;
  const m = s.modPow(key.e, key.n).toString(16).padStart(key.bytes * 2, '0');
  const recovered = Uint8Array.from(m.match(/../g) ?? [], (pair) => parseInt(pair, 16));
  return [true, false].some((withNull) => {
    const expected = expectedBlock(name, hash, key.bytes, withNull);
    return expected !== null && sameBytes(recovered, expected);
  });
}

export function verifyRsa(spki: Uint8Array, name: DigestName, data: Uint8Array, signature: Uint8Array): boolean {
  return verifyRsaDigest(spki, name, digest(name, data), signature);
}

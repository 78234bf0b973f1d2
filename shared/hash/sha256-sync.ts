import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonical-json';

/**
 * Synchronous SHA-256, for hashing inside an IndexedDB transaction: awaiting WebCrypto there would
 * let the transaction commit early.
 */
export function sha256HexSync(data: Uint8Array | string): string {
  return bytesToHex(sha256(typeof data === 'string' ? new TextEncoder().encode(data) : data));
}

export function canonicalHashSync(value: unknown): string {
  return sha256HexSync(canonicalJson(value));
}

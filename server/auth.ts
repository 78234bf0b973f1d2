import { randomBytes, randomInt } from 'node:crypto';
import { sha256Text } from './sha256-text';

/** Tokens and enrollment codes are kept only as SHA-256: a copy of the database grants nothing. */
export function hashSecret(secret: string): string {
  return sha256Text(secret);
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

// No 0/O, 1/I/L: codes are read aloud and typed from paper.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** "ABCD-EFGH-JKMN": 12 characters, about 59 bits, valid for 24 hours and used once. */
export function newEnrollmentCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** Codes are accepted however they are typed: lower case, spaces, missing dashes. */
export function normalizeCode(code: string): string {
  const bare = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return bare.length === 12 ? [0, 4, 8].map((i) => bare.slice(i, i + 4)).join('-') : code;
}

export function bearerToken(header: string | undefined): string | null {
  const match = header ? /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header) : null;
  return match ? match[1]! : null;
}

import { createHash } from 'node:crypto';

/** SHA-256 of UTF-8 text as lowercase hex, with Node's native hash (records are checked by the thousand). */
export function sha256Text(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

import { canonicalJson } from './canonical-json';

/** SHA-256 as lowercase hex, with WebCrypto (present in browsers, Electron and Node 20). */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The hash that identifies a record: SHA-256 over its RFC 8785 canonical JSON (UTF-8). */
export function canonicalHash(value: unknown): Promise<string> {
  return sha256Hex(canonicalJson(value));
}

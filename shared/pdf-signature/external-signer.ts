/**
 * A key that signs without ever handing its private part over: a PKCS#11 token (C_Sign on the
 * token) or a PKCS#12 file opened in the main process. The CMS is built around it
 * (cms-build.ts). Only RSA keys with PKCS#1 v1.5 over SHA-256 are supported, which is what the
 * Vietnamese CAs issue on their tokens.
 */
export interface ExternalSigner {
  /** The signer's certificate, DER. */
  readonly certificate: Uint8Array;
  /** Further certificates the token or file holds (intermediates), DER; may be empty. */
  readonly chain: readonly Uint8Array[];
  /**
   * RSASSA-PKCS1-v1_5 with SHA-256 over `data` (for a token: CKM_SHA256_RSA_PKCS, or
   * CKM_RSA_PKCS over the DigestInfo). Returns the raw signature value.
   */
  signSha256Rsa(data: Uint8Array): Promise<Uint8Array>;
}

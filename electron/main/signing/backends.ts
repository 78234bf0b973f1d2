import type { ValidationMaterial } from '@shared/pdf-signature/trust/types';
import type { DocumentVerdict } from '@shared/pdf-signature/verdict';
import type { OpenTokenSignerOptions, TokenDescription, TokenSession } from '../../../node-shared/signing/pkcs11/types';
import type { InstalledModule } from '@shared/ipc/signing-schemas';
import type { ValidationData } from '@shared/pdf-signature/dss-increment';

/**
 * What the signing handlers need from the Node-side signing code (node-shared/signing and
 * shared/pdf-signature), gathered in one place so the handlers are tested under plain Node and
 * index.ts wires the real parts.
 */
export interface SigningBackends {
  /** The known driver libraries (shared/pdf-signature/pkcs11-modules.ts) found on this computer. */
  installedModules(): Promise<InstalledModule[]>;
  listTokens(modulePath: string): Promise<TokenDescription[]>;
  openTokenSigner(options: OpenTokenSignerOptions): Promise<TokenSession>;
  verifyDocument(pdf: Uint8Array, options: { anchors?: Uint8Array[]; material?: ValidationMaterial }): DocumentVerdict;
  /** An RFC 3161 client for one TSA: the token over a SHA-256 digest. */
  timestamper(tsaUrl: string): (sha256: Uint8Array) => Promise<Uint8Array>;
  /** CRLs and OCSP responses for a chain, fetched now (online); fails offline. */
  fetchValidationData(chain: Uint8Array[]): Promise<ValidationData>;
  /** Verifies with the file's own validation data, and revocation data fetched now where that leaves it unknown. */
  verifyOnline(pdf: Uint8Array, options: { anchors: Uint8Array[]; intermediates: Uint8Array[] }): Promise<DocumentVerdict>;
  /** The trust folder's roots and intermediates (node-shared/signing/trust-folder.ts). */
  loadTrustFolder(dir: string): Promise<{ anchors: Uint8Array[]; intermediates: Uint8Array[] }>;
}

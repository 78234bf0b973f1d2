import type { ExternalSigner } from '@shared/pdf-signature/external-signer';
import type { ValidationMaterial } from '@shared/pdf-signature/trust/types';
import type { CertificateSummary, DocumentVerdict } from '@shared/pdf-signature/verdict';
import type { InstalledModule } from '@shared/ipc/signing-schemas';
import type { ValidationData } from '@shared/pdf-signature/dss-increment';

/** A token and its certificates as node-shared/signing/pkcs11 lists them. */
export interface TokenDescription {
  slotIndex: number;
  label: string;
  serial: string;
  manufacturer: string;
  model: string;
  certificates: { id: string; label: string; summary: CertificateSummary; canSign: boolean; der: Uint8Array }[];
}

export interface OpenedToken {
  signer: ExternalSigner;
  certificate: CertificateSummary;
  close(): void;
}

/**
 * What the signing handlers need from the Node-side signing code (node-shared/signing and
 * shared/pdf-signature), gathered in one place so the handlers are tested under plain Node and
 * index.ts wires the real parts.
 */
export interface SigningBackends {
  /** The known driver libraries (shared/pdf-signature/pkcs11-modules.ts) found on this computer. */
  installedModules(): Promise<InstalledModule[]>;
  listTokens(modulePath: string): Promise<TokenDescription[]>;
  openTokenSigner(options: { modulePath: string; tokenSerial?: string; tokenLabel?: string; certId?: string; pin: string }): Promise<OpenedToken>;
  verifyDocument(pdf: Uint8Array, options: { anchors?: Uint8Array[]; material?: ValidationMaterial }): DocumentVerdict;
  /** An RFC 3161 client for one TSA: the token over a SHA-256 digest. */
  timestamper(tsaUrl: string): (sha256: Uint8Array) => Promise<Uint8Array>;
  /** CRLs and OCSP responses for a chain, fetched now (online); fails offline. */
  fetchValidationData(chain: Uint8Array[]): Promise<ValidationData>;
  /** Revocation material for verifying a file when online; empty material offline. */
  fetchVerificationMaterial(pdf: Uint8Array, anchors: Uint8Array[]): Promise<ValidationMaterial>;
}

import type { ExternalSigner } from '../../../shared/pdf-signature/external-signer';
import type { CertificateSummary } from '../../../shared/pdf-signature/verdict';

export interface TokenCertificate {
  /** CKA_ID, lower-case hex: what ties the certificate to its private key on the token. */
  id: string;
  label: string;
  summary: CertificateSummary;
  /** RSA, not a CA, and keyUsage has digitalSignature or nonRepudiation. */
  canSign: boolean;
  der: Uint8Array;
}

export interface TokenDescription {
  /** Position among the slots holding an initialized token, in the library's order. */
  slotIndex: number;
  label: string;
  serial: string;
  manufacturer: string;
  model: string;
  certificates: TokenCertificate[];
}

export interface OpenTokenSignerOptions {
  modulePath: string;
  tokenSerial?: string;
  tokenLabel?: string;
  /** CKA_ID as hex, from TokenCertificate.id. */
  certId?: string;
  /** Used for C_Login and dropped: never kept, logged or put into an error. */
  pin: string;
  /** The time the certificate must be valid at; now by default. */
  now?: Date;
}

export interface TokenSession {
  signer: ExternalSigner;
  certificate: CertificateSummary;
  /** Logs out, closes the session, finalizes and unloads the library. Safe to call twice. */
  close(): void;
}

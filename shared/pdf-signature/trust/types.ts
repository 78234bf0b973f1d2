/**
 * The trust side of verification, pure (no Node, no network): certificate chains, key usage,
 * validity at a time, CRLs and OCSP responses. The network fetch lives in node-shared/signing.
 */
import type { RevocationVerdict, TrustStatus } from '../verdict';

/** Everything the verifier may use, all DER: from the CMS, the DSS dictionary, the trust folder, or fetched. */
export interface ValidationMaterial {
  certificates: readonly Uint8Array[];
  crls: readonly Uint8Array[];
  ocspResponses: readonly Uint8Array[];
}

export interface TrustInput {
  /** The certificate to judge, DER. */
  subject: Uint8Array;
  material: ValidationMaterial;
  /** Trusted roots (DER); an empty list gives 'unknown'. */
  anchors: readonly Uint8Array[];
  /** Validation time: certificates must be valid then; a revocation dated before it counts. */
  at: Date;
  /** 'signing' needs digitalSignature or nonRepudiation; 'timestamping' needs extendedKeyUsage id-kp-timeStamping. */
  purpose: 'signing' | 'timestamping';
}

export interface TrustResult {
  status: TrustStatus;
  /** Subject first, root last, DER; as far as it could be built. */
  chain: Uint8Array[];
  revocation: RevocationVerdict;
  /** Machine-readable: 'no-path', 'expired:<cn>', 'crl-signature-invalid', 'revoked:<serial>' … */
  problems: string[];
}

/** What must be fetched (online) to judge a chain's revocation: CRL distribution points and OCSP responders. */
export interface RevocationSources {
  crlUrls: string[];
  ocspUrls: string[];
}

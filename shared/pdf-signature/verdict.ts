/**
 * What the verifier says about a PDF's signatures: one verdict per signature, in the order they
 * were made, each plain enough to print as it is (CLI --json, the hub's flag, the reviewer's view).
 */

/** Who signed, read from the certificate. */
export interface CertificateSummary {
  commonName: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  sha256Fingerprint: string;
}

/**
 * The signer against the trust folder:
 * - trusted: chains to a root in the folder, valid at the validation time, right key usage, not revoked;
 * - untrusted: no chain to a root in the folder (or no folder given: 'unknown');
 * - revoked / expired (not valid at the validation time) / bad-key-usage (no digitalSignature or nonRepudiation).
 */
export type TrustStatus = 'trusted' | 'untrusted' | 'revoked' | 'expired' | 'bad-key-usage' | 'unknown';

export interface RevocationVerdict {
  status: 'good' | 'revoked' | 'unknown';
  /** Where the answer came from: validation data embedded in the file (DSS or CMS), or fetched online now. */
  source: 'embedded' | 'fetched' | null;
  kind: 'crl' | 'ocsp' | null;
  revokedAt: string | null;
}

export interface TimestampVerdict {
  /** The time the TSA vouches for (ISO 8601, UTC). */
  time: string;
  /** The token's own signature and its message imprint over this signature value (or the document bytes) check out. */
  intact: boolean;
  tsa: CertificateSummary | null;
  trust: TrustStatus;
}

/** A signature role the app writes into the signature dictionary (/CV_Role); null for foreign signatures. */
export type SignerRole = 'leader' | 'unit-representative' | 'recorder';

export interface SignatureVerdict {
  /** 1-based, in the order the signatures were made. */
  index: number;
  kind: 'signature' | 'document-timestamp';
  /** /SubFilter as written: ETSI.CAdES.detached, adbe.pkcs7.detached, ETSI.RFC3161. */
  subFilter: string;
  signer: CertificateSummary | null;
  role: SignerRole | null;
  /** /Name, /Reason, /Location as written (ASCII). */
  name: string | null;
  reason: string | null;
  location: string | null;
  /** The claimed signing time (/M or the signingTime attribute); not vouched for by anyone. */
  claimedTime: string | null;
  /** The CMS digest matches the covered bytes and the signature value verifies with the certificate's key. */
  intact: boolean;
  /** The byte range covers the whole file as it was when this signature was made (start to its %%EOF, only the hole skipped). */
  coversRevision: boolean;
  /** This signature covers the file to its last byte (nothing was added after it). */
  coversToEnd: boolean;
  /** Certification signature (DocMDP) and its permission level. */
  certification: { permission: 1 | 2 | 3 } | null;
  timestamp: TimestampVerdict | null;
  /** The time the certificate was checked at: the time-stamp's, else the claimed time (said plainly as such). */
  validatedAt: string | null;
  validatedAtSource: 'timestamp' | 'claimed' | 'now';
  trust: TrustStatus;
  revocation: RevocationVerdict;
  /** Machine-readable reasons, for logs and tests. */
  problems: string[];
}

/** What changed after a signature, judged revision by revision. */
export interface ChangeVerdict {
  /** Every revision after the first signature adds only signatures, their fields and validation data. */
  allowed: boolean;
  /** What was found that is not allowed, with the object number: "page 3 0 R: /Contents changed". */
  problems: string[];
}

export interface DocumentVerdict {
  /**
   * Every signature is intact and covers its revision, later revisions only add signatures and
   * validation data, and the last revision is covered by a signature or document time-stamp;
   * with a trust folder given, also every signer is trusted.
   */
  ok: boolean;
  fileSha256: string;
  signatures: SignatureVerdict[];
  changes: ChangeVerdict;
  /** Document-level problems: not-pdf, no-signature, cms-unreadable, appended (bytes after the last signed revision) … */
  problems: string[];
}

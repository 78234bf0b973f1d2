import { sha256 } from '@noble/hashes/sha2.js';
import { buildCades } from '../../shared/pdf-signature/cms-build';
import type { ExternalSigner } from '../../shared/pdf-signature/external-signer';
import { addValidationData, type ValidationData } from '../../shared/pdf-signature/dss-increment';
import { addSignatureField, coveredBytes, fillSignature } from '../../shared/pdf-signature/signature-increment';
import type { SignerRole } from '../../shared/pdf-signature/verdict';
import { readSignedData } from '../../shared/pdf-signature/cms-read';
import { parseCertificate } from '../../shared/pdf-signature/trust/cert-parse';
import { chainOf } from './chain-of';
import { SigningError, type SigningErrorCode } from './certificate';

/** Room for the CMS: a 4096-bit signature, a chain of a few certificates and a time-stamp token with its own. */
export const SIGNATURE_RESERVED_BYTES = 24_576;
const TIMESTAMP_RESERVED_BYTES = 16_384;

export interface SignDocumentOptions {
  signer: ExternalSigner;
  meta: { name: string; reason: string; location: string; contactInfo?: string; role: SignerRole };
  /** The record's first signature certifies it (DocMDP P 2): later changes may only add signatures. */
  certify: boolean;
  signingTime?: Date;
  /** An RFC 3161 token over a SHA-256 digest (online); absent, the signature is not time-stamped. */
  timestamp?: (sha256: Uint8Array) => Promise<Uint8Array>;
  /** CRLs and OCSP responses for a chain (online); absent, no validation data is embedded. */
  validationData?: (chain: Uint8Array[]) => Promise<ValidationData>;
  /** Trusted roots and intermediates, so the embedded chain reaches a root. */
  anchors?: readonly Uint8Array[];
}

export interface SignDocumentResult {
  pdf: Uint8Array;
  timestamped: boolean;
  /** Why there is no time-stamp although one was asked for (offline, refused). */
  timestampError: SigningErrorCode | null;
  validationDataEmbedded: boolean;
}

const digestOf = (parts: Uint8Array[]) => {
  const hash = sha256.create();
  for (const part of parts) hash.update(part);
  return hash.digest();
};

const codeOf = (error: unknown): SigningErrorCode => (error instanceof SigningError ? error.code : 'err.sign.tsaUnreachable');

/**
 * Adds one PAdES signature as an incremental update: B-B always, B-T when a time-stamp could be
 * had, and B-LT (a DSS with the chain and its revocation data) when that could be fetched too.
 * A signature that could not be time-stamped is still made, and says why.
 */
export async function signDocument(pdf: Uint8Array, options: SignDocumentOptions): Promise<SignDocumentResult> {
  const signingTime = options.signingTime ?? new Date();
  const { notBefore, notAfter } = parseCertificate(options.signer.certificate);
  if (signingTime < notBefore || signingTime > notAfter) throw new SigningError('err.sign.expired');
  const placeholder = addSignatureField(pdf, {
    kind: 'signature',
    reserved: SIGNATURE_RESERVED_BYTES,
    signingTime,
    meta: options.meta,
    certify: options.certify,
  });
  const digest = digestOf(coveredBytes(placeholder.pdf, placeholder.byteRange));
  let timestampError: SigningErrorCode | null = null;
  let tsaCertificates: Uint8Array[] = [];
  const { cms, timestamped } = await buildCades(
    digest,
    options.signer,
    options.timestamp &&
      (async (signatureValue) => {
        try {
          const token = await options.timestamp!(sha256(signatureValue));
          tsaCertificates = certificatesInToken(token);
          return token;
        } catch (error) {
          timestampError = codeOf(error);
          return null;
        }
      }),
  );
  let signed = fillSignature(placeholder, cms);
  let validationDataEmbedded = false;
  if (options.validationData && timestamped) {
    const pool = [...options.signer.chain, ...(options.anchors ?? []), ...tsaCertificates];
    const chains = [chainOf(options.signer.certificate, pool), ...tsaCertificates.slice(0, 1).map((c) => chainOf(c, pool))];
    try {
      const fetched = await Promise.all(chains.map((chain) => options.validationData!(chain)));
      signed = addValidationData(signed, {
        certificates: chains.flat(),
        crls: fetched.flatMap((f) => f.crls),
        ocspResponses: fetched.flatMap((f) => f.ocspResponses),
      });
      validationDataEmbedded = fetched.some((f) => f.crls.length + f.ocspResponses.length > 0);
    } catch {
      validationDataEmbedded = false;
    }
  }
  return { pdf: signed, timestamped, timestampError, validationDataEmbedded };
}

/**
 * A document time-stamp (ETSI.RFC3161) over the whole file as it is: how a signature made offline
 * gets its proof of time once the laptop is online again.
 */
export async function addDocumentTimestamp(pdf: Uint8Array, timestamp: (sha256: Uint8Array) => Promise<Uint8Array>): Promise<Uint8Array> {
  const placeholder = addSignatureField(pdf, { kind: 'document-timestamp', reserved: TIMESTAMP_RESERVED_BYTES });
  const token = await timestamp(digestOf(coveredBytes(placeholder.pdf, placeholder.byteRange)));
  return fillSignature(placeholder, token);
}

/** The certificates a time-stamp token carries (its TSA's), DER. */
function certificatesInToken(token: Uint8Array): Uint8Array[] {
  const read = readSignedData(token);
  return read.ok ? read.signed.certificates : [];
}

import { z } from 'zod';
import type { CertificateSummary } from '../pdf-signature/verdict';

/** What the renderer may know of the stored signing certificate: never the key. */
export const certificateInfoSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  sha256Fingerprint: z.string(),
});
export type CertificateInfo = z.infer<typeof certificateInfoSchema>;

export type SigningStatus =
  | { available: true; certificate: CertificateInfo | null }
  | { available: false; reason: 'insecure-storage' | 'no-encryption' | 'desktop-only'; certificate: CertificateInfo | null };

const passphraseSchema = z.string().min(1, 'err.sign.passphraseRequired').max(1024);

export const signingStatusRequestSchema = z.tuple([]);
export const signingRemoveRequestSchema = z.tuple([]);
export const signingImportRequestSchema = z.tuple([z.object({ passphrase: passphraseSchema })]);
export type SigningImportResult = { imported: true; certificate: CertificateInfo } | { imported: false };

export const MAX_SIGN_BYTES = 100 * 1024 * 1024;


/** Who signs the biên bản digitally, in order: the team lead first, then the unit, then (optionally) the recorder. */
export const signerRoles = ['leader', 'unit-representative', 'recorder'] as const;
export const signerRoleSchema = z.enum(signerRoles);

/** A time-stamping authority's address: http or https only, no credentials in it, bounded. */
export const tsaUrlSchema = z
  .string()
  .trim()
  .max(500, 'err.sign.tsaUrl')
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'err.sign.tsaUrl');

const tokenTextSchema = z.string().max(64);
/** CKA_ID as lower-case hex, as listTokens reports it. */
const certIdSchema = z.string().max(256).regex(/^(?:[0-9a-f]{2})*$/, 'err.sign.certificateNotFound');

/** Which token and certificate to sign with; the module path is chosen in main only (signing.chooseModule). */
export const tokenChoiceSchema = z.object({ tokenSerial: tokenTextSchema.nullable(), tokenLabel: tokenTextSchema.nullable(), certId: certIdSchema.nullable() });
export type TokenChoice = z.infer<typeof tokenChoiceSchema>;

/** What main keeps in userData/signing/settings.json. */
export const signingSettingsSchema = z.object({
  method: z.enum(['p12', 'pkcs11']),
  pkcs11: tokenChoiceSchema.extend({ modulePath: z.string().min(1).max(1024).nullable() }),
  tsaUrl: tsaUrlSchema.nullable(),
});
export type SigningSettings = z.infer<typeof signingSettingsSchema>;
export const defaultSigningSettings: SigningSettings = { method: 'p12', pkcs11: { modulePath: null, tokenSerial: null, tokenLabel: null, certId: null }, tsaUrl: null };

/** What the renderer may change: never the module path (a native dialog or the known list sets that). */
export const signingSettingsSetRequestSchema = z.tuple([
  z.object({ method: z.enum(['p12', 'pkcs11']), token: tokenChoiceSchema, tsaUrl: tsaUrlSchema.nullable() }).strict(),
]);
export type SigningSettingsUpdate = z.infer<typeof signingSettingsSetRequestSchema>[0];
export const signingSettingsGetRequestSchema = z.tuple([]);

/** A known driver path (main checks it is one of its list) or, with none, the native file dialog. */
export const signingChooseModuleRequestSchema = z.tuple([z.object({ known: z.string().min(1).max(1024).nullable() }).strict()]);
export type SigningChooseModuleResult = { chosen: true; settings: SigningSettings } | { chosen: false };

/** A driver library the app knows, found on this computer. */
export interface InstalledModule {
  name: string;
  path: string;
}

export const signingModulesRequestSchema = z.tuple([]);
export const signingTokensRequestSchema = z.tuple([]);

/** A certificate on a token as the renderer sees it (no DER). */
export interface TokenCertificateInfo {
  id: string;
  label: string;
  summary: CertificateSummary;
  canSign: boolean;
}
export interface TokenInfo {
  slotIndex: number;
  label: string;
  serial: string;
  manufacturer: string;
  model: string;
  certificates: TokenCertificateInfo[];
}

/** A root in the trust folder, named by its file and fingerprint. */
export interface TrustedRoot {
  fileName: string;
  summary: CertificateSummary;
}
export const signingTrustListRequestSchema = z.tuple([]);
export const signingTrustAddRequestSchema = z.tuple([]);
export type SigningTrustAddResult = { added: TrustedRoot[]; refused: string[] };
export const signingTrustRemoveRequestSchema = z.tuple([z.object({ fileName: z.string().min(1).max(255).regex(/^[^\\/]+$/, 'err.file.name') }).strict()]);

const pdfBytesSchema = z
  .custom<Uint8Array>((d) => d instanceof Uint8Array, 'err.file.notBytes')
  .refine((d) => d.byteLength > 0 && d.byteLength <= MAX_SIGN_BYTES, 'err.file.tooLarge');

export const signingVerifyRequestSchema = z.tuple([z.object({ pdf: pdfBytesSchema }).strict()]);
export const signingTimestampRequestSchema = z.tuple([z.object({ pdf: pdfBytesSchema }).strict()]);
export type SigningTimestampResult = { pdf: Uint8Array; sha256: string };

export const signingSignRequestSchema = z.tuple([
  z.object({
    pdf: pdfBytesSchema,
    /** The token PIN or the certificate passphrase: used for this signature only, never kept. */
    secret: z.string().min(1, 'err.sign.passphraseRequired').max(1024),
    role: signerRoleSchema,
    suggestedName: z
      .string()
      .min(1)
      .max(150)
      .refine((n) => !/[\\/:*?"<>|]/.test(n) && ![...n].some((c) => c.charCodeAt(0) < 0x20) && n !== '.' && n !== '..', 'err.file.name'),
    /**
     * The finalized record the PDF was made from: main checks the file against it and takes the
     * signature's reason, place and signer from it (electron/main/signing/record-guard.ts).
     */
    record: z.unknown(),
  }),
]);
export type SigningSignRequest = z.infer<typeof signingSignRequestSchema>[0];
/** The signed file comes back to be stored with the inspection, whether or not the user saved a copy. */
export type SigningSignResult = {
  pdf: Uint8Array;
  sha256: string;
  fileName: string | null;
  signer: string;
  role: z.infer<typeof signerRoleSchema>;
  timestamped: boolean;
  /** Why a time-stamp was asked for and not had (offline): the renderer queues a document time-stamp. */
  timestampError: string | null;
  validationDataEmbedded: boolean;
};

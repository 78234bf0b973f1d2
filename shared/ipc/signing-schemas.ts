import { z } from 'zod';

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

export const signingSignRequestSchema = z.tuple([
  z.object({
    pdf: z
      .custom<Uint8Array>((d) => d instanceof Uint8Array, 'err.file.notBytes')
      .refine((d) => d.byteLength > 0 && d.byteLength <= MAX_SIGN_BYTES, 'err.file.tooLarge'),
    passphrase: passphraseSchema,
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
export type SigningSignResult = { pdf: Uint8Array; sha256: string; fileName: string | null; signer: string };

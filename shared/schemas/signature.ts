import { z } from 'zod';
import { isoDateTimeSchema, nameSchema, optionalShortText, sha256HexSchema, uuidSchema, uuidV7Schema, revisionSchema } from './common';

export const signatureRoleSchema = z.enum(['leader', 'recorder', 'unit-representative']);
export type SignatureRole = z.infer<typeof signatureRoleSchema>;

/** A hand signature drawn on screen, or a refusal to sign recorded in its place. */
export const signatureSchema = z.object({
  id: uuidSchema,
  inspectionId: uuidV7Schema,
  revision: revisionSchema,
  role: signatureRoleSchema,
  signerName: nameSchema,
  signerPosition: optionalShortText,
  mark: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('drawn'), imageSha256: sha256HexSchema }),
    z.object({
      kind: z.literal('refused'),
      reason: z.string().trim().min(1, 'err.signature.refusalReason').max(2000),
      witness: nameSchema,
    }),
  ]),
  at: isoDateTimeSchema,
});
export type Signature = z.infer<typeof signatureSchema>;

import { z } from 'zod';
import { FORMAT_VERSION } from '../format-version';
import {
  isoDateTimeSchema,
  nameSchema,
  optionalShortText,
  sha256HexSchema,
  uuidSchema,
  uuidV7Schema,
  revisionSchema,
} from './common';
import { teamSchema } from './team';
import { parseTemplateRef, templateRefSchema } from './template';
import { unitSchema } from './unit';

export const unitRepresentativeSchema = z.object({
  id: uuidSchema,
  name: nameSchema,
  position: optionalShortText,
});
export type UnitRepresentative = z.infer<typeof unitRepresentativeSchema>;

/**
 * Who issues the record, as its header prints it: the parent agency ("UBND TỈNH …"), the issuing
 * body ("SỞ NỘI VỤ") and the symbol after "BB-" in its number.
 */
export const issuerSchema = z.object({
  parentAgency: optionalShortText,
  agency: optionalShortText,
  symbol: z
    .string()
    .trim()
    .max(20, 'err.tooLong')
    .regex(/^[\p{L}\p{N}.-]*$/u, 'err.issuer.symbol')
    .default(''),
});
export type Issuer = z.infer<typeof issuerSchema>;

export const inspectionStatusSchema = z.enum(['draft', 'finalized']);
export type InspectionStatus = z.infer<typeof inspectionStatusSchema>;

/**
 * When the team arrived. The wall clock can be wrong or changed during the visit, so the monotonic
 * reading taken at the same moment is kept beside it; a manual change keeps the old value and why.
 */
export const arrivalSchema = z.object({
  at: isoDateTimeSchema,
  /** performance.timeOrigin + performance.now() when the stamp was taken. */
  monotonicMs: z.number().nonnegative(),
  adjustments: z
    .array(
      z.object({
        from: isoDateTimeSchema,
        to: isoDateTimeSchema,
        reason: z.string().trim().min(1, 'err.arrival.reasonRequired').max(500),
        at: isoDateTimeSchema,
      }),
    )
    .default([]),
});
export type Arrival = z.infer<typeof arrivalSchema>;

export const correctionSchema = z.object({
  replacesRevision: z.number().int().min(1),
  replacesHash: sha256HexSchema,
  reason: z.string().trim().min(1, 'err.correction.reasonRequired').max(2000),
});

export const inspectionSchema = z
  .object({
    formatVersion: z.literal(FORMAT_VERSION),
    id: uuidV7Schema,
    revision: revisionSchema,
    status: inspectionStatusSchema,
    /** "Số: …/BB-…", given by the team when the record is issued. */
    recordNumber: optionalShortText,
    issuer: issuerSchema.optional(),
    unit: unitSchema,
    place: nameSchema,
    team: teamSchema,
    /** Representatives of the inspected unit who attend and sign (Đại diện đơn vị được kiểm tra). */
    unitRepresentatives: z.array(unitRepresentativeSchema).max(10).default([]),
    legalBasisIds: z.array(z.string().regex(/^[A-Z0-9]{2,16}$/)).min(1, 'err.inspection.legalBasisRequired'),
    templateRefs: z.array(templateRefSchema).min(1, 'err.inspection.templateRequired'),
    arrival: arrivalSchema,
    /** General conclusions of the team, written into the record. */
    conclusion: z.string().max(20_000, 'err.tooLong').default(''),
    /** "được lập thành … bản có giá trị như nhau". */
    copies: z.number().int().min(1).max(20).default(2),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
    finalizedAt: isoDateTimeSchema.optional(),
    /** SHA-256 of the canonical JSON of the finalized record. */
    contentHash: sha256HexSchema.optional(),
    correction: correctionSchema.optional(),
  })
  .superRefine((r, ctx) => {
    if (new Set(r.legalBasisIds).size !== r.legalBasisIds.length) {
      ctx.addIssue({ code: 'custom', message: 'err.inspection.duplicateLegalBasis', path: ['legalBasisIds'] });
    }
    const templateIds = r.templateRefs.map((ref) => parseTemplateRef(ref).id);
    if (new Set(templateIds).size !== templateIds.length) {
      ctx.addIssue({ code: 'custom', message: 'err.inspection.duplicateTemplate', path: ['templateRefs'] });
    }
    if (r.status === 'finalized' && (r.finalizedAt === undefined || r.contentHash === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'err.inspection.finalizedNeedsHash', path: ['contentHash'] });
    }
    if (r.revision > 1 && r.correction === undefined) {
      ctx.addIssue({ code: 'custom', message: 'err.inspection.revisionNeedsReason', path: ['correction'] });
    }
    if (r.correction !== undefined && r.correction.replacesRevision !== r.revision - 1) {
      ctx.addIssue({ code: 'custom', message: 'err.inspection.correctionRevision', path: ['correction'] });
    }
  });
export type Inspection = z.infer<typeof inspectionSchema>;

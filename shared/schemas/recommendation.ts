import { z } from 'zod';
import { isoDateSchema, isoDateTimeSchema, ITEM_CODE_PATTERN, uuidSchema, uuidV7Schema, revisionSchema } from './common';

/** Measures a team can recommend (Nghị định 172/2025 for discipline). */
export const measures = ['remind', 'self-criticism', 'propose-discipline', 'remedy'] as const;
export const measureSchema = z.enum(measures);
export type Measure = z.infer<typeof measureSchema>;

/** A recommendation, about a finding, a person or the unit as a whole, with a deadline to remedy. */
export const recommendationSchema = z.object({
  id: uuidSchema,
  inspectionId: uuidV7Schema,
  revision: revisionSchema,
  target: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('finding'), itemCode: z.string().regex(ITEM_CODE_PATTERN) }),
    z.object({ kind: z.literal('person'), rosterId: uuidSchema }),
    z.object({ kind: z.literal('unit') }),
  ]),
  measure: measureSchema,
  text: z.string().trim().min(1, 'err.recommendation.textRequired').max(5000, 'err.tooLong'),
  deadline: isoDateSchema.optional(),
  createdAt: isoDateTimeSchema,
});
export type Recommendation = z.infer<typeof recommendationSchema>;

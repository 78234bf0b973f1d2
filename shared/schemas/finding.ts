import { z } from 'zod';
import { isoDateTimeSchema, noteSchema, sha256HexSchema, timeOfDaySchema, uuidSchema, uuidV7Schema } from './common';
import { templateRefSchema } from './template';

export const complianceValueSchema = z.enum(['C', 'NC', 'NA']);
export type ComplianceValue = z.infer<typeof complianceValueSchema>;

export const answerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('compliance'), value: complianceValueSchema }),
  z.object({
    type: z.literal('count'),
    values: z.record(z.string(), z.number().int('err.count.integer').min(0, 'err.count.negative').max(1_000_000)),
  }),
  z.object({ type: z.literal('time'), value: timeOfDaySchema }),
  z.object({ type: z.literal('text'), value: z.string().trim().min(1, 'err.required').max(10_000) }),
  /** Roster-type items answered as the roster rows they concern (staff involved). */
  z.object({ type: z.literal('roster'), staffIds: z.array(uuidSchema) }),
]);
export type Answer = z.infer<typeof answerSchema>;

/** The answer to one checklist item in one inspection. */
export const findingSchema = z.object({
  id: uuidSchema,
  inspectionId: uuidV7Schema,
  templateRef: templateRefSchema,
  itemCode: z.string().regex(/^[A-Z]{2,5}-\d{2}$/),
  answer: answerSchema.nullable(),
  note: noteSchema,
  /** Staff members involved (from the unit's roster or added on site). */
  staffIds: z.array(uuidSchema).default([]),
  attachmentHashes: z.array(sha256HexSchema).default([]),
  updatedAt: isoDateTimeSchema,
});
export type Finding = z.infer<typeof findingSchema>;

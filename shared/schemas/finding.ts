import { z } from 'zod';
import { isoDateTimeSchema, ITEM_CODE_PATTERN, noteSchema, sha256HexSchema, timeOfDaySchema, uuidSchema, uuidV7Schema, revisionSchema } from './common';
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
  /** Roster-type items: the roll-call rows of the people who breached the rule (empty: nobody). */
  z.object({ type: z.literal('roster'), rosterIds: z.array(uuidSchema).max(2000) }),
]);
export type Answer = z.infer<typeof answerSchema>;

/** The answer to one checklist item in one inspection. */
export const findingSchema = z.object({
  id: uuidSchema,
  inspectionId: uuidV7Schema,
  revision: revisionSchema,
  templateRef: templateRefSchema,
  itemCode: z.string().regex(ITEM_CODE_PATTERN),
  answer: answerSchema.nullable(),
  note: noteSchema,
  /** People involved, as roll-call rows (so people added on site can be named too). */
  involvedRosterIds: z.array(uuidSchema).max(2000).default([]),
  attachmentHashes: z.array(sha256HexSchema).default([]),
  updatedAt: isoDateTimeSchema,
});
export type Finding = z.infer<typeof findingSchema>;

import { z } from 'zod';
import { isoDateSchema, optionalShortText, uuidSchema } from './common';

/** A unit given to a team to inspect, handed down by the hub (the day stays with the team: visits are unannounced). */
export const assignmentSchema = z.object({
  id: uuidSchema,
  unitCode: z.string().trim().regex(/^[0-9A-Za-z._-]{1,20}$/, 'err.unit.code'),
  unitName: z.string().trim().min(1).max(200),
  /** The period the visit must fall in. */
  from: isoDateSchema,
  to: isoDateSchema,
  team: z.string().trim().min(1, 'err.required').max(200),
  note: optionalShortText,
});
export type Assignment = z.infer<typeof assignmentSchema>;

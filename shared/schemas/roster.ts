import { z } from 'zod';
import { nameSchema, noteSchema, optionalShortText, timeOfDaySchema, uuidSchema, uuidV7Schema, revisionSchema } from './common';

export const attendanceStatuses = ['unmarked', 'present', 'late', 'excused', 'on-mission', 'unexcused'] as const;
export const attendanceStatusSchema = z.enum(attendanceStatuses);
export type AttendanceStatus = z.infer<typeof attendanceStatusSchema>;

export const absenceVerificationSchema = z.enum(['mission-order', 'leave-form', 'phone-call', 'other']);

/** One person's line in the roll call of one inspection. */
export const rosterEntrySchema = z
  .object({
    id: uuidSchema,
    inspectionId: uuidV7Schema,
    revision: revisionSchema,
    /** Position in the roll call: the unit roster's order, people added on site after. */
    seq: z.number().int().min(0),
    /** The unit roster's staff id; absent for people added on site. */
    staffId: uuidSchema.optional(),
    name: nameSchema,
    position: optionalShortText,
    department: optionalShortText,
    status: attendanceStatusSchema,
    arrivalTime: timeOfDaySchema.optional(),
    verification: absenceVerificationSchema.optional(),
    note: noteSchema,
    addedOnSite: z.boolean().default(false),
  })
  .superRefine((e, ctx) => {
    if (e.status === 'late' && e.arrivalTime === undefined) {
      ctx.addIssue({ code: 'custom', message: 'err.roster.lateNeedsTime', path: ['arrivalTime'] });
    }
    if (e.status !== 'late' && e.arrivalTime !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'err.roster.timeOnlyForLate', path: ['arrivalTime'] });
    }
  });
export type RosterEntry = z.infer<typeof rosterEntrySchema>;

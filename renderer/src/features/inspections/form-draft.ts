import { z } from 'zod';
import { teamRoles, unitLevels } from '@shared/schemas';
import { isoDateTimeSchema } from '@shared/schemas/common';

/** Where the "new inspection" form keeps what was typed, so a reload or a crash loses nothing. */
export const NEW_INSPECTION_DRAFT_KEY = 'draft.newInspection';
/** Version of the stored draft's shape; a draft of another version is not read back. */
export const NEW_INSPECTION_DRAFT_VERSION = 1;

/**
 * A stamp nobody typed anything after is the stamp of a visit that did not start an inspection:
 * after this long, opening the form stamps the arrival anew.
 */
export const UNTOUCHED_DRAFT_MS = 30 * 60_000;

/**
 * A typed draft's arrival time older than this is asked about when the draft comes back: a form
 * half filled at the office yesterday must not give today's surprise visit yesterday's time.
 */
export const STALE_ARRIVAL_MS = 3 * 3600_000;

const text = (max: number) => z.string().max(max);

/** The form's values as typed (not yet checked by the business rules), bounded. */
const draftValuesSchema = z.object({
  unit: z.object({
    code: text(40),
    name: text(400),
    level: z.enum(unitLevels),
    province: text(400),
    address: text(400),
    staff: z.array(z.object({ id: z.string().max(64), name: text(400), position: text(400), department: text(400) })).max(2000),
  }),
  place: text(400),
  team: z.array(z.object({ name: text(400), position: text(400), agency: text(400), role: z.enum(teamRoles) })).max(30),
  legalBasisIds: z.array(text(20)).max(100),
  templateRefs: z.array(text(30)).max(50),
});
export type DraftValues = z.infer<typeof draftValuesSchema>;

export const newInspectionDraftSchema = z.object({
  version: z.literal(NEW_INSPECTION_DRAFT_VERSION),
  /** When the team arrived: the form was first opened. */
  arrival: z.object({ at: isoDateTimeSchema, monotonicMs: z.number().nonnegative() }),
  /** null until something is typed. */
  values: draftValuesSchema.nullable(),
  savedAt: isoDateTimeSchema,
});
export type NewInspectionDraft = z.infer<typeof newInspectionDraftSchema>;

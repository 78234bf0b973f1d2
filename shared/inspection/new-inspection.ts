import { z } from 'zod';
import { FORMAT_VERSION } from '../format-version';
import { uuidv7 } from '../ids/uuid7';
import {
  inspectionSchema,
  nameSchema,
  optionalShortText,
  teamRoleSchema,
  templateRefSchema,
  unitSchema,
  type Inspection,
} from '../schemas';
import { MAX_TEAM_SIZE, refineTeam } from '../schemas/team';
import { toLocalIso } from '../time/local-iso';

/** What the "new inspection" form collects; ids, times and status are added by buildDraftInspection. */
export const newInspectionInputSchema = z.object({
  unit: unitSchema,
  place: nameSchema,
  team: z
    .array(
      z.object({
        name: nameSchema,
        position: optionalShortText,
        agency: optionalShortText,
        role: teamRoleSchema,
      }),
    )
    .min(2, 'err.team.tooSmall')
    .max(MAX_TEAM_SIZE, 'err.team.tooLarge')
    .superRefine(refineTeam),
  legalBasisIds: z.array(z.string()).min(1, 'err.inspection.legalBasisRequired'),
  templateRefs: z.array(templateRefSchema).min(1, 'err.inspection.templateRequired'),
});
export type NewInspectionInput = z.infer<typeof newInspectionInputSchema>;
export type NewInspectionFormValues = z.input<typeof newInspectionInputSchema>;

export interface Stamp {
  /** Wall clock when the team arrived (the form was opened). */
  arrivedAt: Date;
  /** Monotonic reading taken at the same moment (performance.timeOrigin + performance.now()). */
  monotonicMs: number;
  /** When the record is written. */
  now: Date;
}

/** A new draft inspection, revision 1, checked against the full record schema. */
export function buildDraftInspection(input: NewInspectionInput, stamp: Stamp): Inspection {
  const team = input.team.map((m) => ({ ...m, id: globalThis.crypto.randomUUID() }));
  const now = toLocalIso(stamp.now);
  return inspectionSchema.parse({
    formatVersion: FORMAT_VERSION,
    id: uuidv7(stamp.now.getTime()),
    revision: 1,
    status: 'draft',
    recordNumber: '',
    unit: input.unit,
    place: input.place,
    team,
    legalBasisIds: input.legalBasisIds,
    templateRefs: input.templateRefs,
    arrival: { at: toLocalIso(stamp.arrivedAt), monotonicMs: stamp.monotonicMs, adjustments: [] },
    createdAt: now,
    updatedAt: now,
  });
}

import { z } from 'zod';
import { nameSchema, optionalShortText, uuidSchema } from './common';

export const teamRoles = ['leader', 'member', 'recorder'] as const;
export const teamRoleSchema = z.enum(teamRoles);
export type TeamRole = z.infer<typeof teamRoleSchema>;

export const teamMemberSchema = z.object({
  id: uuidSchema,
  name: nameSchema,
  position: optionalShortText,
  agency: optionalShortText,
  role: teamRoleSchema,
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

/** Largest team the record layout and the sign-off flow are built for. */
export const MAX_TEAM_SIZE = 15;

/**
 * Exactly one Trưởng đoàn and one Người ghi biên bản, two different people, as the record needs a
 * signature from each; the same person listed twice would sign twice.
 */
export function refineTeam(team: ReadonlyArray<{ name: string; role: TeamRole }>, ctx: z.RefinementCtx): void {
  const leaders = team.filter((m) => m.role === 'leader').length;
  const recorders = team.filter((m) => m.role === 'recorder').length;
  if (leaders !== 1) ctx.addIssue({ code: 'custom', message: 'err.team.oneLeader' });
  if (recorders !== 1) ctx.addIssue({ code: 'custom', message: 'err.team.oneRecorder' });
  const names = team.map((m) => m.name.trim().normalize('NFC').toLocaleLowerCase('vi'));
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) {
      ctx.addIssue({ code: 'custom', message: 'err.team.duplicateMember', path: [i, 'name'] });
    }
  });
}

export const teamSchema = z.array(teamMemberSchema).max(MAX_TEAM_SIZE, 'err.team.tooLarge').superRefine(refineTeam);

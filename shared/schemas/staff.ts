import { z } from 'zod';
import { nameSchema, optionalShortText, uuidSchema } from './common';

export const staffMemberSchema = z.object({
  id: uuidSchema,
  name: nameSchema,
  position: optionalShortText,
  department: optionalShortText,
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

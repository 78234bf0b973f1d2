import { z } from 'zod';
import { nameSchema, optionalShortText } from './common';
import { staffMemberSchema } from './staff';

/**
 * Since 1/7/2025 districts are abolished: inspected units are commune-level People's Committees
 * (xã, phường, đặc khu) and their Public Administration Service Centres; provinces inspect them.
 */
export const unitLevels = ['province', 'commune', 'ward', 'special-zone', 'service-centre', 'other'] as const;
export const unitLevelSchema = z.enum(unitLevels, 'err.unit.level');
export type UnitLevel = z.infer<typeof unitLevelSchema>;

export const unitSchema = z.object({
  /** Administrative unit code from the national list (digits), or a local code for other bodies. */
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z._-]{1,20}$/, 'err.unit.code'),
  name: nameSchema,
  level: unitLevelSchema,
  province: nameSchema,
  address: optionalShortText,
  staff: z.array(staffMemberSchema).max(2000, 'err.tooMany').default([]),
});
export type Unit = z.infer<typeof unitSchema>;
export type UnitInput = z.input<typeof unitSchema>;

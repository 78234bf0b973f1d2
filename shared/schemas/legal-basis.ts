import { z } from 'zod';
import { isoDateSchema, localTextSchema } from './common';

/** How a legal basis was checked when it was entered: read in the source, second-hand, or general knowledge. */
export const sourceTagSchema = z.enum(['R', 'R2', 'G']);

export const legalBasisSchema = z
  .object({
    /** Stable ASCII key used in references (e.g. "ND30"). */
    id: z.string().regex(/^[A-Z0-9]{2,16}$/, 'err.legalBasis.id'),
    /** Short name as written in Vietnamese (e.g. "NĐ30"). */
    shortName: z.string().trim().min(1).max(20),
    /** Document number as printed (e.g. "30/2020/NĐ-CP"). */
    number: z.string().trim().min(1).max(60),
    kind: localTextSchema,
    /** Who issued it, as a citation names them ("Chính phủ", "Thủ tướng Chính phủ"); laws are cited by their title alone. */
    issuer: localTextSchema.optional(),
    /** Date of issue; null where it was not verified. */
    issuedOn: isoDateSchema.nullable(),
    /**
     * For a law, its title ("Luật Cán bộ, công chức"); otherwise what it is about, as the citation
     * continues after its issuer ("Công tác văn thư", "Phê duyệt Đề án Văn hóa công vụ").
     */
    subject: localTextSchema,
    /** First day in force; null where not verified (then taken as the date of issue, if known). */
    effectiveFrom: isoDateSchema.nullable(),
    /** Last day in force; null while in force. */
    effectiveTo: isoDateSchema.nullable(),
    source: sourceTagSchema,
  })
  .refine((b) => b.effectiveTo === null || b.effectiveTo >= (b.effectiveFrom ?? b.issuedOn ?? ''), {
    message: 'err.legalBasis.effectiveRange',
    path: ['effectiveTo'],
  });
export type LegalBasis = z.infer<typeof legalBasisSchema>;

/**
 * Whether a basis was in force on a given calendar day (YYYY-MM-DD compares as text). With no
 * verified start, nothing before its date of issue is assumed.
 */
export function isInForce(basis: LegalBasis, day: string): boolean {
  const from = basis.effectiveFrom ?? basis.issuedOn ?? '';
  return from <= day && (basis.effectiveTo === null || day <= basis.effectiveTo);
}

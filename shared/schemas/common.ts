import { z } from 'zod';

/** Text held in both UI languages; Vietnamese is authoritative, English is for reference. */
/**
 * A checklist item's code: its template's id, a hyphen, a number of 2 or 3 digits ("GIO-03",
 * "MCT-120"), so a department's own checklist can hold a few hundred items.
 */
export const ITEM_CODE_PATTERN = /^[A-Z]{2,5}-\d{2,3}$/;

/** Longest text in one language of a template or legal basis: a paragraph, never a pasted document. */
export const MAX_LOCAL_TEXT = 1000;

export const localTextSchema = z.object({
  vi: z.string().trim().min(1, 'err.text.viRequired').max(MAX_LOCAL_TEXT, 'err.tooLong'),
  en: z.string().trim().min(1, 'err.text.enRequired').max(MAX_LOCAL_TEXT, 'err.tooLong'),
});
export type LocalText = z.infer<typeof localTextSchema>;

export const uuidSchema = z.uuid('err.id.invalid');
/** Inspections get a time-ordered id made on the client, so offline devices never collide. */
export const uuidV7Schema = z.uuid({ version: 'v7', message: 'err.id.invalidV7' });

/** A calendar date, YYYY-MM-DD. */
export const isoDateSchema = z.iso.date('err.date.invalid');
/** An instant with its UTC offset, as the inspector's clock showed it. */
export const isoDateTimeSchema = z.iso.datetime({ offset: true, message: 'err.datetime.invalid' });
/** A time of day, HH:mm (24 h). */
export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'err.time.invalid');

/** Revisions fit a 32-bit integer column (PostgreSQL's `integer`): a larger one is refused, not stored. */
export const MAX_REVISION = 2_147_483_647;
export const revisionSchema = z.number().int().min(1).max(MAX_REVISION);

export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'err.sha256.invalid');

/** Names and short labels: trimmed, non-empty, bounded so a paste accident cannot bloat a record. */
export const nameSchema = z.string().trim().min(1, 'err.required').max(200, 'err.tooLong');
export const optionalShortText = z.string().trim().max(200, 'err.tooLong').default('');
export const noteSchema = z.string().max(10_000, 'err.tooLong').default('');

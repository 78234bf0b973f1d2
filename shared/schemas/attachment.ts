import { z } from 'zod';
import { isoDateTimeSchema, ITEM_CODE_PATTERN, sha256HexSchema, uuidV7Schema, revisionSchema } from './common';

export const attachmentMimeSchema = z.enum(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'video/mp4', 'video/webm']);

/** Evidence attached to an inspection. The bytes are stored once, keyed by their SHA-256. */
export const attachmentSchema = z.object({
  sha256: sha256HexSchema,
  inspectionId: uuidV7Schema,
  revision: revisionSchema,
  /** The checklist item it documents, if any. */
  itemCode: z.string().regex(ITEM_CODE_PATTERN).optional(),
  mime: attachmentMimeSchema,
  size: z.number().int().positive().max(200 * 1024 * 1024, 'err.attachment.tooLarge'),
  caption: z.string().trim().max(500).default(''),
  /** EXIF DateTimeOriginal, where the photo has one. */
  takenAt: isoDateTimeSchema.optional(),
  /** The downscaled copy used in the printed record. */
  reportCopySha256: sha256HexSchema.optional(),
  createdAt: isoDateTimeSchema,
});
export type Attachment = z.infer<typeof attachmentSchema>;

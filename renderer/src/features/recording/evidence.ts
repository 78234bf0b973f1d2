import { readExifTime } from '@shared/evidence/exif';
import { sha256Hex } from '@shared/hash/sha256';
import { attachmentMimeSchema } from '@shared/schemas';
import { toLocalIso } from '@shared/time/local-iso';

/** Long side of the copy printed in the record. */
export const REPORT_LONG_SIDE = 1600;
export const MAX_PHOTO_BYTES = 40 * 1024 * 1024;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export class EvidenceError extends Error {
  override name = 'EvidenceError';
}

export interface PreparedPhoto {
  original: Blob;
  sha256: string;
  mime: (typeof PHOTO_TYPES)[number];
  size: number;
  takenAt?: string;
  /** The downscaled copy, when the original is larger than the report needs. */
  copy?: { blob: Blob; sha256: string };
}

/**
 * Reads a photo for evidence: checks it really is an image we can keep, hashes the original
 * bytes, reads its EXIF time and makes the downscaled report copy. Nothing is stored here.
 */
export async function preparePhoto(file: Blob): Promise<PreparedPhoto> {
  const mime = attachmentMimeSchema.safeParse(file.type);
  if (!mime.success || !(PHOTO_TYPES as readonly string[]).includes(file.type)) throw new EvidenceError('err.evidence.type');
  if (file.size === 0) throw new EvidenceError('err.evidence.empty');
  if (file.size > MAX_PHOTO_BYTES) throw new EvidenceError('err.evidence.tooLarge');
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new EvidenceError('err.evidence.unreadable');
  }
  const sha256 = await sha256Hex(bytes);
  const exif = file.type === 'image/jpeg' ? readExifTime(bytes) : null;
  const takenAt = exif ? (exif.offset ? `${exif.local}${exif.offset}` : toLocalIso(new Date(exif.local))) : undefined;
  let copy: PreparedPhoto['copy'];
  const longSide = Math.max(bitmap.width, bitmap.height);
  // The printed record takes JPEG or PNG: a WebP photo gets a JPEG copy even when it is small.
  if (longSide > REPORT_LONG_SIDE || file.type === 'image/webp') {
    const scale = Math.min(1, REPORT_LONG_SIDE / longSide);
    const canvas = new OffscreenCanvas(Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new EvidenceError('err.evidence.unreadable');
    ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    // 0.8 prints well at this size (about 250 dpi across the page) and keeps a record with 20
    // photos under 6 MB.
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
    copy = { blob, sha256: await sha256Hex(new Uint8Array(await blob.arrayBuffer())) };
  }
  bitmap.close();
  return { original: new Blob([bytes], { type: file.type }), sha256, mime: file.type as PreparedPhoto['mime'], size: file.size, takenAt, copy };
}

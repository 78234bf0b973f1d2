import { z } from 'zod';
import { sha256HexSchema } from '../schemas/common';

/**
 * Several blobs in one request, `POST /blobs`: a one-line JSON manifest (hash and size of each
 * blob, in order), a newline, then the bytes back to back. Each blob is checked against its own
 * hash and stored or refused on its own; the answer lists what became of each.
 */
export const BLOB_BATCH_MEDIA_TYPE = 'application/vnd.congvu.blob-batch';
export const BLOB_BATCH_VERSION = 1;
/** What the client packs into one request; a larger blob goes alone with `PUT /blobs/:sha256`. */
export const BLOB_BATCH_TARGET_BYTES = 8 * 1024 * 1024;
export const BLOB_BATCH_MAX_BYTES = 32 * 1024 * 1024;
export const BLOB_BATCH_MAX_ITEMS = 256;
const MANIFEST_MAX_BYTES = 64 * 1024;

export const blobBatchManifestSchema = z.object({
  version: z.literal(BLOB_BATCH_VERSION),
  blobs: z
    .array(z.object({ sha256: sha256HexSchema, size: z.number().int().min(0) }))
    .min(1)
    .max(BLOB_BATCH_MAX_ITEMS),
});

export const blobBatchResultSchema = z.object({ sha256: sha256HexSchema, status: z.enum(['created', 'exists', 'mismatch', 'too_large']) });
export const blobBatchResponseSchema = z.object({ results: z.array(blobBatchResultSchema) });
export type BlobBatchResult = z.infer<typeof blobBatchResultSchema>;

/**
 * The request body, as a Blob of its parts: the bytes are not copied into one buffer first (a
 * batch is megabytes, and the copy was a twentieth of the client's time per pushed record).
 */
export function encodeBlobBatch(blobs: ReadonlyArray<{ sha256: string; bytes: Uint8Array }>): Blob {
  const manifest = `${JSON.stringify({ version: BLOB_BATCH_VERSION, blobs: blobs.map((b) => ({ sha256: b.sha256, size: b.bytes.byteLength })) })}\n`;
  return new Blob([manifest, ...blobs.map((b) => b.bytes as Uint8Array<ArrayBuffer>)]);
}

export type BlobBatchParse = { ok: true; blobs: Array<{ sha256: string; bytes: Uint8Array }> } | { ok: false; message: string };

/** Splits a batch body into its blobs (views, not copies); the sizes must add up to the body exactly. */
export function parseBlobBatch(body: Uint8Array): BlobBatchParse {
  const end = body.subarray(0, MANIFEST_MAX_BYTES).indexOf(0x0a);
  if (end < 0) return { ok: false, message: 'The batch must start with a one-line JSON manifest' };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(0, end)));
  } catch {
    return { ok: false, message: 'The batch manifest is not JSON' };
  }
  const manifest = blobBatchManifestSchema.safeParse(json);
  if (!manifest.success) return { ok: false, message: `The batch manifest is not valid: ${manifest.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
  let at = end + 1;
  const blobs: Array<{ sha256: string; bytes: Uint8Array }> = [];
  for (const { sha256, size } of manifest.data.blobs) {
    if (at + size > body.byteLength) return { ok: false, message: 'The body is shorter than the manifest says' };
    blobs.push({ sha256, bytes: body.subarray(at, at + size) });
    at += size;
  }
  if (at !== body.byteLength) return { ok: false, message: 'The body is longer than the manifest says' };
  return { ok: true, blobs };
}

import { z } from 'zod';
import { FORMAT_VERSION } from '../format-version';
import { inspectionRecordSchema, recordBlobHashes, recordContentHash, type InspectionRecord } from '../inspection/record';
import { revisionSchema, sha256HexSchema, uuidV7Schema } from '../schemas/common';

/** The hub API, version 1: shared by the hub, the client sync engine and the USB bundle. */
export const API_PREFIX = '/api/v1';
export const DEFAULT_MAX_BLOB_BYTES = 25 * 1024 * 1024;

export const deviceRoleSchema = z.enum(['inspector', 'reviewer']);
export type DeviceRole = z.infer<typeof deviceRoleSchema>;

export const healthResponseSchema = z.object({ status: z.literal('ok'), epoch: z.string(), formatVersion: z.number().int() });

export const enrollRequestSchema = z.object({
  code: z.string().trim().min(1).max(64),
  deviceName: z
    .string()
    .trim()
    .min(1, 'err.required')
    .max(100, 'err.tooLong')
    .refine((t) => !hasUnstorableText(t), 'err.text.invalid'),
});
export const enrollResponseSchema = z.object({ deviceId: z.string(), token: z.string(), role: deviceRoleSchema });
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;

export const pushRequestSchema = z.object({
  formatVersion: z.literal(FORMAT_VERSION),
  revision: revisionSchema,
  contentHash: sha256HexSchema,
  record: z.unknown(),
  blobs: z.array(sha256HexSchema).max(10_000),
});
export type PushRequest = { formatVersion: typeof FORMAT_VERSION; revision: number; contentHash: string; record: InspectionRecord; blobs: string[] };

/**
 * Many records in one request, `POST /inspections`: each item is judged as its own
 * `PUT /inspections/:id` would be, and those accepted commit in one transaction. A request per
 * record made the round trips, not the bytes, the cost of a push.
 */
export const PUSH_BATCH_MAX_ITEMS = 100;
export const pushBatchRequestSchema = z.object({ items: z.array(z.object({ id: z.string().max(100) }).loose()).min(1).max(PUSH_BATCH_MAX_ITEMS) });
export const pushResultSchema = z.object({
  id: z.string(),
  status: z.number().int(),
  revision: z.number().int().optional(),
  contentHash: z.string().optional(),
  error: z
    .object({
      code: z.string(),
      message: z.string(),
      missingBlobs: z.array(z.string()).optional(),
      issues: z.array(z.string()).optional(),
      /** With `broken_chain`: the newest revision the hub holds of this id, or null. */
      held: z.object({ revision: z.number().int(), contentHash: z.string() }).nullable().optional(),
    })
    .optional(),
});
export type PushResult = z.infer<typeof pushResultSchema>;
export const pushBatchResponseSchema = z.object({ results: z.array(pushResultSchema) });

export const blobsMissingRequestSchema = z.object({ hashes: z.array(sha256HexSchema).max(1000) });
export const blobsMissingResponseSchema = z.object({ missing: z.array(sha256HexSchema) });

export const changeItemSchema = z.object({
  seq: z.number().int().positive(),
  kind: z.string(),
  id: z.string(),
  deleted: z.boolean().optional(),
  data: z.unknown(),
  /** With `include=records` (reviewers): an inspection row carries its record and blob hashes. */
  record: z.unknown().optional(),
  blobs: z.array(sha256HexSchema).optional(),
});
export type ChangeItem = z.infer<typeof changeItemSchema>;
export const changesResponseSchema = z.object({ items: z.array(changeItemSchema), cursor: z.string(), more: z.boolean(), remaining: z.number().int().nonnegative().optional() });
export type ChangesResponse = z.infer<typeof changesResponseSchema>;

export const reviewStatusSchema = z.enum(['received', 'has-issues', 'approved', 'rejected']);
/**
 * A review; `id` (made on the reviewer's device) makes a resend harmless, `revision` pins it to the
 * revision the reviewer read (the newest one when absent).
 */
export const reviewRequestSchema = z.object({
  status: reviewStatusSchema,
  comment: z
    .string()
    .trim()
    .max(5000, 'err.tooLong')
    .refine((t) => !hasUnstorableText(t), 'err.text.invalid')
    .default(''),
  id: z.uuid().optional(),
  revision: revisionSchema.optional(),
});

/** The signed PDF of a revision already pushed: its bytes go first as a blob. */
export const reportRequestSchema = z.object({ revision: revisionSchema, sha256: sha256HexSchema });
/** One signer of a signed report as the hub found it (issue 14): in signing order, with the hub's trust verdict. */
export const reportSignerSchema = z.object({
  index: z.number().int().min(1).max(64),
  kind: z.enum(['signature', 'document-timestamp']),
  role: z.enum(['leader', 'unit-representative', 'recorder']).nullable(),
  commonName: z.string().max(1000),
  subject: z.string().max(4000),
  issuer: z.string().max(4000),
  intact: z.boolean(),
  trust: z.enum(['trusted', 'untrusted', 'revoked', 'expired', 'bad-key-usage', 'unknown']),
  /** The time a time-stamp vouches for (ISO), or null: not time-stamped. */
  timestamp: z.string().max(40).nullable(),
  /** The signer's own claimed signing time (ISO), vouched for by nobody. */
  claimedTime: z.string().max(40).nullable(),
});
export type ReportSigner = z.infer<typeof reportSignerSchema>;
/** `signers` and `untrustedSigner` came with issue 14: optional, so older hubs' rows still parse. */
export const reportChangeSchema = z.object({
  inspectionId: z.string(),
  revision: z.number().int(),
  sha256: sha256HexSchema,
  signer: z.string(),
  receivedAt: z.string(),
  signers: z.array(reportSignerSchema).max(64).optional(),
  untrustedSigner: z.boolean().optional(),
});
export type ReportChange = z.infer<typeof reportChangeSchema>;
export const inspectionChangeSchema = z.object({ id: z.string(), revision: z.number().int(), contentHash: z.string(), unitCode: z.string(), receivedAt: z.string() });
export const reviewChangeSchema = z.object({
  id: z.string(),
  inspectionId: z.string(),
  revision: z.number().int(),
  status: reviewStatusSchema,
  comment: z.string(),
  reviewer: z.string(),
  createdAt: z.string(),
});

export const hubErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), missingBlobs: z.array(z.string()).optional(), problems: z.array(z.string()).optional() }) });

/** The push body for a finalized record: what the outbox sends and the USB bundle holds. */
export function pushRequestFor(record: InspectionRecord): PushRequest {
  return { formatVersion: FORMAT_VERSION, revision: record.inspection.revision, contentHash: record.inspection.contentHash!, record, blobs: recordBlobHashes(record) };
}

export type PushCheck = { ok: true; request: PushRequest } | { ok: false; code: string; message: string; issues?: string[] };

/**
 * Everything about a pushed record that can be checked without the database: the body's shape,
 * the record itself, that it is finalized and that its hash is the SHA-256 of its canonical JSON,
 * that it belongs at this id and revision, and that it lists exactly the blobs it refers to.
 */
export function checkPushRequest(id: string, body: unknown, sha256Text?: (text: string) => string): PushCheck {
  if (!uuidV7Schema.safeParse(id).success) return { ok: false, code: 'bad_id', message: 'The inspection id must be a UUIDv7' };
  const shape = pushRequestSchema.safeParse(body);
  if (!shape.success) return { ok: false, code: 'invalid_request', message: 'The body is not a push request', issues: shape.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const parsed = inspectionRecordSchema.safeParse(shape.data.record);
  if (!parsed.success) return { ok: false, code: 'invalid_record', message: 'The record is not valid', issues: parsed.error.issues.slice(0, 50).map((i) => `${i.path.join('.')}: ${i.message}`) };
  const record = parsed.data;
  const i = record.inspection;
  // One inspection, one spelling: an upper-case copy of an id would otherwise be stored as another inspection.
  if (i.id !== i.id.toLowerCase()) return { ok: false, code: 'non_canonical_id', message: 'The inspection id must be written in lower case' };
  if (i.id !== id || i.revision !== shape.data.revision) return { ok: false, code: 'id_mismatch', message: 'The record does not belong at this id and revision' };
  if (i.status !== 'finalized' || i.contentHash === undefined) return { ok: false, code: 'not_finalized', message: 'Only finalized records are accepted' };
  let computed: string;
  try {
    computed = recordContentHash(record, sha256Text);
  } catch (error) {
    // Text zod accepts but JSON cannot carry exactly (a lone surrogate): not a record anyone can hash.
    return { ok: false, code: 'invalid_record', message: `The record cannot be canonicalised: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (computed !== i.contentHash || computed !== shape.data.contentHash) {
    return { ok: false, code: 'hash_mismatch', message: 'contentHash is not the SHA-256 of the record canonical JSON (RFC 8785)' };
  }
  const needed = recordBlobHashes(record);
  const listed = [...new Set(shape.data.blobs)].sort();
  if (needed.length !== listed.length || needed.some((h, k) => h !== listed[k])) return { ok: false, code: 'blobs_mismatch', message: 'blobs must list exactly the hashes the record refers to' };
  return { ok: true, request: { ...shape.data, record, blobs: needed } };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text no backend stores faithfully: NUL (PostgreSQL text refuses it) and lone UTF-16 surrogates
 * (not encodable as UTF-8). The hub refuses any request carrying them, wherever the string is.
 */
export function hasUnstorableText(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

/** The first string in a parsed JSON value (keys included) that `hasUnstorableText`, as its path, or null. */
export function findUnstorableText(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return hasUnstorableText(value) ? path || '(body)' : null;
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  const entries = Array.isArray(value) ? value.map((v, k) => [String(k), v] as const) : Object.entries(value);
  for (const [key, v] of entries) {
    const at = path ? `${path}.${key}` : key;
    if (hasUnstorableText(key)) return at;
    const found = findUnstorableText(v, at, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** "epoch:seq": a cursor is only good on the hub (and the data) that issued it. */
export function makeCursor(epoch: string, seq: number): string {
  return `${epoch}:${seq}`;
}

export function parseCursor(cursor: string): { epoch: string; seq: number } | null {
  const m = /^([0-9a-f-]{36}):(\d{1,15})$/.exec(cursor);
  return m ? { epoch: m[1]!, seq: Number(m[2]) } : null;
}

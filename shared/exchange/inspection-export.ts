import { zipSync, strToU8, strFromU8 } from 'fflate';
import { unzipBounded } from '../zip/bounded-unzip';
import { z } from 'zod';
import { auditEntrySchema, findAuditBreak, type AuditEntry } from '../audit/audit-chain';
import { FORMAT_VERSION } from '../format-version';
import { canonicalJson } from '../hash/canonical-json';
import { sha256HexSync } from '../hash/sha256-sync';
import { inspectionRecordSchema, recordBlobHashes, recordContentHash, type InspectionRecord } from '../inspection/record';

/**
 * One inspection as a .zip, for backup or hand-over: every revision, its audit log and the blobs
 * (photos, drawn signatures) they refer to. `record.json` is canonical JSON; blobs are stored
 * under `blobs/<sha256>` and checked against their names on import.
 */
export const EXPORT_KIND = 'congvu.inspection-export';

export const inspectionExportSchema = z
  .object({
    kind: z.literal(EXPORT_KIND),
    formatVersion: z.literal(FORMAT_VERSION),
    exportedAt: z.string(),
    revisions: z.array(inspectionRecordSchema).min(1).max(100),
    auditLog: z.array(auditEntrySchema),
  })
  .superRefine((e, ctx) => {
    const id = e.revisions[0]!.inspection.id;
    e.revisions.forEach((r, i) => {
      if (r.inspection.id !== id) ctx.addIssue({ code: 'custom', message: 'err.exchange.mixedInspections', path: ['revisions', i] });
      if (r.inspection.revision !== i + 1) ctx.addIssue({ code: 'custom', message: 'err.exchange.revisionGap', path: ['revisions', i] });
      if (r.inspection.status === 'finalized' && recordContentHash(r) !== r.inspection.contentHash) {
        ctx.addIssue({ code: 'custom', message: 'err.exchange.hashMismatch', path: ['revisions', i] });
      }
    });
    if (e.auditLog.some((a) => a.inspectionId !== id) || findAuditBreak(e.auditLog) !== -1) {
      ctx.addIssue({ code: 'custom', message: 'err.exchange.auditBroken', path: ['auditLog'] });
    }
  });
export type InspectionExport = z.infer<typeof inspectionExportSchema>;

export class ExchangeError extends Error {
  override name = 'ExchangeError';
}

export const MAX_EXPORT_BYTES = 1024 * 1024 * 1024;

export function buildExportZip(revisions: InspectionRecord[], auditLog: AuditEntry[], blobs: ReadonlyMap<string, Uint8Array>, exportedAt: string): Uint8Array {
  const manifest: InspectionExport = { kind: EXPORT_KIND, formatVersion: FORMAT_VERSION, exportedAt, revisions, auditLog };
  const files: Record<string, Uint8Array> = { 'record.json': strToU8(canonicalJson(manifest)) };
  for (const sha of new Set(revisions.flatMap(recordBlobHashes))) {
    const bytes = blobs.get(sha);
    if (!bytes) throw new ExchangeError(`err.exchange.blobMissing: ${sha}`);
    // Photos are already compressed: store them as they are.
    files[`blobs/${sha}`] = bytes;
  }
  return zipSync(files, { level: 0 });
}

export interface ParsedExport {
  data: InspectionExport;
  blobs: Map<string, Uint8Array>;
}

/** Reads and checks an export: structure, hashes of finalized revisions, audit chain, every blob. */
export function parseExportZip(bytes: Uint8Array): ParsedExport {
  if (bytes.byteLength > MAX_EXPORT_BYTES) throw new ExchangeError('err.exchange.tooLarge');
  // Read without trusting the zip: a bomb, a repeated or escaping name is refused before inflating.
  const opened = unzipBounded(bytes, {
    maxEntries: 20_000,
    maxEntryBytes: (name) => (name === 'record.json' ? 64 * 1024 * 1024 : name.startsWith('blobs/') ? 64 * 1024 * 1024 : 1024 * 1024),
    maxTotalBytes: MAX_EXPORT_BYTES,
  });
  if (!opened.ok) throw new ExchangeError(opened.problem.code === 'not_zip' ? 'err.exchange.notZip' : `err.exchange.unsafeZip: ${opened.problem.code}${opened.problem.entry ? ` ${opened.problem.entry}` : ''}`);
  const files = Object.fromEntries(opened.files);
  const recordFile = files['record.json'];
  if (!recordFile) throw new ExchangeError('err.exchange.noRecord');
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(recordFile));
  } catch {
    throw new ExchangeError('err.exchange.badJson');
  }
  const parsed = inspectionExportSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new ExchangeError(first.message.startsWith('err.') ? first.message : `err.exchange.invalid: ${first.path.join('.')}: ${first.message}`);
  }
  const blobs = new Map<string, Uint8Array>();
  for (const sha of new Set(parsed.data.revisions.flatMap(recordBlobHashes))) {
    const file = files[`blobs/${sha}`];
    if (!file) throw new ExchangeError(`err.exchange.blobMissing: ${sha}`);
    if (sha256HexSync(file) !== sha) throw new ExchangeError(`err.exchange.blobCorrupt: ${sha}`);
    blobs.set(sha, file);
  }
  return { data: parsed.data, blobs };
}

import { strFromU8, strToU8, zipSync } from 'fflate';
import { describeZipProblem, openBoundedZip } from '../zip/bounded-unzip';
import { canonicalJson } from '../hash/canonical-json';
import { sha256HexSync } from '../hash/sha256-sync';
import type { InspectionRecord } from '../inspection/record';
import { pushRequestFor } from './protocol';

/**
 * The USB hand-over bundle: finalized records in the push format and their blobs, for a laptop
 * that cannot reach the hub. The hub imports it with the same checks and idempotency as a push.
 */
export const BUNDLE_KIND = 'congvu.sync-bundle';

export function buildSyncBundle(records: readonly InspectionRecord[], blobs: ReadonlyMap<string, Uint8Array>, createdAt: string): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const names: string[] = [];
  for (const record of records) {
    const request = pushRequestFor(record);
    const name = `records/${record.inspection.id}@${record.inspection.revision}.json`;
    files[name] = strToU8(canonicalJson(request));
    names.push(name);
    for (const sha of request.blobs) {
      const bytes = blobs.get(sha);
      if (!bytes) throw new Error(`err.bundle.blobMissing: ${sha}`);
      files[`blobs/${sha}`] = bytes;
    }
  }
  files['bundle.json'] = strToU8(canonicalJson({ kind: BUNDLE_KIND, createdAt, records: names }));
  return zipSync(files, { level: 0 });
}

/** What a bundle may hold, whatever it claims: each blob no larger than the hub takes one. */
export interface BundleLimits {
  maxBlobBytes: number;
  maxRecordBytes?: number;
  maxTotalBytes?: number;
  maxEntries?: number;
}

export interface ParsedBundle {
  /** Push bodies by inspection id, not yet checked: the importer runs checkPushRequest on each. */
  records: Array<{ id: string; body: unknown; name: string }>;
  /** Blobs by the hash their name claims, inflated one at a time when read (checked against it then). */
  blobs: Array<{ sha256: string; read: () => { ok: true; bytes: Uint8Array } | { ok: false; problem: string } }>;
}

/** Thrown for a bundle refused as a whole: `err.bundle.<why>: detail`. */
export class BundleError extends Error {}

export function parseSyncBundle(bytes: Uint8Array, limits: BundleLimits): ParsedBundle {
  const maxRecordBytes = limits.maxRecordBytes ?? 32 * 1024 * 1024;
  const opened = openBoundedZip(bytes, {
    maxEntries: limits.maxEntries ?? 200_000,
    maxEntryBytes: (name) => (name.startsWith('blobs/') ? limits.maxBlobBytes : name === 'bundle.json' ? 8 * 1024 * 1024 : name.startsWith('records/') ? maxRecordBytes : 64 * 1024),
    maxTotalBytes: limits.maxTotalBytes ?? 2 * 1024 * 1024 * 1024,
  });
  if (!opened.ok) throw new BundleError(opened.problem.code === 'not_zip' ? 'err.bundle.notZip' : `err.bundle.refused: ${describeZipProblem(opened.problem)}`);
  const byName = new Map(opened.entries.map((e) => [e.name, e]));
  const manifest = byName.get('bundle.json')?.read();
  if (!manifest) throw new BundleError('err.bundle.noManifest');
  if (!manifest.ok) throw new BundleError(`err.bundle.refused: ${describeZipProblem(manifest.problem)}`);
  let meta: { kind?: unknown; records?: unknown };
  try {
    meta = JSON.parse(strFromU8(manifest.bytes)) as typeof meta;
  } catch {
    throw new BundleError('err.bundle.badManifest');
  }
  if (meta.kind !== BUNDLE_KIND || !Array.isArray(meta.records) || meta.records.length > 100_000) throw new BundleError('err.bundle.badManifest');
  const records: ParsedBundle['records'] = [];
  for (const name of new Set(meta.records)) {
    const m = typeof name === 'string' ? /^records\/([0-9a-f-]{36})@\d+\.json$/.exec(name) : null;
    const read = m ? byName.get(name as string)?.read() : undefined;
    let body: unknown;
    try {
      body = read?.ok ? JSON.parse(strFromU8(read.bytes)) : null;
    } catch {
      body = null;
    }
    records.push({ id: m?.[1] ?? '', body, name: String(name).slice(0, 200) });
  }
  const blobs: ParsedBundle['blobs'] = [];
  for (const entry of opened.entries) {
    const m = /^blobs\/([0-9a-f]{64})$/.exec(entry.name);
    if (!m) continue;
    const sha256 = m[1]!;
    blobs.push({
      sha256,
      read: () => {
        const read = entry.read();
        if (!read.ok) return { ok: false, problem: describeZipProblem(read.problem) };
        return sha256HexSync(read.bytes) === sha256 ? read : { ok: false, problem: 'the bytes do not hash to the name' };
      },
    });
  }
  return { records, blobs };
}

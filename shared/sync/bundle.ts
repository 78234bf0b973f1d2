import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
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

export interface ParsedBundle {
  /** Push bodies by inspection id, not yet checked: the importer runs checkPushRequest on each. */
  records: Array<{ id: string; body: unknown; name: string }>;
  blobs: Map<string, Uint8Array>;
  /** Blobs whose bytes do not hash to their name: never imported. */
  badBlobs: string[];
}

export function parseSyncBundle(bytes: Uint8Array): ParsedBundle {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    throw new Error('err.bundle.notZip');
  }
  const manifest = files['bundle.json'];
  if (!manifest) throw new Error('err.bundle.noManifest');
  let meta: { kind?: unknown; records?: unknown };
  try {
    meta = JSON.parse(strFromU8(manifest)) as typeof meta;
  } catch {
    throw new Error('err.bundle.badManifest');
  }
  if (meta.kind !== BUNDLE_KIND || !Array.isArray(meta.records)) throw new Error('err.bundle.badManifest');
  const records: ParsedBundle['records'] = [];
  for (const name of meta.records) {
    const m = typeof name === 'string' ? /^records\/([0-9a-f-]{36})@\d+\.json$/.exec(name) : null;
    const file = m ? files[name as string] : undefined;
    let body: unknown;
    try {
      body = file ? JSON.parse(strFromU8(file)) : null;
    } catch {
      body = null;
    }
    records.push({ id: m?.[1] ?? '', body, name: String(name) });
  }
  const blobs = new Map<string, Uint8Array>();
  const badBlobs: string[] = [];
  for (const [name, data] of Object.entries(files)) {
    const m = /^blobs\/([0-9a-f]{64})$/.exec(name);
    if (!m) continue;
    if (sha256HexSync(data) === m[1]) blobs.set(m[1]!, data);
    else badBlobs.push(m[1]!);
  }
  return { records, blobs, badBlobs };
}

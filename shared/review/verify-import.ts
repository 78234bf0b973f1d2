import { canonicalHash } from '../hash/sha256';
import { inspectionRecordSchema, recordBlobHashes, recordBody, type InspectionRecord } from '../inspection/record';
import { inspectionChangeSchema, type ChangeItem } from '../sync/protocol';

/** Why an imported inspection is flagged instead of counted. */
export type ImportProblem = 'bad-change' | 'no-record' | 'invalid-record' | 'not-finalized' | 'other-revision' | 'hash-mismatch' | 'blobs-mismatch';

export type ImportCheck =
  | { ok: true; id: string; revision: number; contentHash: string; receivedAt: string; record: InspectionRecord; blobs: string[] }
  | { ok: false; id: string; revision: number; contentHash: string; receivedAt: string; problems: ImportProblem[]; raw: unknown; blobs: string[] };

/**
 * The reviewer's own check of a record handed down by the hub: valid, finalized, at the revision
 * the feed says, and hashing to the content hash the inspector's device sealed it with. The hub
 * checked it too; this catches a record altered on the hub or on the way. The hash is WebCrypto's:
 * for thousands of records, several times faster than the portable one.
 */
export async function checkImportedInspection(item: ChangeItem): Promise<ImportCheck> {
  const meta = inspectionChangeSchema.safeParse(item.data);
  const [idPart = '', revPart = '0'] = item.id.split('@');
  const base = meta.success ? meta.data : { id: idPart, revision: Number(revPart) || 0, contentHash: '', receivedAt: '' };
  const head = { id: base.id, revision: base.revision, contentHash: base.contentHash, receivedAt: base.receivedAt, blobs: item.blobs ?? [] };
  if (!meta.success) return { ok: false, ...head, problems: ['bad-change'], raw: item.record ?? null };
  if (item.record === undefined) return { ok: false, ...head, problems: ['no-record'], raw: null };
  const parsed = inspectionRecordSchema.safeParse(item.record);
  if (!parsed.success) return { ok: false, ...head, problems: ['invalid-record'], raw: item.record };
  const record = parsed.data;
  const i = record.inspection;
  const problems: ImportProblem[] = [];
  if (i.status !== 'finalized') problems.push('not-finalized');
  if (i.id !== base.id || i.revision !== base.revision) problems.push('other-revision');
  const hash = await canonicalHash(recordBody(record));
  if (hash !== base.contentHash || hash !== i.contentHash) problems.push('hash-mismatch');
  const needed = recordBlobHashes(record);
  if (item.blobs && (item.blobs.length !== needed.length || item.blobs.some((h, k) => h !== needed[k]))) problems.push('blobs-mismatch');
  return problems.length ? { ok: false, ...head, problems, raw: item.record } : { ok: true, ...head, record };
}

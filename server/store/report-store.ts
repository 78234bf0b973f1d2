import type { Kysely } from 'kysely';
import { canonicalJson } from '@shared/hash/canonical-json';
import { checkSignedReport } from '@shared/review/report-binding';
import type { ReportChange, ReportSigner } from '@shared/sync/protocol';
import type { HubDatabase } from '../db/schema';
import type { BlobFiles } from './blob-files';
import { notOwner } from './ownership-rules';

/** What the hub does with a report whose signer does not chain to its trust folder. */
export type UntrustedSignerPolicy = 'flag' | 'refuse';

export interface ReportPolicy {
  /** Roots from HUB_TRUST_DIR (DER); empty when it is not set, and then no signer is judged. */
  anchors: readonly Uint8Array[];
  /** Intermediate CA certificates found in the folder, offered to chain building. */
  intermediates: readonly Uint8Array[];
  untrustedSigner: UntrustedSignerPolicy;
}

export const NO_TRUST_FOLDER: ReportPolicy = { anchors: [], intermediates: [], untrustedSigner: 'flag' };

export type ReportOutcome =
  | { status: 200 | 201; body: ReportChange }
  | { status: 403 | 404 | 422; code: string; message: string; problems?: string[]; missingBlobs?: string[]; signers?: ReportSigner[] };

interface FeedWriter {
  now(): string;
  appendChange(db: Kysely<HubDatabase>, change: { kind: string; entityId: string; data: unknown }): Promise<void>;
}

/** The stored signers text back as the list (rows from before issue 14 hold '[]'). */
function storedSigners(text: string): ReportSigner[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as ReportSigner[]) : [];
  } catch {
    return [];
  }
}

/**
 * The signed PDFs of records. One revision may carry several: the file signed by the team lead,
 * then the same file signed again by the unit's head, then time-stamped; each is a row of its own,
 * and the one with the most signatures is the newest.
 */
export class ReportStore {
  constructor(
    private readonly db: Kysely<HubDatabase>,
    private readonly files: BlobFiles,
    private readonly feed: FeedWriter,
    private readonly policy: ReportPolicy,
  ) {}

  /**
   * Attaches a signed PDF, already uploaded as a blob, to a revision the hub holds, once it checks
   * out: made from this very record, every signature intact over its revision, later revisions
   * adding only signatures and their validation data. Only the device the record belongs to may.
   */
  async put(deviceId: string, id: string, revision: number, sha256: string): Promise<ReportOutcome> {
    const owner = await this.db.selectFrom('inspection_owners').select('device_id').where('inspection_id', '=', id).executeTakeFirst();
    if (owner && owner.device_id !== deviceId) return { status: 403, code: 'not_owner', message: notOwner(id).body.error.message };
    const target = await this.db.selectFrom('inspections').select(['content_hash']).where('id', '=', id).where('revision', '=', revision).executeTakeFirst();
    if (!target) return { status: 404, code: 'not_found', message: 'The hub does not hold this revision: push the record first' };
    const bytes = await this.files.read(sha256);
    if (!bytes) return { status: 422, code: 'missing_blobs', message: 'Upload the PDF as a blob first', missingBlobs: [sha256] };
    const check = checkSignedReport(bytes, target.content_hash, { anchors: this.policy.anchors, intermediates: this.policy.intermediates });
    if (!check.ok) return { status: 422, code: 'invalid_report', message: `The signed PDF does not check out: ${check.problems.join(', ')}`, problems: check.problems };
    if (check.untrustedSigner && this.policy.untrustedSigner === 'refuse') {
      const who = check.signers.filter((s) => s.kind === 'signature' && s.trust !== 'trusted').map((s) => `${s.commonName} (${s.trust})`);
      return { status: 422, code: 'untrusted_signer', message: `A signer does not chain to a root in the hub's trust folder: ${who.join(', ')}`, signers: check.signers };
    }
    return this.db.transaction().execute(async (trx) => {
      const held = await trx.selectFrom('inspection_reports').select(['signer', 'received_at', 'signers', 'untrusted_signer']).where('inspection_id', '=', id).where('revision', '=', revision).where('sha256', '=', sha256).executeTakeFirst();
      const bodyOf = (row: { signer: string; received_at: string; signers: string; untrusted_signer: number }): ReportChange => ({
        inspectionId: id,
        revision,
        sha256,
        signer: row.signer,
        receivedAt: row.received_at,
        signers: storedSigners(row.signers),
        untrustedSigner: row.untrusted_signer === 1,
      });
      if (held) return { status: 200 as const, body: bodyOf(held) };
      const now = this.feed.now();
      const row = { signer: (check.signer ?? '').slice(0, 200), received_at: now, signers: canonicalJson(check.signers), untrusted_signer: check.untrustedSigner ? 1 : 0 };
      await trx.insertInto('blobs').values({ sha256, size: bytes.byteLength, created_at: now }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
      const inserted = await trx
        .insertInto('inspection_reports')
        .values({ inspection_id: id, revision, sha256, device_id: deviceId, ...row })
        .onConflict((oc) => oc.columns(['inspection_id', 'revision', 'sha256']).doNothing())
        .executeTakeFirst();
      // Another request attached the same file a moment ago.
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return { status: 200 as const, body: bodyOf(row) };
      const body = bodyOf(row);
      await this.feed.appendChange(trx, { kind: 'report', entityId: `${id}@${revision}/${sha256}`, data: body });
      return { status: 201 as const, body };
    });
  }
}

import { randomUUID, webcrypto } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { canonicalJson } from '@shared/hash/canonical-json';
import type { DeviceRole, PushRequest } from '@shared/sync/protocol';
import type { Dialect } from '../db/connect';
import type { HubDatabase } from '../db/schema';
import type { BlobFiles } from './blob-files';
import { hashSecret, newEnrollmentCode, newToken, normalizeCode } from '../auth';
import { chainProblem, notOwner } from './ownership-rules';
import { NO_TRUST_FOLDER, ReportStore, type ReportPolicy } from './report-store';

export interface Device {
  id: string;
  name: string;
  role: DeviceRole;
}

export type Db = Kysely<HubDatabase> | Transaction<HubDatabase>;

type Change = { kind: string; entityId: string; data: unknown; deleted?: boolean; audience?: string | null };

/** The advisory lock PostgreSQL writers of the changes feed take turns on (any fixed number). */
const FEED_LOCK = 7_267_001;

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Rows for a multi-row insert, a few hundred at a time: SQLite allows at most 32,766 parameters per statement. */
function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let k = 0; k < rows.length; k += size) out.push(rows.slice(k, k + size));
  return out;
}

const CODE_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** What each role is handed down by the changes feed (a retired template version is no longer offered for new inspections). */
const KINDS: Record<DeviceRole, string[]> = {
  inspector: ['template', 'template-retired', 'legal-basis', 'unit', 'assignment', 'review'],
  reviewer: ['template', 'template-retired', 'legal-basis', 'unit', 'assignment', 'inspection', 'report', 'review'],
};

export type PushOutcome =
  | { status: 201; body: { id: string; revision: number; contentHash: string } }
  | { status: 200; body: { id: string; revision: number; contentHash: string } }
  | { status: 403; body: { error: { code: 'not_owner'; message: string } } }
  | { status: 409; body: { error: { code: 'conflict'; message: string } } }
  | { status: 409; body: { error: { code: 'broken_chain'; message: string; held: { revision: number; contentHash: string } | null } } }
  | { status: 422; body: { error: { code: 'missing_blobs'; message: string; missingBlobs: string[] } } };

/** All the hub's reads and writes. Each write that must be all-or-nothing runs in one transaction. */
export class HubStore {
  /** The signed PDFs of records, judged against the hub's trust folder. */
  readonly reports: ReportStore;

  constructor(
    readonly db: Kysely<HubDatabase>,
    readonly dialect: Dialect,
    private readonly files: BlobFiles,
    reportPolicy: ReportPolicy = NO_TRUST_FOLDER,
  ) {
    this.reports = new ReportStore(db, files, this, reportPolicy);
  }

  now(): string {
    return new Date().toISOString();
  }

  /** The hub's epoch, made on first start; `renewEpoch` after restoring a backup. */
  async epoch(): Promise<string> {
    const row = await this.db.selectFrom('hub_meta').select('value').where('key', '=', 'epoch').executeTakeFirst();
    if (row) return row.value;
    const epoch = randomUUID();
    await this.db.insertInto('hub_meta').values({ key: 'epoch', value: epoch }).onConflict((oc) => oc.column('key').doNothing()).execute();
    return (await this.db.selectFrom('hub_meta').select('value').where('key', '=', 'epoch').executeTakeFirstOrThrow()).value;
  }

  async renewEpoch(): Promise<string> {
    const epoch = randomUUID();
    await this.db.insertInto('hub_meta').values({ key: 'epoch', value: epoch }).onConflict((oc) => oc.column('key').doUpdateSet({ value: epoch })).execute();
    return epoch;
  }

  // Devices and enrollment

  async createEnrollment(role: DeviceRole, name: string): Promise<{ code: string; expiresAt: string }> {
    const code = newEnrollmentCode();
    const created = new Date();
    const expiresAt = new Date(created.getTime() + CODE_LIFETIME_MS).toISOString();
    await this.db.insertInto('enrollment_codes').values({ code_hash: hashSecret(code), role, name, created_at: created.toISOString(), expires_at: expiresAt, used_at: null, device_id: null }).execute();
    return { code, expiresAt };
  }

  /** Trades a one-time code for a device token; the code is marked used in the same transaction. */
  async enroll(code: string, deviceName: string): Promise<{ deviceId: string; token: string; role: DeviceRole } | 'invalid' | 'used'> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('enrollment_codes').selectAll().where('code_hash', '=', hashSecret(normalizeCode(code))).executeTakeFirst();
      const now = this.now();
      if (!row || row.expires_at < now) return 'invalid';
      if (row.used_at !== null) return 'used';
      const deviceId = randomUUID();
      const token = newToken();
      const claimed = await trx.updateTable('enrollment_codes').set({ used_at: now, device_id: deviceId }).where('code_hash', '=', row.code_hash).where('used_at', 'is', null).executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return 'used';
      await trx.insertInto('devices').values({ id: deviceId, name: `${row.name} — ${deviceName}`.slice(0, 200), role: row.role, token_hash: hashSecret(token), created_at: now, revoked_at: null, last_seen_at: null }).execute();
      return { deviceId, token, role: row.role };
    });
  }

  /** The live device a token belongs to; its last sync time is kept to the minute for the console. */
  async deviceByToken(token: string): Promise<Device | null> {
    const row = await this.db.selectFrom('devices').select(['id', 'name', 'role', 'last_seen_at']).where('token_hash', '=', hashSecret(token)).where('revoked_at', 'is', null).executeTakeFirst();
    if (!row) return null;
    const now = this.now();
    if (row.last_seen_at === null || Date.parse(now) - Date.parse(row.last_seen_at) > 60_000) {
      await this.db.updateTable('devices').set({ last_seen_at: now }).where('id', '=', row.id).execute();
    }
    return { id: row.id, name: row.name, role: row.role };
  }

  listDevices() {
    return this.db.selectFrom('devices').select(['id', 'name', 'role', 'created_at', 'revoked_at']).orderBy('created_at').execute();
  }

  async revoke(deviceId: string): Promise<boolean> {
    const result = await this.db.updateTable('devices').set({ revoked_at: this.now() }).where('id', '=', deviceId).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  // The changes feed

  async appendChange(db: Db, change: Change): Promise<void> {
    await this.appendChanges(db, [change]);
  }

  /**
   * Rows of the changes feed, in this order. Readers page by sequence number, so a row must never
   * become visible after a row with a higher number: on PostgreSQL, where transactions run side by
   * side, writers of the feed take turns from their first row until they commit (SQLite has a
   * single writer already).
   */
  async appendChanges(db: Db, changes: readonly Change[]): Promise<void> {
    if (changes.length === 0) return;
    if (this.dialect === 'postgres' && !db.isTransaction) {
      await db.transaction().execute((trx) => this.appendChanges(trx, changes));
      return;
    }
    if (this.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${FEED_LOCK})`.execute(db);
    const now = this.now();
    for (const rows of chunks(changes, 500)) {
      await db
        .insertInto('changes')
        .values(rows.map((change) => ({ kind: change.kind, entity_id: change.entityId, deleted: change.deleted ? 1 : 0, data: canonicalJson(change.data), audience_device: change.audience ?? null, created_at: now })))
        .execute();
    }
  }

  async maxSeq(): Promise<number> {
    const row = await this.db.selectFrom('changes').select((eb) => eb.fn.max('seq').as('max')).executeTakeFirst();
    return Number(row?.max ?? 0);
  }

  /** The change rows a device may see after a position: reviewers every row; an inspector only rows for everyone and rows addressed to it. */
  private visibleChanges(device: Device, afterSeq: number) {
    const query = this.db.selectFrom('changes').where('seq', '>', afterSeq).where('kind', 'in', KINDS[device.role]);
    return device.role === 'inspector' ? query.where((eb) => eb.or([eb('audience_device', 'is', null), eb('audience_device', '=', device.id)])) : query;
  }

  async changesFor(device: Device, afterSeq: number, limit: number) {
    const rows = await this.visibleChanges(device, afterSeq).select(['seq', 'kind', 'entity_id', 'deleted', 'data']).orderBy('seq').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const more = rows.length > limit;
    // How many rows are left after this page, for the client's progress bar.
    const remaining = more ? Number((await this.visibleChanges(device, page.at(-1)!.seq).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0) : 0;
    return { rows: page, more, remaining };
  }

  // Blobs

  async hasBlob(sha256: string): Promise<boolean> {
    return (await this.files.size(sha256)) !== null;
  }

  /** Blobs already linked to a record are in the index; only the others need a look at the disk. */
  async missingBlobs(hashes: string[]): Promise<string[]> {
    const unique = [...new Set(hashes)];
    if (unique.length === 0) return [];
    const indexed = new Set((await this.db.selectFrom('blobs').select('sha256').where('sha256', 'in', unique).execute()).map((r) => r.sha256));
    const rest = unique.filter((h) => !indexed.has(h));
    const sizes = await Promise.all(rest.map((h) => this.files.size(h)));
    return rest.filter((_, i) => sizes[i] === null);
  }

  getBlob(sha256: string): Promise<Uint8Array | null> {
    return this.files.read(sha256);
  }

  /**
   * Stores bytes under their own hash, checked here whoever calls. A blob exists once its file is
   * on disk, flushed, under its final name; the database indexes it when a record links to it, in
   * the record's transaction, so an upload costs no database commit. Node's own SHA-256: several
   * times faster than the portable one for megabytes of photos.
   */
  async putBlob(sha256: string, data: Uint8Array): Promise<'created' | 'exists' | 'mismatch'> {
    if (Buffer.from(await webcrypto.subtle.digest('SHA-256', data)).toString('hex') !== sha256) return 'mismatch';
    if (await this.hasBlob(sha256)) return 'exists';
    await this.files.write(sha256, data);
    return 'created';
  }

  // Inspections

  /**
   * Takes a checked record. The same id and revision with the same hash is a retry (200); with
   * another hash, a conflict (409). The record, its blob links and its change row commit together.
   */
  async putInspection(deviceId: string, request: PushRequest): Promise<PushOutcome> {
    return (await this.putInspections(deviceId, [request]))[0]!;
  }

  /**
   * Checked records, each judged as `putInspection` would, all committed in one transaction: one
   * disk flush for the lot instead of one per record.
   */
  async putInspections(deviceId: string, requests: readonly PushRequest[]): Promise<PushOutcome[]> {
    // Checked before the transaction: a blob file, once there, never goes away.
    const hashes = [...new Set(requests.flatMap((r) => r.blobs))];
    const sizes = new Map(await Promise.all(hashes.map(async (sha) => [sha, await this.files.size(sha)] as const)));
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.insertInspections(deviceId, requests, sizes);
      } catch (error) {
        // PostgreSQL: another request stored one of these revisions (or linked one of these blobs)
        // between our read and our insert. Judged again, that record is now a retry or a conflict.
        const code = (error as { code?: unknown }).code;
        if (this.dialect !== 'postgres' || !(code === '23505' || code === '40P01') || attempt >= 3) throw error;
      }
    }
  }

  private insertInspections(deviceId: string, requests: readonly PushRequest[], sizes: ReadonlyMap<string, number | null>): Promise<PushOutcome[]> {
    const ids = [...new Set(requests.map((r) => r.record.inspection.id))];
    return this.db.transaction().execute(async (trx) => {
      // The revisions already held and the owners, read in one query each rather than one per record.
      const held = new Map<string, Map<number, string>>();
      const owners = new Map<string, string>();
      for (const some of chunks(ids, 500)) {
        for (const row of await trx.selectFrom('inspections').select(['id', 'revision', 'content_hash']).where('id', 'in', some).execute()) {
          held.set(row.id, (held.get(row.id) ?? new Map<number, string>()).set(row.revision, row.content_hash));
        }
        for (const row of await trx.selectFrom('inspection_owners').select(['inspection_id', 'device_id']).where('inspection_id', 'in', some).execute()) owners.set(row.inspection_id, row.device_id);
      }
      const now = this.now();
      const accepted: PushRequest[] = [];
      const newOwners = new Set<string>();
      const outcomes = requests.map((request): PushOutcome => {
        const { id, revision } = request.record.inspection;
        const ok = { id, revision, contentHash: request.contentHash };
        const owner = owners.get(id);
        if (owner !== undefined && owner !== deviceId) return notOwner(id);
        const revisions = held.get(id) ?? new Map<number, string>();
        const existing = revisions.get(revision);
        if (existing !== undefined) {
          return existing === request.contentHash ? { status: 200, body: ok } : { status: 409, body: { error: { code: 'conflict', message: `Revision ${revision} of ${id} is already held with another hash` } } };
        }
        const broken = chainProblem(request, revisions);
        if (broken) return broken;
        const missing = request.blobs.filter((sha) => (sizes.get(sha) ?? null) === null);
        if (missing.length > 0) return { status: 422, body: { error: { code: 'missing_blobs', message: 'Upload these blobs first', missingBlobs: missing } } };
        // The same record twice in one request is taken once; a later revision in it stands on this one.
        held.set(id, revisions.set(revision, request.contentHash));
        if (owner === undefined) {
          owners.set(id, deviceId);
          newOwners.add(id);
        }
        accepted.push(request);
        return { status: 201, body: ok };
      });
      if (accepted.length === 0) return outcomes;
      // A plain insert: on PostgreSQL, two devices claiming one new id at once collide here and the loser is judged again.
      const claimed = [...newOwners].sort();
      for (const rows of chunks(claimed, 500)) await trx.insertInto('inspection_owners').values(rows.map((inspection_id) => ({ inspection_id, device_id: deviceId, since: now }))).execute();
      // Rows go in sorted: two requests inserting the same keys in opposite orders would deadlock on PostgreSQL.
      accepted.sort((a, b) => compareKeys(a.record.inspection.id, b.record.inspection.id) || a.record.inspection.revision - b.record.inspection.revision);
      const linked = [...new Set(accepted.flatMap((r) => r.blobs))].sort();
      for (const rows of chunks(linked, 500)) {
        await trx
          .insertInto('blobs')
          .values(rows.map((sha256) => ({ sha256, size: sizes.get(sha256)!, created_at: now })))
          .onConflict((oc) => oc.column('sha256').doNothing())
          .execute();
      }
      for (const rows of chunks(accepted, 100)) {
        await trx
          .insertInto('inspections')
          .values(rows.map(({ record, contentHash }) => ({ id: record.inspection.id, revision: record.inspection.revision, content_hash: contentHash, record: JSON.stringify(record), unit_code: record.inspection.unit.code, device_id: deviceId, received_at: now })))
          .execute();
      }
      const links = accepted.flatMap(({ record, blobs }) => blobs.map((sha256) => ({ inspection_id: record.inspection.id, revision: record.inspection.revision, sha256 })));
      for (const rows of chunks(links, 500)) await trx.insertInto('inspection_blobs').values(rows).execute();
      await this.appendChanges(
        trx,
        accepted.map(({ record, contentHash }) => {
          const { id, revision } = record.inspection;
          return { kind: 'inspection', entityId: `${id}@${revision}`, data: { id, revision, contentHash, unitCode: record.inspection.unit.code, receivedAt: now } };
        }),
      );
      return outcomes;
    });
  }

  /** The stored records (JSON text, as checked) and blob lists of these inspection change rows. */
  async recordsFor(entityIds: string[]): Promise<Map<string, { record: string; blobs: string[] }>> {
    const keys = entityIds.map((e) => e.split('@')).filter((k): k is [string, string] => k.length === 2);
    const found = new Map<string, { record: string; blobs: string[] }>();
    if (keys.length === 0) return found;
    const ids = [...new Set(keys.map(([id]) => id))];
    const [rows, links] = await Promise.all([
      this.db.selectFrom('inspections').select(['id', 'revision', 'record']).where('id', 'in', ids).execute(),
      this.db.selectFrom('inspection_blobs').select(['inspection_id', 'revision', 'sha256']).where('inspection_id', 'in', ids).execute(),
    ]);
    for (const r of rows) found.set(`${r.id}@${r.revision}`, { record: r.record, blobs: [] });
    for (const l of links) found.get(`${l.inspection_id}@${l.revision}`)?.blobs.push(l.sha256);
    for (const v of found.values()) v.blobs.sort();
    return found;
  }

  /** The devices these inspections belong to (ids no device has pushed are absent). */
  async ownersOf(ids: readonly string[]): Promise<Map<string, string>> {
    const owners = new Map<string, string>();
    for (const some of chunks([...new Set(ids)], 500)) {
      for (const row of await this.db.selectFrom('inspection_owners').select(['inspection_id', 'device_id']).where('inspection_id', 'in', some).execute()) owners.set(row.inspection_id, row.device_id);
    }
    return owners;
  }

  /** The device an inspection belongs to, or null if no device has pushed it. */
  async ownerOf(id: string): Promise<string | null> {
    const row = await this.db.selectFrom('inspection_owners').select('device_id').where('inspection_id', '=', id).executeTakeFirst();
    return row?.device_id ?? null;
  }

  /** The content hash of a revision the hub holds, or null. */
  async heldHash(id: string, revision: number): Promise<string | null> {
    const row = await this.db.selectFrom('inspections').select('content_hash').where('id', '=', id).where('revision', '=', revision).executeTakeFirst();
    return row?.content_hash ?? null;
  }

  async getInspection(id: string, revision?: number) {
    let query = this.db.selectFrom('inspections').selectAll().where('id', '=', id);
    if (revision !== undefined) query = query.where('revision', '=', revision);
    const row = await query.orderBy('revision', 'desc').executeTakeFirst();
    if (!row) return null;
    const [blobs, reviews] = await Promise.all([
      this.db.selectFrom('inspection_blobs').select('sha256').where('inspection_id', '=', id).where('revision', '=', row.revision).orderBy('sha256').execute(),
      this.db.selectFrom('reviews').select(['id', 'revision', 'status', 'comment', 'created_at']).where('inspection_id', '=', id).orderBy('created_at').execute(),
    ]);
    return {
      id,
      revision: row.revision,
      contentHash: row.content_hash,
      receivedAt: row.received_at,
      record: JSON.parse(row.record) as unknown,
      blobs: blobs.map((b) => b.sha256),
      reviews: reviews.map((r) => ({ id: r.id, revision: r.revision, status: r.status, comment: r.comment, createdAt: r.created_at })),
    };
  }

  /** A reviewer's verdict on the newest revision; it goes back to the device that owns the record. */
  async addReview(reviewer: Device, inspectionId: string, input: { status: string; comment: string; id?: string; revision?: number }) {
    return this.db.transaction().execute(async (trx) => {
      let query = trx.selectFrom('inspections').select(['revision']).where('id', '=', inspectionId);
      if (input.revision !== undefined) query = query.where('revision', '=', input.revision);
      const target = await query.orderBy('revision', 'desc').executeTakeFirst();
      if (!target) return null;
      // The same review sent again (its answer was lost): the stored one is the answer.
      if (input.id) {
        const held = await trx.selectFrom('reviews').selectAll().where('id', '=', input.id).executeTakeFirst();
        if (held) {
          if (held.inspection_id !== inspectionId || held.device_id !== reviewer.id) return 'conflict' as const;
          return { id: held.id, inspectionId, revision: held.revision, status: held.status, comment: held.comment, reviewer: reviewer.name, createdAt: held.created_at };
        }
      }
      const { status, comment } = input;
      const review = { id: input.id ?? randomUUID(), inspection_id: inspectionId, revision: target.revision, status, comment, device_id: reviewer.id, created_at: this.now() };
      await trx.insertInto('reviews').values(review).execute();
      const data = { id: review.id, inspectionId, revision: review.revision, status, comment, reviewer: reviewer.name, createdAt: review.created_at };
      // Reviewers see every review; of inspectors, only the device the record belongs to now.
      const owner = await trx.selectFrom('inspection_owners').select('device_id').where('inspection_id', '=', inspectionId).executeTakeFirst();
      await this.appendChange(trx, { kind: 'review', entityId: review.id, data, audience: owner?.device_id ?? null });
      return data;
    });
  }
}

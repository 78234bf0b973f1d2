import type { OutboxEntry, PendingReport, PendingReview, SyncStorage } from '@shared/sync/engine';
import { reportChangeSchema, type ChangeItem } from '@shared/sync/protocol';
import { checkImportedInspection } from '@shared/review/verify-import';
import { inspectionFacts, templatesByRef } from '@shared/review/facts';
import { legalBasisSchema, templateSchema, unitSchema } from '@shared/schemas';
import { checkTemplatePublish } from '@shared/templates/immutability';
import type { CongvuDb } from '../../db/database';
import { loadRecord } from '../recording/load-record';

export const HUB_SETTINGS_KEY = 'sync.hub';
export const CURSOR_KEY = 'sync.cursor';

export interface HubSettings {
  baseUrl: string;
  token: string;
  deviceId: string;
  role: 'inspector' | 'reviewer';
  enrolledAt: string;
}

/**
 * The sync engine's storage in the app's IndexedDB. Pending = every finalized revision without a
 * "synced" or final-failure row: a record finalized or imported offline joins the outbox by itself.
 */
export class DexieSyncStorage implements SyncStorage {
  constructor(private readonly db: CongvuDb) {}

  async pending(): Promise<OutboxEntry[]> {
    // Asked every minute: keys only, then whole rows for just the revisions still waiting.
    const [keys, statuses] = await Promise.all([this.db.inspections.where('status').equals('finalized').primaryKeys(), this.db.syncStatus.toArray()]);
    const done = new Set(statuses.filter((s) => s.state === 'synced' || s.final).map((s) => `${s.inspectionId}@${s.revision}`));
    const waiting = await this.db.inspections.bulkGet(keys.filter(([id, revision]) => !done.has(`${id}@${revision}`)));
    return waiting
      .filter((i) => i !== undefined)
      .sort((a, b) => (a.finalizedAt ?? '').localeCompare(b.finalizedAt ?? ''))
      .map((i) => ({ id: i.id, revision: i.revision, contentHash: i.contentHash! }));
  }

  async loadRecord(entry: OutboxEntry) {
    const record = await loadRecord(this.db, entry);
    if (!record || record.inspection.contentHash !== entry.contentHash) throw new Error('err.sync.recordChanged');
    return record;
  }

  async loadBlob(sha256: string): Promise<Uint8Array> {
    const row = await this.db.blobs.get(sha256);
    if (!row) throw new Error(`err.sync.blobMissing: ${sha256}`);
    return new Uint8Array(await row.blob.arrayBuffer());
  }

  async markSynced(entry: OutboxEntry, at: string): Promise<void> {
    await this.db.syncStatus.put({ inspectionId: entry.id, revision: entry.revision, state: 'synced', final: false, error: null, at });
  }

  async markFailed(entry: OutboxEntry, error: { code: string; message: string; final: boolean; at: string }): Promise<void> {
    await this.db.syncStatus.put({ inspectionId: entry.id, revision: entry.revision, state: 'failed', final: error.final, error: `${error.code}: ${error.message}`, at: error.at });
  }

  async pendingReports(): Promise<PendingReport[]> {
    const [reports, synced] = await Promise.all([this.db.signedReports.toArray(), this.db.syncStatus.where('state').equals('synced').toArray()]);
    const onHub = new Set(synced.map((s) => `${s.inspectionId}@${s.revision}`));
    // Only once the record itself is on the hub: the hub ties the file to a revision it holds.
    return reports.filter((r) => !r.hubSyncedAt && !r.hubFinal && onHub.has(`${r.inspectionId}@${r.revision}`)).map((r) => ({ id: r.inspectionId, revision: r.revision, sha256: r.sha256 }));
  }

  async loadReport(report: PendingReport): Promise<Uint8Array> {
    const row = await this.db.signedReports.get([report.id, report.revision]);
    if (!row || row.sha256 !== report.sha256) throw new Error('err.sync.recordChanged');
    return new Uint8Array(await row.pdf.arrayBuffer());
  }

  async markReport(report: PendingReport, outcome: { synced: true; at: string } | { synced: false; error: string; final: boolean; at: string }): Promise<void> {
    await this.db.signedReports
      .where('[inspectionId+revision]')
      .equals([report.id, report.revision])
      .modify((row) => {
        if (row.sha256 !== report.sha256) return;
        if (outcome.synced) Object.assign(row, { hubSyncedAt: outcome.at, hubError: undefined, hubFinal: false });
        else Object.assign(row, { hubError: outcome.error, hubFinal: outcome.final });
      });
  }

  async pendingReviews(): Promise<PendingReview[]> {
    const rows = await this.db.reviewOutbox.where('state').equals('pending').sortBy('localId');
    return rows.map((r) => ({ localId: r.localId!, id: r.reviewId, inspectionId: r.inspectionId, revision: r.revision, status: r.status, comment: r.comment }));
  }

  async markReview(review: PendingReview, outcome: { sent: true; at: string } | { sent: false; error: string; final: boolean; at: string }): Promise<void> {
    await this.db.reviewOutbox.update(review.localId, outcome.sent ? { state: 'sent', error: null } : { state: outcome.final ? 'failed' : 'pending', error: outcome.error });
  }

  async cursor(): Promise<string | null> {
    const row = await this.db.settings.get(CURSOR_KEY);
    return typeof row?.value === 'string' ? row.value : null;
  }

  async resetCursor(): Promise<void> {
    await this.db.settings.delete(CURSOR_KEY);
  }

  /**
   * Rows and cursor in one transaction. Templates go in only if new (a published version never
   * changes); legal bases and units are replaced by the hub's; everything is kept as it came too.
   */
  async applyChanges(items: ChangeItem[], cursor: string): Promise<void> {
    const db = this.db;
    // Records are checked before the transaction: hashing a page of them must not hold it open.
    const imported = await Promise.all(items.filter((i) => i.kind === 'inspection' && !i.deleted).map(async (i) => ({ seq: i.seq, check: await checkImportedInspection(i) })));
    const tables = [db.hubRows, db.templates, db.legalBases, db.units, db.settings, db.reviewInspections, db.reviewFacts, db.reviewReports];
    await db.transaction('rw', tables, async () => {
      // The record itself goes to the reviewer's tables, not twice into hubRows.
      await db.hubRows.bulkPut(items.map((i) => ({ kind: i.kind, id: i.id, seq: i.seq, deleted: i.deleted ?? false, data: i.data })));
      for (const item of items) {
        if (item.deleted) continue;
        if (item.kind === 'template') {
          const t = templateSchema.safeParse(item.data);
          if (!t.success) continue;
          const check = checkTemplatePublish(await db.templates.get([t.data.id, t.data.version]), t.data);
          if (check.ok && check.action === 'insert') await db.templates.add(t.data);
        } else if (item.kind === 'legal-basis') {
          const b = legalBasisSchema.safeParse(item.data);
          if (b.success) await db.legalBases.put(b.data);
        } else if (item.kind === 'unit') {
          const u = unitSchema.safeParse(item.data);
          if (u.success) await db.units.put(u.data);
        } else if (item.kind === 'report') {
          const r = reportChangeSchema.safeParse(item.data);
          if (r.success && !(await db.reviewReports.get([r.data.inspectionId, r.data.revision, r.data.sha256]))) {
            await db.reviewReports.put({ ...r.data, state: 'unchecked', problems: [], checkedAt: null });
          }
        }
      }
      if (imported.length > 0) {
        const templates = templatesByRef(await db.templates.toArray());
        const rows = imported.map(({ seq, check }) => {
          const row = { id: check.id, revision: check.revision, contentHash: check.contentHash, receivedAt: check.receivedAt, seq, blobs: check.blobs };
          return check.ok ? { ...row, state: 'verified' as const, problems: [], record: check.record } : { ...row, state: 'flagged' as const, problems: check.problems, record: check.raw };
        });
        await db.reviewInspections.bulkPut(rows);
        await db.reviewFacts.bulkPut(imported.flatMap(({ check }) => (check.ok ? [inspectionFacts(check.record, templates)] : [])));
        await db.reviewFacts.bulkDelete(imported.flatMap(({ check }) => (check.ok ? [] : [[check.id, check.revision] as [string, number]])));
      }
      await db.settings.put({ key: CURSOR_KEY, value: cursor });
    });
  }
}

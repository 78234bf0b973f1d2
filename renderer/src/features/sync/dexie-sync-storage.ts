import type { OutboxEntry, SyncStorage } from '@shared/sync/engine';
import type { ChangeItem } from '@shared/sync/protocol';
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
    await db.transaction('rw', [db.hubRows, db.templates, db.legalBases, db.units, db.settings], async () => {
      for (const item of items) {
        await db.hubRows.put({ kind: item.kind, id: item.id, seq: item.seq, deleted: item.deleted ?? false, data: item.data });
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
        }
      }
      await db.settings.put({ key: CURSOR_KEY, value: cursor });
    });
  }
}

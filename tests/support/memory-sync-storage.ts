import type { InspectionRecord } from '../../shared/inspection/record';
import type { OutboxEntry, SyncStorage } from '../../shared/sync/engine';
import type { ChangeItem } from '../../shared/sync/protocol';

type Status = { state: 'pending' | 'synced' | 'failed'; error?: string; final?: boolean; syncedAt?: string };

/** The engine's storage in memory, for Node tests: the same contract as the Dexie one in the app. */
export class MemorySyncStorage implements SyncStorage {
  readonly status = new Map<string, Status>();
  readonly pulled = new Map<string, ChangeItem>();
  private cursorValue: string | null = null;
  constructor(
    readonly records: Map<string, InspectionRecord>,
    readonly blobs: Map<string, Uint8Array>,
  ) {
    for (const key of records.keys()) this.status.set(key, { state: 'pending' });
  }
  private key(e: OutboxEntry) {
    return `${e.id}@${e.revision}`;
  }
  async pending(): Promise<OutboxEntry[]> {
    return [...this.records.values()]
      .filter((r) => {
        const s = this.status.get(`${r.inspection.id}@${r.inspection.revision}`)!;
        return s.state !== 'synced' && !s.final;
      })
      .map((r) => ({ id: r.inspection.id, revision: r.inspection.revision, contentHash: r.inspection.contentHash! }));
  }
  async loadRecord(e: OutboxEntry) {
    return this.records.get(this.key(e))!;
  }
  async loadBlob(sha: string) {
    const b = this.blobs.get(sha);
    if (!b) throw new Error(`missing blob ${sha}`);
    return b;
  }
  async markSynced(e: OutboxEntry, at: string) {
    this.status.set(this.key(e), { state: 'synced', syncedAt: at });
  }
  async markFailed(e: OutboxEntry, error: { code: string; message: string; final: boolean }) {
    this.status.set(this.key(e), { state: 'failed', error: `${error.code}: ${error.message}`, final: error.final });
  }
  async cursor() {
    return this.cursorValue;
  }
  async applyChanges(items: ChangeItem[], cursor: string) {
    for (const item of items) this.pulled.set(`${item.kind}/${item.id}`, item);
    this.cursorValue = cursor;
  }
  async resetCursor() {
    this.cursorValue = null;
  }
  synced(): string[] {
    return [...this.status.entries()].filter(([, s]) => s.state === 'synced').map(([k]) => k);
  }
}

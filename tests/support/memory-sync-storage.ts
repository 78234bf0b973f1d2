import type { InspectionRecord } from '../../shared/inspection/record';
import type { OutboxEntry, PendingReport, PendingReview, SyncStorage } from '../../shared/sync/engine';
import type { ChangeItem } from '../../shared/sync/protocol';

type Status = { state: 'pending' | 'synced' | 'failed'; error?: string; final?: boolean; syncedAt?: string };

/** The engine's storage in memory, for Node tests: the same contract as the Dexie one in the app. */
export class MemorySyncStorage implements SyncStorage {
  readonly status = new Map<string, Status>();
  readonly pulled = new Map<string, ChangeItem>();
  /** Signed PDFs by `id@revision`, as the app keeps them beside the record. */
  readonly reports = new Map<string, { sha256: string; pdf: Uint8Array; state: 'waiting' | 'synced' | 'failed'; error?: string; final?: boolean }>();
  /** Reviews written on a reviewer's device. */
  readonly reviews: Array<PendingReview & { state: 'pending' | 'sent' | 'failed'; error?: string }> = [];
  private cursorValue: string | null = null;
  constructor(
    readonly records: Map<string, InspectionRecord>,
    readonly blobs: Map<string, Uint8Array>,
  ) {
    for (const key of records.keys()) this.status.set(key, { state: 'pending' });
  }
  /** Storage holding these records, each pending, and every blob they refer to. */
  static of(records: readonly InspectionRecord[], blobs: Map<string, Uint8Array>): MemorySyncStorage {
    return new MemorySyncStorage(new Map(records.map((r) => [`${r.inspection.id}@${r.inspection.revision}`, r])), blobs);
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
  /** Called after each record is marked synced: tests act on progress as it happens, not on a timer. */
  onSynced: (() => void) | null = null;

  async markSynced(e: OutboxEntry, at: string) {
    this.status.set(this.key(e), { state: 'synced', syncedAt: at });
    this.onSynced?.();
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
  async pendingReports(): Promise<PendingReport[]> {
    return [...this.reports.entries()]
      .filter(([key, r]) => r.state !== 'synced' && !r.final && this.status.get(key)?.state === 'synced')
      .map(([key, r]) => ({ id: key.split('@')[0]!, revision: Number(key.split('@')[1]), sha256: r.sha256 }));
  }
  async loadReport(report: PendingReport) {
    return this.reports.get(`${report.id}@${report.revision}`)!.pdf;
  }
  async markReport(report: PendingReport, outcome: { synced: true; at: string } | { synced: false; error: string; final: boolean; at: string }) {
    const r = this.reports.get(`${report.id}@${report.revision}`)!;
    Object.assign(r, outcome.synced ? { state: 'synced', error: undefined } : { state: 'failed', error: outcome.error, final: outcome.final });
  }
  async pendingReviews(): Promise<PendingReview[]> {
    return this.reviews.filter((r) => r.state === 'pending').map(({ localId, id, inspectionId, revision, status, comment }) => ({ localId, id, inspectionId, revision, status, comment }));
  }
  async markReview(review: PendingReview, outcome: { sent: true; at: string } | { sent: false; error: string; final: boolean; at: string }) {
    const r = this.reviews.find((x) => x.localId === review.localId)!;
    Object.assign(r, outcome.sent ? { state: 'sent' } : { state: outcome.final ? 'failed' : 'pending', error: outcome.error });
  }
  synced(): string[] {
    return [...this.status.entries()].filter(([, s]) => s.state === 'synced').map(([k]) => k);
  }
}

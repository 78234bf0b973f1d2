import type { InspectionRecord } from '../inspection/record';
import { BlobUploader } from './blob-uploader';
import { asHubError, HubClient, HubRequestError } from './hub-client';
import { blobsMissingResponseSchema, changesResponseSchema, type ChangesResponse } from './protocol';
import { RecordPusher } from './record-pusher';
import type { SyncOptions, SyncReport, SyncStorage } from './sync-storage';

export { backoffDelay, enrollDevice, HubRequestError } from './hub-client';
export type { OutboxEntry, PendingReport, PendingReview, SyncOptions, SyncProgress, SyncReport, SyncStorage } from './sync-storage';

/** Records read, and their blobs asked about, together. */
const PUSH_BATCH = 50;
/** Records whose blobs, then themselves, go up together: a few requests for the lot instead of three each. */
const PUSH_GROUP = 10;

/**
 * Pushes finalized records (blobs first, then the record) and pulls the changes feed. A record
 * counts as synced only on 200 or 201. Errors never change or delete local data: a retryable one
 * leaves the record pending for the next run, a final one (a conflict) is shown to the user.
 */
export class SyncEngine {
  private readonly o: Required<Omit<SyncOptions, 'onProgress'>> & Pick<SyncOptions, 'onProgress'>;
  private readonly client: HubClient;
  private readonly blobs: BlobUploader;
  private readonly pusher: RecordPusher;

  constructor(
    private readonly storage: SyncStorage,
    hub: { baseUrl: string; token: string },
    options: SyncOptions = {},
  ) {
    this.o = {
      maxAttempts: options.maxAttempts ?? 6,
      baseDelayMs: options.baseDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
      pageSize: options.pageSize ?? 500,
      includeRecords: options.includeRecords ?? false,
      concurrency: options.concurrency ?? 4,
      random: options.random ?? Math.random,
      sleep: options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      fetch: options.fetch ?? ((...args) => globalThis.fetch(...args)),
      now: options.now ?? (() => new Date().toISOString()),
      onProgress: options.onProgress,
    };
    this.client = new HubClient(hub, this.o);
    this.blobs = new BlobUploader(this.client, storage);
    this.pusher = new RecordPusher(this.client, this.blobs);
  }

  async push(report: SyncReport = { pushed: 0, alreadyHeld: 0, failed: 0, pulled: 0, stoppedBy: null }): Promise<SyncReport> {
    const queue = await this.storage.pending();
    let bytes = 0;
    let done = 0;
    let next = 0;
    // Records are read and their blobs asked about a batch at a time, the next batch while this
    // one is sent.
    const records = new Map<number, Promise<InspectionRecord>>();
    const asked = new Map<number, Promise<void>>();
    const prepare = (batch: number): Promise<void> => {
      let ready = asked.get(batch);
      if (!ready && batch * PUSH_BATCH < queue.length) {
        const indexes = Array.from({ length: Math.min(PUSH_BATCH, queue.length - batch * PUSH_BATCH) }, (_, k) => batch * PUSH_BATCH + k);
        for (const i of indexes) {
          const loading = this.storage.loadRecord(queue[i]!);
          loading.catch(() => undefined); // reported by the record's own push
          records.set(i, loading);
        }
        ready = this.blobs.askAhead(indexes.map((i) => records.get(i)!));
        asked.set(batch, ready);
      }
      return ready ?? Promise.resolve();
    };
    // A few groups of records in flight at once: on a slow link the round trips, not the bytes, dominate.
    const worker = async () => {
      while (report.stoppedBy === null && next < queue.length) {
        const first = next;
        const count = Math.min(PUSH_GROUP, queue.length - first);
        next += count;
        const indexes = Array.from({ length: count }, (_, k) => first + k);
        const lastBatch = Math.floor((first + count - 1) / PUSH_BATCH);
        for (let batch = Math.floor(first / PUSH_BATCH); batch <= lastBatch; batch++) await prepare(batch);
        void prepare(lastBatch + 1);
        const group = indexes.map((i) => ({ entry: queue[i]!, loaded: records.get(i)! }));
        for (const i of indexes) records.delete(i);
        const results = await this.pusher.pushGroup(group);
        for (const [k, { entry }] of group.entries()) {
          let result = results[k]!;
          if (!(result instanceof HubRequestError)) {
            try {
              await this.storage.markSynced(entry, this.o.now());
              bytes += result.bytes;
              if (result.status === 201) report.pushed += 1;
              else report.alreadyHeld += 1;
              continue;
            } catch (error) {
              // The hub has it, but the laptop could not note so: it stays pending and is sent again (a safe retry).
              result = asHubError(error, 'local');
            }
          }
          report.failed += 1;
          try {
            await this.storage.markFailed(entry, { code: result.code, message: result.message, final: result.final, at: this.o.now() });
          } catch {
            report.stoppedBy ??= 'local';
          }
          // Without the hub, or without a valid token, the rest would fail the same way: stop for now.
          if (result.stopsRun) report.stoppedBy ??= result.code;
        }
        done += count;
        this.o.onProgress?.({ phase: 'push', done, total: queue.length, bytes });
      }
    };
    this.o.onProgress?.({ phase: 'push', done: 0, total: queue.length, bytes });
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency, Math.max(1, queue.length)) }, worker));
    if (report.stoppedBy === null) await this.pushReports(report);
    if (report.stoppedBy === null) await this.pushReviews(report);
    return report;
  }

  /** Signed PDFs after the records they belong to; one the hub refuses is shown, never retried blindly. */
  private async pushReports(report: SyncReport): Promise<void> {
    const { pendingReports, loadReport, markReport } = this.storage;
    if (!pendingReports || !loadReport || !markReport) return;
    const storage = { loadReport: loadReport.bind(this.storage), markReport: markReport.bind(this.storage) };
    for (const pending of await pendingReports.call(this.storage)) {
      try {
        const upload = async () => {
          await this.client.request('PUT', `/blobs/${pending.sha256}`, await storage.loadReport(pending), 'application/octet-stream');
          this.blobs.onHub.add(pending.sha256);
        };
        if (!this.blobs.onHub.has(pending.sha256)) {
          const res = await this.client.request('POST', '/blobs/missing', JSON.stringify({ hashes: [pending.sha256] }), 'application/json');
          if (blobsMissingResponseSchema.parse(res.json).missing.length > 0) await upload();
          else this.blobs.onHub.add(pending.sha256);
        }
        const attach = () => this.client.request('PUT', `/inspections/${pending.id}/report`, JSON.stringify({ revision: pending.revision, sha256: pending.sha256 }), 'application/json');
        try {
          await attach();
        } catch (error) {
          // The hub lost the file it said it had (restored from a backup): send it again, once.
          if (!(error instanceof HubRequestError && error.code === 'missing_blobs')) throw error;
          this.blobs.onHub.delete(pending.sha256);
          await upload();
          await attach();
        }
        await storage.markReport(pending, { synced: true, at: this.o.now() });
        report.reports = (report.reports ?? 0) + 1;
      } catch (error) {
        const e = error instanceof HubRequestError ? error : new HubRequestError(0, 'local', error instanceof Error ? error.message : String(error));
        // 404: the record itself has not reached the hub yet; the PDF waits for it.
        const final = e.final && e.status !== 404;
        await storage.markReport(pending, { synced: false, error: `${e.code}: ${e.message}`, final, at: this.o.now() });
        if (e.stopsRun) {
          report.stoppedBy ??= e.code;
          return;
        }
      }
    }
  }

  private async pushReviews(report: SyncReport): Promise<void> {
    const storage = this.storage;
    if (!storage.pendingReviews || !storage.markReview) return;
    for (const review of await storage.pendingReviews()) {
      try {
        await this.client.request('POST', `/inspections/${review.inspectionId}/reviews`, JSON.stringify({ id: review.id, revision: review.revision, status: review.status, comment: review.comment }), 'application/json');
        await storage.markReview(review, { sent: true, at: this.o.now() });
      } catch (error) {
        const e = error instanceof HubRequestError ? error : new HubRequestError(0, 'local', error instanceof Error ? error.message : String(error));
        await storage.markReview(review, { sent: false, error: `${e.code}: ${e.message}`, final: e.final, at: this.o.now() });
        if (e.stopsRun) {
          report.stoppedBy ??= e.code;
          return;
        }
      }
    }
  }

  /** A blob's bytes from the hub (reviewers: photos and signed PDFs of imported records). */
  fetchBlob(sha256: string): Promise<Uint8Array> {
    return this.client.blob(sha256);
  }

  private async fetchPage(cursor: string | null, cancel: AbortSignal) {
    const res = await this.client.request('GET', `/changes?limit=${this.o.pageSize}${this.o.includeRecords ? '&include=records' : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, undefined, cancel);
    return changesResponseSchema.parse(res.json);
  }

  async pull(report: SyncReport = { pushed: 0, alreadyHeld: 0, failed: 0, pulled: 0, stoppedBy: null }): Promise<SyncReport> {
    let restarted = false;
    for (;;) {
      // A page asked for ahead is called off when the run stops, so it cannot outlive it.
      const ahead = new AbortController();
      let next: Promise<ChangesResponse> | null = this.fetchPage(await this.storage.cursor(), ahead.signal);
      try {
        while (next) {
          const page: ChangesResponse = await next;
          // The next page is asked for before this one is stored: the hub prepares it meanwhile.
          // Pages are still stored strictly in order, each with its own cursor.
          next = page.more ? this.fetchPage(page.cursor, ahead.signal) : null;
          next?.catch(() => undefined);
          await this.storage.applyChanges(page.items, page.cursor);
          report.pulled += page.items.length;
          this.o.onProgress?.({ phase: 'pull', done: report.pulled, total: report.pulled + (page.more ? (page.remaining ?? this.o.pageSize) : 0), bytes: 0 });
        }
        return report;
      } catch (error) {
        ahead.abort();
        // A hub restored from backup: everything is pulled again (rows are applied idempotently).
        if (error instanceof HubRequestError && error.code === 'epoch_changed' && !restarted) {
          restarted = true;
          await this.storage.resetCursor();
          continue;
        }
        throw error;
      }
    }
  }

  /** Push, then pull. Errors are reported, never thrown for a single record. */
  async sync(): Promise<SyncReport> {
    const report = await this.push();
    if (report.stoppedBy) return report;
    try {
      await this.pull(report);
    } catch (error) {
      report.stoppedBy = error instanceof HubRequestError ? error.code : 'pull_failed';
    }
    return report;
  }
}

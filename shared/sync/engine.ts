import { recordBlobHashes, type InspectionRecord } from '../inspection/record';
import { API_PREFIX, blobsMissingResponseSchema, changesResponseSchema, enrollResponseSchema, hubErrorSchema, pushRequestFor, type ChangeItem, type ChangesResponse, type EnrollResponse } from './protocol';

/** One finalized revision waiting to go to the hub, or already there. */
export interface OutboxEntry {
  id: string;
  revision: number;
  contentHash: string;
}

/** Where the engine keeps its state: Dexie in the app, memory in tests. Nothing here deletes records. */
export interface SyncStorage {
  /** Finalized revisions not yet acknowledged by the hub and not stopped by a conflict. */
  pending(): Promise<OutboxEntry[]>;
  loadRecord(entry: OutboxEntry): Promise<InspectionRecord>;
  loadBlob(sha256: string): Promise<Uint8Array>;
  /** Called only on 200 or 201 from the hub. */
  markSynced(entry: OutboxEntry, at: string): Promise<void>;
  /** Records why a push did not go through; `final` means retrying cannot help (a conflict, a bad record). */
  markFailed(entry: OutboxEntry, error: { code: string; message: string; final: boolean; at: string }): Promise<void>;
  cursor(): Promise<string | null>;
  /** The pulled rows and the new cursor, in one transaction. */
  applyChanges(items: ChangeItem[], cursor: string): Promise<void>;
  resetCursor(): Promise<void>;
  /** Signed PDFs of pushed revisions not yet on the hub (inspectors' devices). */
  pendingReports?(): Promise<PendingReport[]>;
  loadReport?(report: PendingReport): Promise<Uint8Array>;
  markReport?(report: PendingReport, outcome: { synced: true; at: string } | { synced: false; error: string; final: boolean; at: string }): Promise<void>;
  /** Reviews written on this device and not yet on the hub (reviewers' devices). */
  pendingReviews?(): Promise<PendingReview[]>;
  markReview?(review: PendingReview, outcome: { sent: true; at: string } | { sent: false; error: string; final: boolean; at: string }): Promise<void>;
}

export interface PendingReport {
  id: string;
  revision: number;
  sha256: string;
}

export interface PendingReview {
  localId: number;
  /** Made on the device: a review sent twice is stored once. */
  id: string;
  inspectionId: string;
  revision: number;
  status: string;
  comment: string;
}

export interface SyncProgress {
  phase: 'push' | 'pull';
  done: number;
  total: number;
  bytes: number;
}

export interface SyncOptions {
  /** Tries per request before the run gives up for now (the record stays pending). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  requestTimeoutMs?: number;
  pageSize?: number;
  /** Records pushed at the same time. */
  concurrency?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  /** Reviewers: pull inspections with their records (the department's import). */
  includeRecords?: boolean;
  onProgress?: (p: SyncProgress) => void;
  now?: () => string;
}

export class HubRequestError extends Error {
  override name = 'HubRequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly missingBlobs: string[] = [],
  ) {
    super(message);
  }
  /** Worth trying again later: the network, the hub being down or busy. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

export interface SyncReport {
  pushed: number;
  alreadyHeld: number;
  failed: number;
  pulled: number;
  /** Signed PDFs the hub took this run. */
  reports?: number;
  /** Why the run stopped early (the hub unreachable, the token revoked), if it did. */
  stoppedBy: string | null;
}

const STATUS_CODES: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 413: 'too_large', 503: 'unavailable' };

/** Records read, and their blobs asked about, together. */
const PUSH_BATCH = 50;

/** Exponential backoff with full jitter between half and all of the step, capped. */
export function backoffDelay(attempt: number, base: number, max: number, random: () => number): number {
  const step = Math.min(max, base * 2 ** attempt);
  return Math.round(step * (0.5 + random() / 2));
}

/**
 * Pushes finalized records (blobs first, then the record) and pulls the changes feed. A record
 * counts as synced only on 200 or 201. Errors never change or delete local data: a retryable one
 * leaves the record pending for the next run, a final one (a conflict) is shown to the user.
 */
export class SyncEngine {
  private readonly o: Required<Omit<SyncOptions, 'onProgress'>> & Pick<SyncOptions, 'onProgress'>;

  constructor(
    private readonly storage: SyncStorage,
    private readonly hub: { baseUrl: string; token: string },
    options: SyncOptions = {},
  ) {
    this.o = {
      maxAttempts: options.maxAttempts ?? 6,
      baseDelayMs: options.baseDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
      pageSize: options.pageSize ?? 500,
      includeRecords: options.includeRecords ?? false,
      concurrency: options.concurrency ?? 6,
      random: options.random ?? Math.random,
      sleep: options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      fetch: options.fetch ?? ((...args) => globalThis.fetch(...args)),
      now: options.now ?? (() => new Date().toISOString()),
      onProgress: options.onProgress,
    };
  }

  private async once(method: string, path: string, body?: Uint8Array | string, contentType?: string, cancel?: AbortSignal): Promise<{ status: number; json: unknown }> {
    const controller = new AbortController();
    cancel?.addEventListener('abort', () => controller.abort(), { once: true });
    if (cancel?.aborted) controller.abort();
    const timer = setTimeout(() => controller.abort(), this.o.requestTimeoutMs);
    try {
      const res = await this.o.fetch(`${this.hub.baseUrl}${API_PREFIX}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.hub.token}`, ...(contentType ? { 'content-type': contentType } : {}) },
        body: body as BodyInit | undefined,
        signal: controller.signal,
      });
      const text = await res.text();
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      if (res.status >= 400) {
        const err = hubErrorSchema.safeParse(json);
        // An answer without our JSON error body (a proxy's, say): the status alone says what happened.
        const code = err.success ? err.data.error.code : (STATUS_CODES[res.status] ?? 'http_error');
        throw new HubRequestError(res.status, code, err.success ? err.data.error.message : `HTTP ${res.status}`, err.success ? (err.data.error.missingBlobs ?? []) : []);
      }
      return { status: res.status, json };
    } catch (error) {
      if (error instanceof HubRequestError) throw error;
      throw new HubRequestError(0, 'network', error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
    }
  }

  /** One request with retries on what is worth retrying. */
  private async request(method: string, path: string, body?: Uint8Array | string, contentType?: string, cancel?: AbortSignal): Promise<{ status: number; json: unknown }> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(method, path, body, contentType);
      } catch (error) {
        if (!(error instanceof HubRequestError) || !error.retryable || attempt + 1 >= this.o.maxAttempts || cancel?.aborted) throw error;
        await this.o.sleep(backoffDelay(attempt, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random));
      }
    }
  }

  /** Blobs this run has seen the hub hold (signatures repeat across records: asked about once). */
  private readonly onHub = new Set<string>();
  /** Blobs the hub said it lacks, asked about ahead of the records that need them. */
  private readonly knownMissing = new Set<string>();
  /** Uploads in flight: a blob two records share goes up once. */
  private readonly uploading = new Map<string, Promise<number>>();

  private uploadBlob(sha: string): Promise<number> {
    const running = this.uploading.get(sha);
    if (running) return running.then(() => 0);
    const upload = (async () => {
      const bytes = await this.storage.loadBlob(sha);
      await this.request('PUT', `/blobs/${sha}`, bytes, 'application/octet-stream');
      this.onHub.add(sha);
      this.knownMissing.delete(sha);
      return bytes.byteLength;
    })();
    this.uploading.set(sha, upload);
    return upload.finally(() => this.uploading.delete(sha));
  }

  /**
   * One question for the blobs of a whole batch of records, instead of one per record: on a
   * re-sync, where the hub holds everything, that halves the requests. If it fails, each record
   * asks for itself.
   */
  private async askAhead(records: ReadonlyArray<Promise<InspectionRecord>>): Promise<void> {
    const loaded = await Promise.allSettled(records);
    const hashes = [...new Set(loaded.flatMap((r) => (r.status === 'fulfilled' ? recordBlobHashes(r.value) : [])))].filter((h) => !this.onHub.has(h) && !this.knownMissing.has(h));
    for (let k = 0; k < hashes.length; k += 1000) {
      const chunk = hashes.slice(k, k + 1000);
      try {
        const res = await this.request('POST', '/blobs/missing', JSON.stringify({ hashes: chunk }), 'application/json');
        const missing = new Set(blobsMissingResponseSchema.parse(res.json).missing);
        for (const h of chunk) (missing.has(h) ? this.knownMissing : this.onHub).add(h);
      } catch {
        return;
      }
    }
  }

  /** Blobs the hub lacks, then the record; missing blobs reported by the hub are sent and the record retried. */
  private async pushOne(entry: OutboxEntry, loaded: Promise<InspectionRecord>): Promise<{ status: 200 | 201; bytes: number }> {
    const record = await loaded;
    const body = pushRequestFor(record);
    let bytes = 0;
    const unknown = body.blobs.filter((sha) => !this.onHub.has(sha) && !this.knownMissing.has(sha));
    if (unknown.length > 0) {
      const res = await this.request('POST', '/blobs/missing', JSON.stringify({ hashes: unknown }), 'application/json');
      const missing = new Set(blobsMissingResponseSchema.parse(res.json).missing);
      for (const sha of unknown) (missing.has(sha) ? this.knownMissing : this.onHub).add(sha);
    }
    for (const sha of body.blobs) if (!this.onHub.has(sha)) bytes += await this.uploadBlob(sha);
    const json = JSON.stringify(body);
    for (let round = 0; ; round++) {
      try {
        const res = await this.request('PUT', `/inspections/${entry.id}`, json, 'application/json');
        return { status: res.status === 201 ? 201 : 200, bytes: bytes + json.length };
      } catch (error) {
        // The hub may have lost blobs it said it had (restored from an older backup): send them again.
        if (error instanceof HubRequestError && error.code === 'missing_blobs' && round < 2) {
          for (const sha of error.missingBlobs) this.onHub.delete(sha);
          for (const sha of error.missingBlobs) bytes += await this.uploadBlob(sha);
          continue;
        }
        throw error;
      }
    }
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
        ready = this.askAhead(indexes.map((i) => records.get(i)!));
        asked.set(batch, ready);
      }
      return ready ?? Promise.resolve();
    };
    // A few records in flight at once: on a slow link the round trips, not the bytes, dominate.
    const worker = async () => {
      while (report.stoppedBy === null && next < queue.length) {
        const index = next++;
        const entry = queue[index]!;
        try {
          const batch = Math.floor(index / PUSH_BATCH);
          await prepare(batch);
          void prepare(batch + 1);
          const loaded = records.get(index)!;
          records.delete(index);
          const result = await this.pushOne(entry, loaded);
          bytes += result.bytes;
          await this.storage.markSynced(entry, this.o.now());
          if (result.status === 201) report.pushed += 1;
          else report.alreadyHeld += 1;
        } catch (error) {
          const e = error instanceof HubRequestError ? error : new HubRequestError(0, 'local', error instanceof Error ? error.message : String(error));
          report.failed += 1;
          await this.storage.markFailed(entry, { code: e.code, message: e.message, final: !e.retryable && e.status !== 401 && e.status !== 403 && e.code !== 'local', at: this.o.now() });
          // Without the hub, or without a valid token, the rest would fail the same way: stop for now.
          if (e.retryable || e.status === 401 || e.status === 403) report.stoppedBy ??= e.code;
        }
        done += 1;
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
          await this.request('PUT', `/blobs/${pending.sha256}`, await storage.loadReport(pending), 'application/octet-stream');
          this.onHub.add(pending.sha256);
        };
        if (!this.onHub.has(pending.sha256)) {
          const res = await this.request('POST', '/blobs/missing', JSON.stringify({ hashes: [pending.sha256] }), 'application/json');
          if (blobsMissingResponseSchema.parse(res.json).missing.length > 0) await upload();
          else this.onHub.add(pending.sha256);
        }
        const attach = () => this.request('PUT', `/inspections/${pending.id}/report`, JSON.stringify({ revision: pending.revision, sha256: pending.sha256 }), 'application/json');
        try {
          await attach();
        } catch (error) {
          // The hub lost the file it said it had (restored from a backup): send it again, once.
          if (!(error instanceof HubRequestError && error.code === 'missing_blobs')) throw error;
          this.onHub.delete(pending.sha256);
          await upload();
          await attach();
        }
        await storage.markReport(pending, { synced: true, at: this.o.now() });
        report.reports = (report.reports ?? 0) + 1;
      } catch (error) {
        const e = error instanceof HubRequestError ? error : new HubRequestError(0, 'local', error instanceof Error ? error.message : String(error));
        // 404: the record itself has not reached the hub yet; the PDF waits for it.
        const final = !e.retryable && e.status !== 401 && e.status !== 403 && e.status !== 404 && e.code !== 'local';
        await storage.markReport(pending, { synced: false, error: `${e.code}: ${e.message}`, final, at: this.o.now() });
        if (e.retryable || e.status === 401 || e.status === 403) {
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
        await this.request('POST', `/inspections/${review.inspectionId}/reviews`, JSON.stringify({ id: review.id, revision: review.revision, status: review.status, comment: review.comment }), 'application/json');
        await storage.markReview(review, { sent: true, at: this.o.now() });
      } catch (error) {
        const e = error instanceof HubRequestError ? error : new HubRequestError(0, 'local', error instanceof Error ? error.message : String(error));
        await storage.markReview(review, { sent: false, error: `${e.code}: ${e.message}`, final: !e.retryable && e.status !== 401 && e.status !== 403 && e.code !== 'local', at: this.o.now() });
        if (e.retryable || e.status === 401 || e.status === 403) {
          report.stoppedBy ??= e.code;
          return;
        }
      }
    }
  }

  /** A blob's bytes from the hub (reviewers: photos and signed PDFs of imported records). */
  async fetchBlob(sha256: string): Promise<Uint8Array> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.o.requestTimeoutMs);
    try {
      const res = await this.o.fetch(`${this.hub.baseUrl}${API_PREFIX}/blobs/${sha256}`, { headers: { authorization: `Bearer ${this.hub.token}` }, signal: controller.signal });
      if (!res.ok) throw new HubRequestError(res.status, STATUS_CODES[res.status] ?? 'http_error', `HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    } catch (error) {
      if (error instanceof HubRequestError) throw error;
      throw new HubRequestError(0, 'network', error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
    }
  }

  private async fetchPage(cursor: string | null, cancel: AbortSignal) {
    const res = await this.request('GET', `/changes?limit=${this.o.pageSize}${this.o.includeRecords ? '&include=records' : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, undefined, cancel);
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

/** Trades an enrollment code for a device token. */
export async function enrollDevice(baseUrl: string, code: string, deviceName: string, fetchImpl: typeof fetch = (...a) => globalThis.fetch(...a)): Promise<EnrollResponse> {
  let res: Response;
  try {
    res = await fetchImpl(`${baseUrl}${API_PREFIX}/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName }) });
  } catch (error) {
    throw new HubRequestError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  const json: unknown = await res.json().catch(() => null);
  if (res.status !== 201) {
    const err = hubErrorSchema.safeParse(json);
    throw new HubRequestError(res.status, err.success ? err.data.error.code : 'http_error', err.success ? err.data.error.message : `HTTP ${res.status}`);
  }
  return enrollResponseSchema.parse(json);
}

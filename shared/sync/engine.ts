import { recordBlobHashes, type InspectionRecord } from '../inspection/record';
import { BLOB_BATCH_MAX_ITEMS, BLOB_BATCH_MEDIA_TYPE, BLOB_BATCH_TARGET_BYTES, blobBatchResponseSchema, encodeBlobBatch } from './blob-batch';
import { API_PREFIX, blobsMissingResponseSchema, changesResponseSchema, enrollResponseSchema, hubErrorSchema, pushBatchResponseSchema, PUSH_BATCH_MAX_ITEMS, pushRequestFor, type ChangeItem, type ChangesResponse, type EnrollResponse, type PushRequest, type PushResult } from './protocol';

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
  /** Per request; a request carrying a body gets this again for each megabyte it sends. */
  requestTimeoutMs?: number;
  pageSize?: number;
  /** Groups of records (ten each: their blobs, then themselves) pushed at the same time. */
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
/** Records whose blobs, then themselves, go up together: a few requests for the lot instead of three each. */
const PUSH_GROUP = 10;
/** The most record JSON (in UTF-16 code units) sent in one request. */
const RECORD_REQUEST_CHARS = 4 * 1024 * 1024;

/** A batch request refused as such (no such route, a body limit, the media type): the items go one by one. */
const BATCH_REFUSED = new Set([404, 405, 413, 415]);

function asHubError(error: unknown, code = 'network'): HubRequestError {
  return error instanceof HubRequestError ? error : new HubRequestError(0, code, error instanceof Error ? error.message : String(error));
}

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
      concurrency: options.concurrency ?? 4,
      random: options.random ?? Math.random,
      sleep: options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      fetch: options.fetch ?? ((...args) => globalThis.fetch(...args)),
      now: options.now ?? (() => new Date().toISOString()),
      onProgress: options.onProgress,
    };
  }

  private async once(method: string, path: string, body?: Uint8Array | string | Blob, contentType?: string, cancel?: AbortSignal): Promise<{ status: number; json: unknown }> {
    const controller = new AbortController();
    cancel?.addEventListener('abort', () => controller.abort(), { once: true });
    if (cancel?.aborted) controller.abort();
    // A large upload on a slow link is not a hung hub: each megabyte sent adds the base timeout again.
    const size = typeof body === 'string' ? body.length : body instanceof Blob ? body.size : (body?.byteLength ?? 0);
    const timer = setTimeout(() => controller.abort(), this.o.requestTimeoutMs * (1 + size / (1024 * 1024)));
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
  private async request(method: string, path: string, body?: Uint8Array | string | Blob, contentType?: string, cancel?: AbortSignal): Promise<{ status: number; json: unknown }> {
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
  /** Cleared when the hub (or a proxy before it) refuses batch requests: one item per request instead. */
  private blobBatches = true;
  private recordBatches = true;
  /** Uploads in flight: a blob two records share goes up once. Each settles with its size, or a HubRequestError. */
  private readonly uploading = new Map<string, Promise<number>>();

  /**
   * Sends these blobs, packed several to a request (a large one alone), and says for each how many
   * bytes went up or why it could not. A blob another push is already sending is waited for.
   */
  private async uploadBlobs(hashes: readonly string[]): Promise<Map<string, number | HubRequestError>> {
    const waits = new Map<string, Promise<number>>();
    const mine = new Map<string, { resolve: (n: number) => void; reject: (e: HubRequestError) => void }>();
    for (const sha of new Set(hashes)) {
      const running = this.uploading.get(sha);
      if (running) {
        waits.set(sha, running.then(() => 0));
        continue;
      }
      const upload = new Promise<number>((resolve, reject) => mine.set(sha, { resolve, reject }));
      upload.catch(() => undefined);
      this.uploading.set(sha, upload);
      waits.set(sha, upload);
    }
    try {
      await this.sendBlobs(mine);
    } finally {
      for (const [sha, settle] of mine) {
        settle.reject(new HubRequestError(0, 'local', 'The upload stopped')); // no-op when already settled
        this.uploading.delete(sha);
      }
    }
    const results = new Map<string, number | HubRequestError>();
    for (const [sha, upload] of waits) {
      try {
        results.set(sha, await upload);
      } catch (error) {
        results.set(sha, asHubError(error));
      }
    }
    return results;
  }

  private async sendBlobs(blobs: Map<string, { resolve: (n: number) => void; reject: (e: HubRequestError) => void }>): Promise<void> {
    const uploaded = (sha: string, size: number) => {
      this.onHub.add(sha);
      this.knownMissing.delete(sha);
      blobs.get(sha)!.resolve(size);
    };
    let batch: Array<{ sha256: string; bytes: Uint8Array }> = [];
    let batchBytes = 0;
    const putOne = async (sha256: string, bytes: Uint8Array) => {
      try {
        await this.request('PUT', `/blobs/${sha256}`, bytes, 'application/octet-stream');
        uploaded(sha256, bytes.byteLength);
      } catch (error) {
        blobs.get(sha256)!.reject(asHubError(error));
      }
    };
    const flush = async () => {
      const sending = batch;
      batch = [];
      batchBytes = 0;
      if (sending.length === 0) return;
      if (!this.blobBatches) {
        for (const { sha256, bytes } of sending) await putOne(sha256, bytes);
        return;
      }
      try {
        const res = await this.request('POST', '/blobs', encodeBlobBatch(sending), BLOB_BATCH_MEDIA_TYPE);
        const answer = blobBatchResponseSchema.safeParse(res.json);
        const status = new Map(answer.success ? answer.data.results.map((r) => [r.sha256, r.status]) : []);
        for (const { sha256, bytes } of sending) {
          const got = status.get(sha256);
          if (got === 'created' || got === 'exists') uploaded(sha256, bytes.byteLength);
          else if (got === 'mismatch') blobs.get(sha256)!.reject(new HubRequestError(422, 'hash_mismatch', 'The bytes do not hash to the address'));
          else if (got === 'too_large') blobs.get(sha256)!.reject(new HubRequestError(413, 'too_large', 'The file is over the hub\'s size limit'));
          else blobs.get(sha256)!.reject(new HubRequestError(0, 'bad_response', 'The hub did not say what became of this blob'));
        }
      } catch (error) {
        const e = asHubError(error);
        if (!BATCH_REFUSED.has(e.status)) {
          for (const { sha256 } of sending) blobs.get(sha256)!.reject(e);
          return;
        }
        // An older hub, or a proxy with a smaller body limit: one blob per request from now on.
        this.blobBatches = false;
        for (const { sha256, bytes } of sending) await putOne(sha256, bytes);
      }
    };
    for (const sha of blobs.keys()) {
      let bytes: Uint8Array;
      try {
        bytes = await this.storage.loadBlob(sha);
      } catch (error) {
        blobs.get(sha)!.reject(asHubError(error, 'local'));
        continue;
      }
      if (bytes.byteLength > BLOB_BATCH_TARGET_BYTES) {
        await putOne(sha, bytes);
        continue;
      }
      if (batchBytes + bytes.byteLength > BLOB_BATCH_TARGET_BYTES || batch.length >= BLOB_BATCH_MAX_ITEMS) await flush();
      batch.push({ sha256: sha, bytes });
      batchBytes += bytes.byteLength;
    }
    await flush();
  }

  /**
   * One question for the blobs of a whole batch of records, instead of one per record: on a
   * re-sync, where the hub holds everything, that halves the requests. If it fails, each group of
   * records asks for itself.
   */
  private async askAhead(records: ReadonlyArray<Promise<InspectionRecord>>): Promise<void> {
    const loaded = await Promise.allSettled(records);
    try {
      await this.askMissing(loaded.flatMap((r) => (r.status === 'fulfilled' ? recordBlobHashes(r.value) : [])));
    } catch {
      return;
    }
  }

  private async askMissing(hashes: readonly string[]): Promise<void> {
    const unknown = [...new Set(hashes)].filter((h) => !this.onHub.has(h) && !this.knownMissing.has(h));
    for (let k = 0; k < unknown.length; k += 1000) {
      const chunk = unknown.slice(k, k + 1000);
      const res = await this.request('POST', '/blobs/missing', JSON.stringify({ hashes: chunk }), 'application/json');
      const missing = new Set(blobsMissingResponseSchema.parse(res.json).missing);
      for (const h of chunk) (missing.has(h) ? this.knownMissing : this.onHub).add(h);
    }
  }

  /**
   * A group of records: the blobs the hub lacks, packed into few requests, then the records, a few
   * to a request. Blobs the hub reports missing after all are sent and those records retried. Each
   * record gets its own outcome: one that fails does not hold back the others.
   */
  private async pushGroup(group: ReadonlyArray<{ entry: OutboxEntry; loaded: Promise<InspectionRecord> }>): Promise<Array<{ status: 200 | 201; bytes: number } | HubRequestError>> {
    const out: Array<{ status: 200 | 201; bytes: number } | HubRequestError> = [];
    let live: Array<{ k: number; id: string; body: PushRequest; json: string; bytes: number }> = [];
    for (const [k, { entry, loaded }] of group.entries()) {
      try {
        const body = pushRequestFor(await loaded);
        live.push({ k, id: entry.id, body, json: JSON.stringify({ id: entry.id, ...body }), bytes: 0 });
      } catch (error) {
        out[k] = asHubError(error, 'local');
      }
    }
    const sendBlobsOf = async (items: typeof live, hashes: readonly string[]) => {
      const sent = await this.uploadBlobs(hashes);
      const counted = new Set<string>();
      return items.filter((item) => {
        const failed = item.body.blobs.map((sha) => sent.get(sha)).find((r) => r instanceof HubRequestError);
        if (failed) {
          out[item.k] = failed;
          return false;
        }
        for (const sha of item.body.blobs) {
          const size = sent.get(sha);
          if (typeof size === 'number' && !counted.has(sha)) item.bytes += size;
          counted.add(sha);
        }
        return true;
      });
    };
    try {
      await this.askMissing(live.flatMap((l) => l.body.blobs));
    } catch (error) {
      for (const l of live) out[l.k] = asHubError(error);
      return out;
    }
    live = await sendBlobsOf(
      live,
      live.flatMap((l) => l.body.blobs.filter((sha) => !this.onHub.has(sha))),
    );
    for (let round = 0; live.length > 0; round++) {
      const answers = await this.sendRecords(live);
      const again: typeof live = [];
      const lost = new Set<string>();
      for (const item of live) {
        const answer = answers.get(item.k)!;
        if (answer instanceof HubRequestError) out[item.k] = answer;
        else if (answer.status === 200 || answer.status === 201) out[item.k] = { status: answer.status, bytes: item.bytes + item.json.length };
        else if (answer.error?.code === 'missing_blobs' && round < 2) {
          // The hub may have lost blobs it said it had (restored from an older backup): send them again.
          for (const sha of answer.error.missingBlobs ?? []) lost.add(sha);
          again.push(item);
        } else {
          out[item.k] = new HubRequestError(answer.status, answer.error?.code ?? STATUS_CODES[answer.status] ?? 'http_error', answer.error?.message ?? `HTTP ${answer.status}`, answer.error?.missingBlobs ?? []);
        }
      }
      for (const sha of lost) this.onHub.delete(sha);
      live = again.length ? await sendBlobsOf(again, [...lost]) : [];
    }
    return out;
  }

  /** The records, as few requests as their size allows; an answer per record, or the error of its request. */
  private async sendRecords(items: ReadonlyArray<{ k: number; id: string; body: PushRequest; json: string }>): Promise<Map<number, PushResult | HubRequestError>> {
    const answers = new Map<number, PushResult | HubRequestError>();
    const putOne = async (item: (typeof items)[number]) => {
      try {
        const res = await this.request('PUT', `/inspections/${item.id}`, item.json, 'application/json');
        answers.set(item.k, { id: item.id, status: res.status, revision: item.body.revision, contentHash: item.body.contentHash });
      } catch (error) {
        const e = asHubError(error);
        // A refusal of this record is its answer; a failure of the request is not.
        answers.set(item.k, e.status >= 400 && e.status < 500 ? { id: item.id, status: e.status, error: { code: e.code, message: e.message, missingBlobs: e.missingBlobs } } : e);
      }
    };
    for (let start = 0; start < items.length; ) {
      let end = start + 1;
      let size = items[start]!.json.length;
      while (end < items.length && end - start < PUSH_BATCH_MAX_ITEMS && size + items[end]!.json.length <= RECORD_REQUEST_CHARS) size += items[end++]!.json.length;
      const chunk = items.slice(start, end);
      start = end;
      if (!this.recordBatches) {
        for (const item of chunk) await putOne(item);
        continue;
      }
      try {
        const res = await this.request('POST', '/inspections', `{"items":[${chunk.map((c) => c.json).join(',')}]}`, 'application/json');
        const parsed = pushBatchResponseSchema.safeParse(res.json);
        const results = parsed.success ? parsed.data.results : [];
        // Each answer must name its record, and an acceptance the very revision and hash sent.
        const matches = (r: PushResult | undefined, c: (typeof chunk)[number]) =>
          r !== undefined && r.id === c.id && (r.status !== 200 && r.status !== 201 ? true : r.revision === c.body.revision && r.contentHash === c.body.contentHash);
        if (results.length !== chunk.length || chunk.some((c, i) => !matches(results[i], c))) throw new HubRequestError(0, 'bad_response', 'The hub did not answer for each record');
        chunk.forEach((c, i) => answers.set(c.k, results[i]!));
      } catch (error) {
        const e = asHubError(error);
        if (!BATCH_REFUSED.has(e.status)) {
          for (const c of chunk) answers.set(c.k, e);
          continue;
        }
        // An older hub, or a proxy with a smaller body limit: one record per request from now on.
        this.recordBatches = false;
        for (const item of chunk) await putOne(item);
      }
    }
    return answers;
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
        const results = await this.pushGroup(group);
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
            await this.storage.markFailed(entry, { code: result.code, message: result.message, final: !result.retryable && result.status !== 401 && result.status !== 403 && result.code !== 'local', at: this.o.now() });
          } catch {
            report.stoppedBy ??= 'local';
          }
          // Without the hub, or without a valid token, the rest would fail the same way: stop for now.
          if (result.retryable || result.status === 401 || result.status === 403) report.stoppedBy ??= result.code;
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

import type { InspectionRecord } from '../inspection/record';
import { BATCH_REFUSED, type BlobUploader } from './blob-uploader';
import { asHubError, HubRequestError, STATUS_CODES, type HubClient } from './hub-client';
import { pushBatchResponseSchema, PUSH_BATCH_MAX_ITEMS, pushRequestFor, type PushRequest, type PushResult } from './protocol';
import type { OutboxEntry } from './sync-storage';

/** The most record JSON (in UTF-16 code units) sent in one request. */
const RECORD_REQUEST_CHARS = 4 * 1024 * 1024;

/** Finalized records sent to the hub after their blobs, a few to a request where the hub allows it. */
export class RecordPusher {
  /** Cleared when the hub (or a proxy before it) refuses batch requests: one record per request instead. */
  private recordBatches = true;

  constructor(
    private readonly client: HubClient,
    private readonly blobs: BlobUploader,
  ) {}

  /**
   * A group of records: the blobs the hub lacks, packed into few requests, then the records, a few
   * to a request. Blobs the hub reports missing after all are sent and those records retried. Each
   * record gets its own outcome: one that fails does not hold back the others.
   */
  async pushGroup(group: ReadonlyArray<{ entry: OutboxEntry; loaded: Promise<InspectionRecord> }>): Promise<Array<{ status: 200 | 201; bytes: number } | HubRequestError>> {
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
      const sent = await this.blobs.upload(hashes);
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
      await this.blobs.askMissing(live.flatMap((l) => l.body.blobs));
    } catch (error) {
      for (const l of live) out[l.k] = asHubError(error);
      return out;
    }
    live = await sendBlobsOf(
      live,
      live.flatMap((l) => l.body.blobs.filter((sha) => !this.blobs.onHub.has(sha))),
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
      for (const sha of lost) this.blobs.onHub.delete(sha);
      live = again.length ? await sendBlobsOf(again, [...lost]) : [];
    }
    return out;
  }

  /** The records, as few requests as their size allows; an answer per record, or the error of its request. */
  private async sendRecords(items: ReadonlyArray<{ k: number; id: string; body: PushRequest; json: string }>): Promise<Map<number, PushResult | HubRequestError>> {
    const answers = new Map<number, PushResult | HubRequestError>();
    const putOne = async (item: (typeof items)[number]) => {
      try {
        const res = await this.client.request('PUT', `/inspections/${item.id}`, item.json, 'application/json');
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
        const res = await this.client.request('POST', '/inspections', `{"items":[${chunk.map((c) => c.json).join(',')}]}`, 'application/json');
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
}

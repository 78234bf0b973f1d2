import { recordBlobHashes, type InspectionRecord } from '../inspection/record';
import { BLOB_BATCH_MAX_ITEMS, BLOB_BATCH_MEDIA_TYPE, BLOB_BATCH_TARGET_BYTES, blobBatchResponseSchema, encodeBlobBatch } from './blob-batch';
import { asHubError, HubRequestError, type HubClient } from './hub-client';
import { blobsMissingResponseSchema } from './protocol';
import type { SyncStorage } from './sync-storage';

/** A batch request refused as such (no such route, a body limit, the media type): the items go one by one. */
export const BATCH_REFUSED = new Set([404, 405, 413, 415]);

/**
 * What one sync run knows of the hub's blobs, and the uploads of those it lacks: asked about in
 * bulk, packed several to a request, each sent once however many records share it.
 */
export class BlobUploader {
  constructor(
    private readonly client: HubClient,
    private readonly storage: Pick<SyncStorage, 'loadBlob'>,
  ) {}

  /** Blobs this run has seen the hub hold (signatures repeat across records: asked about once). */
  readonly onHub = new Set<string>();
  /** Blobs the hub said it lacks, asked about ahead of the records that need them. */
  private readonly knownMissing = new Set<string>();
  /** Cleared when the hub (or a proxy before it) refuses batch requests: one item per request instead. */
  private blobBatches = true;
  /** Uploads in flight: a blob two records share goes up once. Each settles with its size, or a HubRequestError. */
  private readonly uploading = new Map<string, Promise<number>>();

  /**
   * Sends these blobs, packed several to a request (a large one alone), and says for each how many
   * bytes went up or why it could not. A blob another push is already sending is waited for.
   */
  async upload(hashes: readonly string[]): Promise<Map<string, number | HubRequestError>> {
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
        await this.client.request('PUT', `/blobs/${sha256}`, bytes, 'application/octet-stream');
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
        const res = await this.client.request('POST', '/blobs', encodeBlobBatch(sending), BLOB_BATCH_MEDIA_TYPE);
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
  async askAhead(records: ReadonlyArray<Promise<InspectionRecord>>): Promise<void> {
    const loaded = await Promise.allSettled(records);
    try {
      await this.askMissing(loaded.flatMap((r) => (r.status === 'fulfilled' ? recordBlobHashes(r.value) : [])));
    } catch {
      return;
    }
  }

  async askMissing(hashes: readonly string[]): Promise<void> {
    const unknown = [...new Set(hashes)].filter((h) => !this.onHub.has(h) && !this.knownMissing.has(h));
    for (let k = 0; k < unknown.length; k += 1000) {
      const chunk = unknown.slice(k, k + 1000);
      const res = await this.client.request('POST', '/blobs/missing', JSON.stringify({ hashes: chunk }), 'application/json');
      const missing = new Set(blobsMissingResponseSchema.parse(res.json).missing);
      for (const h of chunk) (missing.has(h) ? this.knownMissing : this.onHub).add(h);
    }
  }
}

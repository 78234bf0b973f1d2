import type { SigningTimestampResult } from '@shared/ipc/signing-schemas';
import { toLocalIso } from '@shared/time/local-iso';
import type { CongvuDb } from '../../db/database';
import { verifyStoredPdf } from '../signing/document-verdict';
import { signedFileSound } from './signed-check';

export type Stamp = (pdf: Uint8Array) => Promise<SigningTimestampResult>;

const codeOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 300);

/**
 * Adds the queued document time-stamps: each stored signed PDF whose signature was made offline
 * gets one over the whole file, and replaces the stored file (so the hub is sent the newer one);
 * the job is then dropped. A job that fails (still offline, TSA refused) stays for the next run,
 * with what went wrong. A file replaced meanwhile (a further signature) is stamped next run.
 */
export async function runTimestampQueue(db: CongvuDb, stamp: Stamp): Promise<{ stamped: number; failed: number }> {
  let stamped = 0;
  let failed = 0;
  for (const job of await db.timestampJobs.toArray()) {
    const key: [string, number] = [job.inspectionId, job.revision];
    const row = await db.signedReports.get(key);
    if (!row) {
      await db.timestampJobs.delete(key);
      continue;
    }
    try {
      const before = new Uint8Array(await row.pdf.arrayBuffer());
      const result = await stamp(before);
      // The stamp is an incremental update: the stored file, byte for byte, then the stamp.
      const extends_ = result.pdf.byteLength > before.byteLength && before.every((b, n) => result.pdf[n] === b);
      if (!extends_ || !signedFileSound(verifyStoredPdf(result.pdf), result.sha256, { documentTimestamp: true })) throw new Error('err.sign.verifyFailed');
      await db.transaction('rw', db.signedReports, db.timestampJobs, async () => {
        const current = await db.signedReports.get(key);
        if (current?.sha256 !== row.sha256) return;
        const { hubSyncedAt: _sent, hubError: _error, hubFinal: _final, ...kept } = current;
        await db.signedReports.put({ ...kept, sha256: result.sha256, pdf: new Blob([result.pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }) });
        await db.timestampJobs.delete(key);
      });
      stamped += 1;
    } catch (error) {
      failed += 1;
      await db.timestampJobs.update(key, { attempts: job.attempts + 1, lastTriedAt: toLocalIso(new Date()), lastError: codeOf(error) });
    }
  }
  return { stamped, failed };
}

let running: Promise<{ stamped: number; failed: number }> | null = null;

/** One run at a time, whoever asks (start, `online`, a sync run). */
export function runTimestampQueueOnce(db: CongvuDb, stamp: Stamp): Promise<{ stamped: number; failed: number }> {
  running ??= runTimestampQueue(db, stamp).finally(() => (running = null));
  return running;
}

/** At start and whenever the browser says it is back online; returns the function that stops it. */
export function startTimestampQueue(db: CongvuDb, stamp: Stamp): () => void {
  const run = () => void runTimestampQueueOnce(db, stamp).catch((error: unknown) => console.error('time-stamp queue failed', error));
  window.addEventListener('online', run);
  run();
  return () => window.removeEventListener('online', run);
}

import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256HexSync } from '../../shared/hash/sha256-sync';
import { verifyDocument } from '../../shared/pdf-signature/verify-document';
import { p12Signer } from '../../node-shared/signing/p12-signer';
import { addDocumentTimestamp, signDocument } from '../../node-shared/signing/sign-document';
import { requestTimestamp } from '../../node-shared/signing/tsa-client';
import { CongvuDb } from '../../renderer/src/db/database';
import { storeSignedReport } from '../../renderer/src/features/report/signed-report-store';
import { runTimestampQueue, type Stamp } from '../../renderer/src/features/report/timestamp-queue';
import { signerStatuses } from '../../renderer/src/features/report/signer-status';
import { DexieSyncStorage } from '../../renderer/src/features/sync/dexie-sync-storage';
import { listenLoopback } from '../support/loopback-server';
import { buildSamplePdf, sampleRecordWithBlobs } from '../support/report-fixture';
import { startRevocationServer, type RevocationServer } from '../support/revocation-server';
import { makeTestPki, type TestPki } from '../support/test-pki';
import { startTestTsa, type TestTsa } from '../support/test-tsa';

let server: RevocationServer;
let pki: TestPki;
let tsa: TestTsa;
let closedUrl: string;

beforeAll(async () => {
  server = await startRevocationServer();
  pki = makeTestPki(server.url);
  server.serve(pki);
  tsa = await startTestTsa(pki);
  const gone = await listenLoopback((_req, res) => res.end());
  closedUrl = `${gone.url}/tsa`;
  await gone.close();
});
afterAll(async () => {
  await tsa.close();
  await server.close();
});

const stampWith =
  (url: string): Stamp =>
  async (pdf) => {
    const stamped = await addDocumentTimestamp(pdf, (sha) => requestTimestamp(url, sha));
    return { pdf: stamped, sha256: sha256HexSync(stamped) };
  };

describe('the offline time-stamp queue (real IndexedDB engine, real TSA on loopback)', () => {
  it('queues a signature made offline, keeps the job while the TSA is out of reach, then stamps, replaces the file and sends it to the hub again', async () => {
    const { record, blobs } = sampleRecordWithBlobs();
    const i = record.inspection;
    const db = new CongvuDb('timestamp-queue-1');
    await db.inspections.put(structuredClone(i));
    const signer = p12Signer(pki.signers.good.p12, pki.signers.good.passphrase);
    const meta = { reason: 'Biên bản', location: i.place, name: 'Nguyễn Văn An', role: 'leader' as const };
    const signed = await signDocument(buildSamplePdf(record, blobs), { signer, meta, certify: true, timestamp: (sha) => requestTimestamp(closedUrl, sha) });
    expect(signed).toMatchObject({ timestamped: false, timestampError: 'err.sign.tsaUnreachable' });
    const result = { pdf: signed.pdf, sha256: sha256HexSync(signed.pdf), fileName: null, signer: 'Nguyễn Văn An', role: 'leader' as const, timestamped: false, timestampError: signed.timestampError, validationDataEmbedded: false };
    expect(await storeSignedReport(db, record, null, result)).toEqual({ queuedTimestamp: true });
    // Refused when the stored file is no longer the one the signature was added to.
    await expect(storeSignedReport(db, record, null, result)).rejects.toThrow('err.sign.changedMeanwhile');

    // The hub already holds this file: nothing waits to go.
    await db.syncStatus.put({ inspectionId: i.id, revision: i.revision, state: 'synced', final: false, error: null, at: '2026-11-23T10:00:00+07:00' });
    await db.signedReports.update([i.id, i.revision], { hubSyncedAt: '2026-11-23T10:01:00+07:00' });
    const storage = new DexieSyncStorage(db);
    expect(await storage.pendingReports()).toEqual([]);
    expect(signerStatuses(record, verifyDocument(signed.pdf, {}))[0]!.signed).toMatchObject({ timestamped: false, intact: true });

    expect(await runTimestampQueue(db, stampWith(closedUrl))).toEqual({ stamped: 0, failed: 1 });
    const kept = await db.timestampJobs.get([i.id, i.revision]);
    expect(kept).toMatchObject({ attempts: 1, lastError: 'err.sign.tsaUnreachable' });
    expect((await db.signedReports.get([i.id, i.revision]))!.sha256).toBe(result.sha256);

    // As after a restart: a new connection to the same database finds the job and runs it.
    db.close();
    const reopened = new CongvuDb('timestamp-queue-1');
    expect(await runTimestampQueue(reopened, stampWith(tsa.url))).toEqual({ stamped: 1, failed: 0 });
    expect(await reopened.timestampJobs.count()).toBe(0);
    const row = (await reopened.signedReports.get([i.id, i.revision]))!;
    const bytes = new Uint8Array(await row.pdf.arrayBuffer());
    expect(row.sha256).toBe(sha256HexSync(bytes));
    expect(Buffer.from(bytes.subarray(0, signed.pdf.length)).equals(Buffer.from(signed.pdf))).toBe(true);
    expect(row.hubSyncedAt).toBeUndefined();
    const verdict = verifyDocument(bytes, {});
    expect(verdict.signatures.map((s) => s.kind)).toEqual(['signature', 'document-timestamp']);
    expect(verdict.signatures.every((s) => s.intact)).toBe(true);
    expect(signerStatuses(record, verdict)[0]!.signed).toMatchObject({ timestamped: true, intact: true });
    expect(await new DexieSyncStorage(reopened).pendingReports()).toEqual([{ id: i.id, revision: i.revision, sha256: row.sha256 }]);
    reopened.close();
  });
});

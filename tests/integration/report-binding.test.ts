import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { p12Signer } from '../../node-shared/signing/p12-signer';
import { addDocumentTimestamp, signDocument } from '../../node-shared/signing/sign-document';
import { requestTimestamp } from '../../node-shared/signing/tsa-client';
import type { SignerRole } from '../../shared/pdf-signature/verdict';
import { checkSignedReport } from '../../shared/review/report-binding';
import { buildSamplePdf, sampleRecordWithBlobs } from '../support/report-fixture';
import { startRevocationServer, type RevocationServer } from '../support/revocation-server';
import { seededRandom } from '../support/seeded-random';
import { makeTestPki, type PkiSigner, type TestPki } from '../support/test-pki';
import { startTestTsa, type TestTsa } from '../support/test-tsa';

let server: RevocationServer;
let pki: TestPki;
let tsa: TestTsa;
let contentHash: string;
let unsigned: Uint8Array;

beforeAll(async () => {
  server = await startRevocationServer();
  pki = makeTestPki(server.url);
  server.serve(pki);
  tsa = await startTestTsa(pki);
  const { record, blobs } = sampleRecordWithBlobs();
  contentHash = record.inspection.contentHash!;
  unsigned = buildSamplePdf(record, blobs);
}, 120_000);
afterAll(async () => {
  await tsa?.close();
  await server?.close();
  pki?.dispose();
});

const sign = async (pdf: Uint8Array, who: PkiSigner, role: SignerRole, timestamped: boolean) =>
  (
    await signDocument(pdf, {
      signer: p12Signer(who.p12, who.passphrase),
      meta: { name: 'Ky so', reason: 'Bien ban kiem tra cong vu', location: 'UBND xa Tan Hoa', role },
      certify: role === 'leader',
      ...(timestamped ? { timestamp: (digest: Uint8Array) => requestTimestamp(tsa.url, digest) } : {}),
    })
  ).pdf;

/**
 * The report check the hub and the reviewer share: every signer in order with the time-stamp's
 * time or the claimed one, trust weighed only when anchors are given, and the file bound to the record.
 */
describe('checkSignedReport', () => {
  it('lists every signer in order: time-stamped at the TSA time, else the claimed time; trust unknown without anchors', async () => {
    const first = await sign(unsigned, pki.signers.good, 'leader', true);
    const second = await sign(first, pki.signers.stranger, 'unit-representative', false);
    const check = checkSignedReport(second, contentHash);
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.untrustedSigner).toBe(false);
    expect(check.signer).toBe('Nguyễn Văn An');
    expect(check.signers.map((s) => [s.index, s.kind, s.role, s.commonName, s.intact, s.trust])).toEqual([
      [1, 'signature', 'leader', 'Nguyễn Văn An', true, 'unknown'],
      [2, 'signature', 'unit-representative', 'Người Lạ', true, 'unknown'],
    ]);
    expect(Math.abs(Date.parse(check.signers[0]!.timestamp!) - Date.now())).toBeLessThan(10 * 60_000);
    expect(check.signers[1]!.timestamp).toBeNull();
    expect(check.signers[1]!.claimedTime).not.toBeNull();
    expect(check.signers[1]!.issuer).toContain('Stranger Root CA');

    // With the hub's roots: the stranger is flagged, the file still checks out.
    const judged = checkSignedReport(second, contentHash, { anchors: [pki.root.der] });
    expect(judged).toMatchObject({ ok: true, problems: [], untrustedSigner: true });
    expect(judged.signers.map((s) => s.trust)).toEqual(['trusted', 'untrusted']);
    expect(checkSignedReport(first, contentHash, { anchors: [pki.root.der] })).toMatchObject({ ok: true, untrustedSigner: false });

    // A document time-stamp added later is listed after the signers it vouches for.
    const stamped = await addDocumentTimestamp(second, (digest) => requestTimestamp(tsa.url, digest));
    const withStamp = checkSignedReport(stamped, contentHash);
    expect(withStamp.ok).toBe(true);
    expect(withStamp.signers.map((s) => [s.index, s.kind])).toEqual([
      [1, 'signature'],
      [2, 'signature'],
      [3, 'document-timestamp'],
    ]);
  });

  it("refuses another record's PDF, a PDF we did not make, an unsigned one, and a broken later signature", async () => {
    const first = await sign(unsigned, pki.signers.good, 'leader', false);
    expect(checkSignedReport(first, 'f'.repeat(64)).problems).toEqual(['other-record']);
    expect(checkSignedReport(unsigned, contentHash).problems).toEqual(['no-signature']);
    const foreign = await PDFDocument.create();
    foreign.addPage();
    const theirs = await sign(await foreign.save({ useObjectStreams: false }), pki.signers.good, 'leader', false);
    expect(checkSignedReport(theirs, contentHash).problems).toContain('not-ours');
    // One byte of the second signature's covered range flipped.
    const second = await sign(first, pki.signers.good, 'unit-representative', false);
    const broken = second.slice();
    broken[first.length + 20] = broken[first.length + 20]! ^ 0x01;
    const check = checkSignedReport(broken, contentHash);
    expect(check.ok).toBe(false);
    expect(check.problems).toContain('broken:2');
    expect(check.problems).not.toContain('broken:1');
  });

  it('never throws on a damaged file (the hub answers 422, never 500): flipped bytes, cut files, garbage', async () => {
    const signed = await sign(await sign(unsigned, pki.signers.good, 'leader', false), pki.signers.stranger, 'unit-representative', false);
    const random = seededRandom(14);
    for (let round = 0; round < 60; round++) {
      const damaged = round % 3 === 0 ? signed.slice(0, Math.floor(random() * signed.length)) : signed.slice();
      if (round % 3 !== 0) for (let k = 0; k < 1 + Math.floor(random() * 8); k++) damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256);
      const check = checkSignedReport(damaged, contentHash, { anchors: [pki.root.der] });
      expect(typeof check.ok, `round ${round}`).toBe('boolean');
    }
    expect(checkSignedReport(new TextEncoder().encode('%PDF-1.7\ngarbage'), contentHash).ok).toBe(false);
    expect(checkSignedReport(new Uint8Array(), contentHash).ok).toBe(false);
  });
});

import { performance } from 'node:perf_hooks';
import { p12Signer } from '../../node-shared/signing/p12-signer';
import { openTokenSigner } from '../../node-shared/signing/pkcs11/index';
import { fetchValidationData } from '../../node-shared/signing/revocation-fetch';
import { signDocument } from '../../node-shared/signing/sign-document';
import { requestTimestamp } from '../../node-shared/signing/tsa-client';
import { verifyDocument } from '../../shared/pdf-signature/verify-document';
import { startRevocationServer } from '../support/revocation-server';
import { makeSoftHsmToken } from '../support/softhsm';
import { makeTestPki } from '../support/test-pki';
import { startTestTsa } from '../support/test-tsa';
import { templateSchema } from '../../shared/schemas';
import { defaultLegalBases } from '../../shared/legal-bases/default-legal-bases';
import { buildRecordPdf } from '../../shared/report/record-pdf';
import { builtInTemplates } from '../../shared/templates';
import type { InspectionRecord } from '../../shared/inspection/record';
import { loadFonts, sampleRecordWithBlobs } from '../support/report-fixture';
import { makeTestIdentity } from '../support/test-certificate';
import { judge, median, type BenchRun } from './results';

const RUNS = 7;

/**
 * A record with 40 findings and 20 photos (1600×1200 JPEG at quality 80, the report copy the app
 * makes), in Node: build the PDF, sign it, and its size; and the size of the same record signed
 * without photos.
 */
export async function benchPdf({ emit }: BenchRun): Promise<void> {
  // The three built-in templates hold 39 items; one more template brings the record to 40 findings.
  const extra = templateSchema.parse({
    id: 'XT', version: 1, title: { vi: 'Nội dung bổ sung', en: 'Extra' }, publishedAt: '2026-01-01T00:00:00+07:00',
    sections: [{ code: 'XT-A', title: { vi: 'Bổ sung', en: 'Extra' }, items: [{ code: 'XT-01', text: { vi: 'Sổ theo dõi văn bản đến cập nhật đầy đủ', en: 'Incoming register up to date' }, answerType: 'compliance' }] }],
  });
  const templates = [...builtInTemplates, extra];
  const mutate = (r: InspectionRecord) => {
    r.inspection.templateRefs.push('XT@1');
    r.findings.push({ ...r.findings[0]!, id: crypto.randomUUID(), templateRef: 'XT@1', itemCode: 'XT-01', answer: { type: 'compliance', value: 'C' }, note: '', involvedRosterIds: [], attachmentHashes: [] });
  };
  const { record, blobs } = sampleRecordWithBlobs({ photos: 20, photoQuality: 80, templates, mutate });
  if (record.findings.length !== 40) throw new Error(`expected 40 findings, got ${record.findings.length}`);
  const photoBytes = record.attachments.reduce((n, a) => n + a.size, 0);
  const fonts = loadFonts();
  const build = () => buildRecordPdf({ record, templates, legalBases: defaultLegalBases, fonts, blob: (sha) => blobs.get(sha) });
  build(); // warm-up: module initialisation and JIT
  const buildTimes: number[] = [];
  let pdf: Uint8Array = new Uint8Array();
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    pdf = build();
    buildTimes.push(performance.now() - t0);
  }
  emit(judge('pdf.build_ms', median(buildTimes), 'ms', '<= 800'));
  emit(judge('pdf.photo_avg_kb', photoBytes / record.attachments.length / 1024, 'KB', null));
  const identity = makeTestIdentity();
  const meta = { reason: 'Ky bien ban', location: 'Xa Tan Phuoc Hung', name: 'Nguyen Thi Anh Tuyet', role: 'leader' as const };
  const signP12 = async (input: Uint8Array) => (await signDocument(input, { signer: p12Signer(identity.p12, identity.passphrase), meta, certify: true })).pdf;
  await signP12(pdf);
  const signTimes: number[] = [];
  let signed = pdf;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    signed = await signP12(pdf);
    signTimes.push(performance.now() - t0);
  }
  emit(judge('pdf.sign_ms', median(signTimes), 'ms', '<= 300'));
  await benchTokenAndVerify(pdf, emit);
  console.log(`  ${record.findings.length} findings, ${record.attachments.length} photos averaging ${(photoBytes / record.attachments.length / 1024).toFixed(0)} KB; signed file ${(signed.length / (1024 * 1024)).toFixed(2)} MB`);
  emit(judge('pdf.size_mb', signed.length / (1024 * 1024), 'MB', '<= 6'));
  // The same record without photos: what is left is text, fonts and signatures.
  const bare = sampleRecordWithBlobs({ photos: 0, templates, mutate });
  const bareSigned = await signP12(buildRecordPdf({ record: bare.record, templates, legalBases: defaultLegalBases, fonts, blob: (sha) => bare.blobs.get(sha) }));
  emit(judge('pdf.size_no_photos_kb', bareSigned.length / 1024, 'KB', '<= 250'));
}

/**
 * Signing on a SoftHSM2 token (open, log in, C_Sign, close) with a loopback RFC 3161 time-stamp,
 * and verifying a two-signer record whose validation data (chain, CRLs, OCSP) is embedded.
 */
async function benchTokenAndVerify(pdf: Uint8Array, emit: BenchRun['emit']): Promise<void> {
  const server = await startRevocationServer();
  const pki = makeTestPki(server.url);
  server.serve(pki);
  const tsa = await startTestTsa(pki);
  const token = makeSoftHsmToken({ commonName: 'Nguyen Thi Anh Tuyet' });
  try {
    const meta = { reason: 'Ky bien ban', location: 'Xa Tan Phuoc Hung', name: 'Nguyen Thi Anh Tuyet', role: 'leader' as const };
    const timestamp = (digest: Uint8Array) => requestTimestamp(tsa.url, digest);
    const signOnToken = async () => {
      const session = await openTokenSigner({ modulePath: token.modulePath, tokenLabel: token.label, pin: token.pin });
      try {
        return (await signDocument(pdf, { signer: session.signer, meta, certify: true, timestamp })).pdf;
      } finally {
        session.close();
      }
    };
    await signOnToken();
    const tokenTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await signOnToken();
      tokenTimes.push(performance.now() - t0);
    }
    emit(judge('pdf.sign_token_ms', median(tokenTimes), 'ms', '<= 600'));

    const online = { timestamp, validationData: (chain: Uint8Array[]) => fetchValidationData(chain), anchors: [pki.root.der, pki.intermediate.der] };
    const first = (await signDocument(pdf, { signer: p12Signer(pki.signers.good.p12, pki.signers.good.passphrase), meta, certify: true, ...online })).pdf;
    const both = (await signDocument(first, { signer: p12Signer(pki.signers.good.p12, pki.signers.good.passphrase), meta: { ...meta, role: 'unit-representative' }, certify: false, ...online })).pdf;
    const anchors = [pki.root.der];
    const check = verifyDocument(both, { anchors });
    if (!check.ok || check.signatures.some((s) => s.revocation.source !== 'embedded')) throw new Error(`verify bench file does not verify offline: ${check.problems.join(', ')}`);
    const verifyTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      verifyDocument(both, { anchors });
      verifyTimes.push(performance.now() - t0);
    }
    console.log(`  two-signer record with embedded validation data: ${(both.length / 1024).toFixed(0)} KB, ${check.signatures.length} signatures`);
    emit(judge('pdf.verify_ms', median(verifyTimes), 'ms', '<= 200'));
  } finally {
    token.cleanup();
    await tsa.close();
    await server.close();
  }
}

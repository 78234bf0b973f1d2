import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SigningError } from '../../node-shared/signing/certificate';
import { p12Signer } from '../../node-shared/signing/p12-signer';
import { fetchValidationData } from '../../node-shared/signing/revocation-fetch';
import { addDocumentTimestamp, signDocument } from '../../node-shared/signing/sign-document';
import { requestTimestamp } from '../../node-shared/signing/tsa-client';
import { readSignedData } from '../../shared/pdf-signature/cms-read';
import { PdfFile } from '../../shared/pdf-signature/pdf-file';
import { signatureFields } from '../../shared/pdf-signature/signature-fields';
import { trimDer } from '../../shared/pdf-signature/signature-reader';
import { verifyDocument } from '../../shared/pdf-signature/verify-document';
import { buildSamplePdf, sampleRecordWithBlobs } from '../support/report-fixture';
import { startRevocationServer, type RevocationServer } from '../support/revocation-server';
import { makeTestPki, type PkiSigner, type TestPki } from '../support/test-pki';
import { startTestTsa, type TestTsa } from '../support/test-tsa';

let server: RevocationServer;
let pki: TestPki;
let tsa: TestTsa;
let unsigned: Uint8Array;

beforeAll(async () => {
  server = await startRevocationServer();
  pki = makeTestPki(server.url);
  server.serve(pki);
  tsa = await startTestTsa(pki);
  const { record, blobs } = sampleRecordWithBlobs();
  unsigned = buildSamplePdf(record, blobs);
}, 120_000);
afterAll(async () => {
  await tsa?.close();
  await server?.close();
});

const meta = { name: 'Nguyen Thi Anh Tuyet', reason: 'Bien ban kiem tra cong vu', location: 'UBND xa Tan Hoa', role: 'leader' as const };
const online = () => ({
  timestamp: (digest: Uint8Array) => requestTimestamp(tsa.url, digest),
  validationData: (chain: Uint8Array[]) => fetchValidationData(chain),
});
const anchors = () => [pki.root.der];
const signer = (s: PkiSigner) => p12Signer(s.p12, s.passphrase);

describe('PAdES-B-T and B-LT with a real TSA and revocation data', () => {
  it('time-stamps the signature and embeds the chain and revocation data, which verify with the network off', async () => {
    const result = await signDocument(unsigned, { signer: signer(pki.signers.good), meta, certify: true, anchors: [...anchors(), pki.intermediate.der], ...online() });
    expect(result).toMatchObject({ timestamped: true, timestampError: null, validationDataEmbedded: true });
    // The network is gone from here on: nothing is fetched by the verifier.
    const before = server.requests.length;
    await server.close();
    const verdict = verifyDocument(result.pdf, { anchors: anchors() });
    expect(server.requests.length).toBe(before);
    expect(verdict.problems).toEqual([]);
    const [signature] = verdict.signatures;
    expect(signature).toMatchObject({ intact: true, trust: 'trusted', validatedAtSource: 'timestamp', revocation: { status: 'good', source: 'embedded' } });
    expect(signature!.timestamp).toMatchObject({ intact: true, trust: 'trusted' });
    expect(Math.abs(Date.parse(signature!.timestamp!.time) - Date.now())).toBeLessThan(10 * 60_000);
    server = await startRevocationServer();
    server.serve(pki);

    // openssl checks the token in the CMS against the TSA certificate, over the signature value.
    const field = signatureFields(PdfFile.read(result.pdf))[0]!;
    const read = readSignedData(trimDer(field.contents!)!);
    if (!read.ok) throw new Error(read.problem);
    const token = read.signed.signer.signatureTimestampToken!;
    writeFileSync(join(pki.dir, 'token.der'), token);
    writeFileSync(join(pki.dir, 'signature.bin'), read.signed.signer.signature);
    const check = spawnSync('openssl', ['ts', '-verify', '-in', join(pki.dir, 'token.der'), '-token_in', '-data', join(pki.dir, 'signature.bin'), '-CAfile', tsa.rootPath, '-untrusted', tsa.certPath], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toContain('Verification: OK');
  });

  it('signs offline without a time-stamp, says why, and a later document time-stamp gives it its time', async () => {
    const offline = await signDocument(unsigned, {
      signer: signer(pki.signers.good),
      meta,
      certify: true,
      timestamp: () => requestTimestamp('http://127.0.0.1:9/tsa', new Uint8Array(32), { timeoutMs: 2000 }),
    });
    expect(offline).toMatchObject({ timestamped: false, timestampError: 'err.sign.tsaUnreachable' });
    const plain = verifyDocument(offline.pdf, { anchors: anchors() });
    expect(plain.signatures[0]).toMatchObject({ timestamp: null, validatedAtSource: 'claimed' });
    const stamped = await addDocumentTimestamp(offline.pdf, (digest) => requestTimestamp(tsa.url, digest));
    const verdict = verifyDocument(stamped, { anchors: anchors() });
    expect(verdict.signatures.map((s) => s.kind)).toEqual(['signature', 'document-timestamp']);
    expect(verdict.changes.allowed).toBe(true);
    expect(verdict.signatures[0]!.timestamp).toMatchObject({ intact: true });
    expect(verdict.signatures[1]).toMatchObject({ intact: true, coversToEnd: true, trust: 'trusted' });
  });

  it('gives each signer problem its own verdict', async () => {
    const sign = async (s: PkiSigner, signingTime?: Date) =>
      verifyDocument((await signDocument(unsigned, { signer: signer(s), meta, certify: true, signingTime, timestamp: (d) => requestTimestamp(tsa.url, d) })).pdf, { anchors: anchors(), material: { crls: [pki.intermediate.crl] } });
    expect((await sign(pki.signers.revoked)).signatures[0]!.trust).toBe('revoked');
    expect((await sign(pki.signers.wrongUsage)).signatures[0]!.trust).toBe('bad-key-usage');
    expect((await sign(pki.signers.stranger)).signatures[0]!.trust).toBe('untrusted');
    // A certificate that has expired, with /M backdated into its validity: the time-stamp tells.
    const backdated = new Date((pki.expiredValidity.notBefore.getTime() + pki.expiredValidity.notAfter.getTime()) / 2);
    const expired = await sign(pki.signers.expired, backdated);
    expect(expired.signatures[0]).toMatchObject({ trust: 'expired', validatedAtSource: 'timestamp' });
    expect(expired.ok).toBe(false);
  });

  it('refuses to sign with an expired certificate', async () => {
    const error = await signDocument(unsigned, { signer: signer(pki.signers.expired), meta, certify: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SigningError);
    expect((error as SigningError).code).toBe('err.sign.expired');
  });
});

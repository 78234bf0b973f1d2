import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSamplePdf, sampleRecordWithBlobs } from '../../../tests/support/report-fixture';
import { aesBox } from '../../../tests/support/secret-box';
import { startRevocationServer, type RevocationServer } from '../../../tests/support/revocation-server';
import { makeTestPki, type TestPki } from '../../../tests/support/test-pki';
import { startTestTsa, type TestTsa } from '../../../tests/support/test-tsa';
import { listenLoopback } from '../../../tests/support/loopback-server';
import { KeyStore } from '../signing/key-store';
import { verifyDocument } from '@shared/pdf-signature/verify-document';
import { nodeSigningBackends } from '../signing/node-backends';
import { SigningSettingsStore } from '../signing/settings-store';
import { TrustStore } from '../signing/trust-store';
import { signAndSave, type SigningContext } from './signing';
import { chooseModule, listTokens, timestampPdf } from './signing-setup';
import { makeSoftHsmToken, SOFTHSM_MODULE } from '../../../tests/support/softhsm';

let server: RevocationServer;
let pki: TestPki;
let tsa: TestTsa;
let dir: string;
let closedUrl: string;
const { record, blobs } = sampleRecordWithBlobs();
const pdf = buildSamplePdf(record, blobs);
/** The save dialog, cancelled: the signed file still comes back to be stored. */
const noSave = { showSaveDialog: async () => ({ canceled: true, filePath: undefined }) } as never;

beforeAll(async () => {
  server = await startRevocationServer();
  pki = makeTestPki(server.url);
  server.serve(pki);
  tsa = await startTestTsa(pki);
  dir = mkdtempSync(join(tmpdir(), 'congvu-sign-handler-'));
  // A port that was just listening and is now closed: the TSA "offline".
  const gone = await listenLoopback((_req, res) => res.end());
  closedUrl = `${gone.url}/tsa`;
  await gone.close();
});
afterAll(async () => {
  await tsa.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function context(name: string, tsaUrl: string | null): Promise<SigningContext> {
  const home = join(dir, name);
  const keys = new KeyStore(join(home, 'signing'), aesBox(), 'linux');
  await keys.import(pki.signers.good.p12, pki.signers.good.passphrase);
  const settings = new SigningSettingsStore(join(home, 'signing'));
  await settings.update({ method: 'p12', token: { tokenSerial: null, tokenLabel: null, certId: null }, tsaUrl });
  return { keys, settings, trust: new TrustStore(join(home, 'trust')), backends: nodeSigningBackends() };
}

const pdfsig = (bytes: Uint8Array, name: string) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return { text: spawnSync('pdfsig', [path], { encoding: 'utf8' }).stdout, qpdf: spawnSync('qpdf', ['--check', path]).status, path };
};

const request = (secret: string) => ({ pdf, secret, role: 'leader' as const, suggestedName: 'bien-ban-da-ky.pdf', record });

describe('signing.sign in main (real PKCS#12, real loopback TSA)', () => {
  it('signs the team lead first, certifying, with a time-stamp from the TSA', async () => {
    const ctx = await context('online', tsa.url);
    const result = await signAndSave(ctx, noSave, null, request(pki.signers.good.passphrase));
    expect(result).toMatchObject({ role: 'leader', timestamped: true, timestampError: null, fileName: null });
    expect(result.signer).toBe('Nguyễn Văn An, Sở Nội vụ tỉnh Thử, VN');
    expect(Buffer.from(result.pdf.subarray(0, pdf.length)).equals(Buffer.from(pdf))).toBe(true);
    const checked = pdfsig(result.pdf, 'online.pdf');
    expect(checked.text).toContain('Signature is Valid');
    expect(checked.qpdf).toBe(0);
    expect(tsa.queries.length).toBeGreaterThan(0);
    // Online, the chain's revocation data follows the signature (B-LT), so the record verifies offline later.
    expect(result.validationDataEmbedded).toBe(true);
    const verdict = verifyDocument(result.pdf, { anchors: [pki.root.der] });
    expect(verdict.ok).toBe(true);
    expect(verdict.signatures[0]).toMatchObject({ role: 'leader', certification: { permission: 2 }, trust: 'trusted', revocation: { status: 'good', source: 'embedded' } });
    expect(verdict.signatures[0]!.timestamp?.intact).toBe(true);
  });

  it('offline, signs without a time-stamp and says why; the queued document time-stamp is added later', async () => {
    const ctx = await context('offline', closedUrl);
    const result = await signAndSave(ctx, noSave, null, request(pki.signers.good.passphrase));
    expect(result).toMatchObject({ timestamped: false, timestampError: 'err.sign.tsaUnreachable' });
    expect(pdfsig(result.pdf, 'offline.pdf').text).toContain('Signature is Valid');
    await expect(timestampPdf(ctx, result.pdf)).rejects.toMatchObject({ code: 'err.sign.tsaUnreachable' });
    // Back online: the TSA is reachable again.
    await ctx.settings.update({ method: 'p12', token: { tokenSerial: null, tokenLabel: null, certId: null }, tsaUrl: tsa.url });
    const stamped = await timestampPdf(ctx, result.pdf);
    expect(Buffer.from(stamped.pdf.subarray(0, result.pdf.length)).equals(Buffer.from(result.pdf))).toBe(true);
    const checked = pdfsig(stamped.pdf, 'stamped.pdf');
    expect(checked.text).toMatch(/Signature #2/);
    expect(checked.qpdf).toBe(0);
    // pdfsig does not check ETSI.RFC3161 stamps itself; it finds the stamp, covering the whole file, after the intact signature.
    expect(checked.text).toMatch(/Signature #1:[\s\S]*Signature is Valid[\s\S]*Signature #2:[\s\S]*Test TSA congvu[\s\S]*Total document signed/);
  });

  it('refuses a wrong passphrase and a token way that is not set up, writing nothing', async () => {
    const ctx = await context('refusals', null);
    await expect(signAndSave(ctx, noSave, null, request('sai mật khẩu'))).rejects.toMatchObject({ code: 'err.sign.passphrase' });
    await ctx.settings.update({ method: 'pkcs11', token: { tokenSerial: null, tokenLabel: null, certId: null }, tsaUrl: null });
    await expect(signAndSave(ctx, noSave, null, request('1234'))).rejects.toMatchObject({ code: 'err.sign.noMethod' });
  });

  it('refuses to sign a role twice, and a file whose earlier signature was changed', async () => {
    const ctx = await context('twice', null);
    const first = await signAndSave(ctx, noSave, null, request(pki.signers.good.passphrase));
    await expect(signAndSave(ctx, noSave, null, { ...request(pki.signers.good.passphrase), pdf: first.pdf })).rejects.toMatchObject({ code: 'err.sign.alreadySigned' });
    const second = await signAndSave(ctx, noSave, null, { ...request(pki.signers.good.passphrase), pdf: first.pdf, role: 'unit-representative' });
    expect(pdfsig(second.pdf, 'two.pdf').text.match(/Signature is Valid/g)?.length).toBe(2);
    const verdict = verifyDocument(second.pdf, {});
    expect(verdict.signatures.map((v) => [v.role, v.intact, v.certification !== null])).toEqual([
      ['leader', true, true],
      ['unit-representative', true, false],
    ]);
    expect(verdict.changes.allowed).toBe(true);
    const broken = first.pdf.slice();
    broken[2000] = broken[2000]! ^ 1;
    await expect(signAndSave(ctx, noSave, null, { ...request(pki.signers.good.passphrase), pdf: broken, role: 'unit-representative' })).rejects.toMatchObject({
      code: expect.stringMatching(/^err\.sign\.(earlierBroken|notOurRecord)$/),
    });
  });

  it('signs with a USB token (SoftHSM2): the library from the known list, the token and certificate chosen, the PIN asked each time', async () => {
    const token = makeSoftHsmToken({ commonName: 'Trần Thị Bình' });
    try {
      const ctx = await context('token', tsa.url);
      const noDialog = { showOpenDialog: async () => ({ canceled: true, filePaths: [] }) } as never;
      await expect(chooseModule(ctx, noDialog, null, '/tmp/not-a-known-driver.so')).rejects.toMatchObject({ code: 'err.sign.moduleNotKnown' });
      expect(await chooseModule(ctx, noDialog, null, null)).toEqual({ chosen: false });
      const chosen = await chooseModule(ctx, noDialog, null, SOFTHSM_MODULE);
      expect(chosen).toMatchObject({ chosen: true, settings: { method: 'pkcs11', pkcs11: { modulePath: SOFTHSM_MODULE, certId: null } } });
      const tokens = await listTokens(ctx);
      const found = tokens.find((t) => t.serial === token.serial)!;
      expect(found.certificates.map((c) => ({ id: c.id, canSign: c.canSign, cn: c.summary.commonName }))).toEqual([{ id: token.certId, canSign: true, cn: 'Trần Thị Bình' }]);
      expect(JSON.stringify(tokens)).not.toContain('"der"');
      await ctx.settings.update({ method: 'pkcs11', token: { tokenSerial: found.serial, tokenLabel: found.label, certId: token.certId }, tsaUrl: tsa.url });
      await expect(signAndSave(ctx, noSave, null, request('000000'))).rejects.toMatchObject({ code: 'err.sign.pinIncorrect' });
      const result = await signAndSave(ctx, noSave, null, request(token.pin));
      expect(result).toMatchObject({ role: 'leader', timestamped: true, signer: expect.stringContaining('Trần Thị Bình') });
      const checked = pdfsig(result.pdf, 'token.pdf');
      expect(checked.text).toContain('Signature is Valid');
      expect(checked.qpdf).toBe(0);
      const verdict = verifyDocument(result.pdf, {});
      expect(verdict.signatures.map((v) => [v.role, v.intact, v.signer?.commonName])).toEqual([['leader', true, 'Trần Thị Bình']]);
    } finally {
      token.cleanup();
    }
  });
});

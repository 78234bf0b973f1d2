import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSamplePdf, sampleRecordWithBlobs } from '../support/report-fixture';
import { startRevocationServer, type RevocationServer } from '../support/revocation-server';
import { makeSoftHsmToken, type SoftHsmToken } from '../support/softhsm';
import { makeTestPki, type TestPki } from '../support/test-pki';
import { startTestTsa, type TestTsa } from '../support/test-tsa';

/**
 * The command lines a clerk uses without the app, run as a user would (child processes through
 * tsx): report signed on a SoftHSM2 token with a loopback TSA, a second signer added with a
 * PKCS#12 file, verify with and without the trust folder, in words and as JSON.
 */
const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'congvu-signing-cli-'));
let server: RevocationServer;
let pki: TestPki;
let tsa: TestTsa;
let token: SoftHsmToken;
let recordPath: string;
const trustDir = join(dir, 'trust');

/** Asynchronous, so the loopback TSA and revocation server in this process can answer the child. */
function run(script: string, args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, SOFTHSM2_CONF: token.confPath, ...env } }, (error, stdout, stderr) => {
      done({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  server = await startRevocationServer();
  pki = makeTestPki(server.url);
  server.serve(pki);
  tsa = await startTestTsa(pki);
  token = makeSoftHsmToken({ label: 'Token trưởng đoàn', commonName: 'Nguyen Thi Anh Tuyet' });
  const { record } = sampleRecordWithBlobs();
  recordPath = join(dir, 'record.json');
  writeFileSync(recordPath, JSON.stringify(record));
  writeFileSync(join(dir, 'unsigned.pdf'), buildSamplePdf(record, new Map()));
  mkdirSync(trustDir);
  writeFileSync(join(trustDir, 'root.pem'), pki.root.pem);
  writeFileSync(join(trustDir, 'token-ca.der'), token.caDer);
}, 180_000);
afterAll(async () => {
  token?.cleanup();
  await tsa?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run report / sign / verify', () => {
  it('signs the record on a PKCS#11 token, and the second signer adds theirs with a .p12 and a time-stamp', async () => {
    const first = join(dir, 'lead.pdf');
    const made = await run('report', ['--in', recordPath, '--out', first, '--pkcs11', token.modulePath, '--token-label', token.label, '--pin-env', 'TOKEN_PIN'], { TOKEN_PIN: token.pin });
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    expect(made.stdout).toContain('Đã ký số: CN=Nguyen Thi Anh Tuyet');
    const sig = spawnSync('pdfsig', [first], { encoding: 'utf8' }).stdout;
    expect(sig).toContain('Signature is Valid');
    expect(sig).toContain('Total document signed');
    // The PIN never reaches the output.
    expect(made.stdout + made.stderr).not.toContain(token.pin);

    const second = join(dir, 'both.pdf');
    const added = await run('sign', ['--in', first, '--out', second, '--p12', pki.signers.good.p12Path, '--pass-env', 'P12_PASS', '--tsa', tsa.url], { P12_PASS: pki.signers.good.passphrase });
    expect(added.stderr).toBe('');
    expect(added.stdout).toContain('Đã ký (unit-representative)');
    // Time-stamped, then the chain and its revocation data embedded after the signature (B-LT).
    expect(added.stdout).toContain('đã nhúng chuỗi chứng thư và dữ liệu thu hồi');
    expect(spawnSync('pdfsig', [second], { encoding: 'utf8' }).stdout.match(/Signature is Valid/g)).toHaveLength(2);
    expect(spawnSync('qpdf', ['--check', second], { encoding: 'utf8' }).status).toBe(0);

    const words = await run('verify', [second, '--trust', trustDir]);
    expect(words.status, words.stdout + words.stderr).toBe(0);
    expect(words.stdout).toContain('Chữ ký 1/2 (Trưởng đoàn)');
    expect(words.stdout).toContain('Chữ ký 2/2 (Đại diện đơn vị được kiểm tra)');
    expect(words.stdout).toContain('Kết luận: HỢP LỆ');

    const json = await run('verify', [second, '--trust', trustDir, '--json']);
    const parsed = JSON.parse(json.stdout) as { signatures: Array<{ signer: { commonName: string }; intact: boolean; coversToEnd: boolean; trusted: boolean; timestamp: { time: string } | null; revocation: { status: string; source: string } }> };
    expect(json.status).toBe(0);
    expect(parsed.signatures[1]!.revocation).toMatchObject({ status: 'good', source: 'embedded' });
    expect(parsed.signatures.map((s) => [s.signer.commonName, s.intact, s.coversToEnd, s.trusted, s.timestamp !== null])).toEqual([
      ['Nguyen Thi Anh Tuyet', true, false, true, false],
      ['Nguyễn Văn An', true, false, true, true],
    ]);
  });

  it('exits 1 when a signer is not in the trust folder, and 0 without a folder', async () => {
    const lone = join(dir, 'stranger.pdf');
    const made = await run('sign', ['--in', join(dir, 'unsigned.pdf'), '--out', lone, '--p12', pki.signers.stranger.p12Path, '--pass-env', 'P12_PASS'], { P12_PASS: pki.signers.stranger.passphrase });
    expect(made.status, made.stderr).toBe(0);
    const judged = await run('verify', [lone, '--trust', trustDir, '--json', '--offline']);
    expect(judged.status).toBe(1);
    expect(JSON.parse(judged.stdout).signatures[0]).toMatchObject({ trusted: false, trust: 'untrusted' });
    expect((await run('verify', [lone])).status).toBe(0);
  });

  it('refuses a wrong PIN, a file that is not a record, and a record changed after signing', async () => {
    const wrong = await run('report', ['--in', recordPath, '--out', join(dir, 'x.pdf'), '--pkcs11', token.modulePath, '--pin-env', 'TOKEN_PIN'], { TOKEN_PIN: '000000' });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('Sai mã PIN');
    expect(wrong.stderr).not.toContain('000000');

    const foreign = join(dir, 'foreign.pdf');
    writeFileSync(foreign, readFileSync(join(dir, 'unsigned.pdf')).toString('latin1').replace('/Creator (congvu)', '/Creator (khac!)'), 'latin1');
    const notOurs = await run('sign', ['--in', foreign, '--out', join(dir, 'y.pdf'), '--p12', pki.signers.good.p12Path, '--pass-env', 'P12_PASS'], { P12_PASS: pki.signers.good.passphrase });
    expect(notOurs.status).toBe(1);
    expect(notOurs.stderr).toContain('không phải');

    const signed = readFileSync(join(dir, 'lead.pdf'));
    const tampered = Buffer.from(signed);
    tampered[1500] = tampered[1500] === 0x20 ? 0x21 : 0x20;
    writeFileSync(join(dir, 'tampered.pdf'), tampered);
    const broken = await run('sign', ['--in', join(dir, 'tampered.pdf'), '--out', join(dir, 'z.pdf'), '--p12', pki.signers.good.p12Path, '--pass-env', 'P12_PASS'], { P12_PASS: pki.signers.good.passphrase });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('Chữ ký trước đó trên tệp không còn nguyên vẹn');
    expect((await run('verify', [join(dir, 'tampered.pdf')])).status).toBe(1);
  });
});

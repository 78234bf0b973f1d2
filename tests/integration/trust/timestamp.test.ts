import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digest } from '../../../shared/pdf-signature/primitives/digest';
import { imprintMatches, readTimestampToken, type TimestampTokenRead } from '../../../shared/pdf-signature/trust/timestamp-token';
import { SigningError } from '../../../node-shared/signing/certificate';
import { requestTimestamp } from '../../../node-shared/signing/tsa-client';
import { openssl } from '../../support/openssl';
import { startRevocationServer, type RevocationServer } from '../../support/revocation-server';
import { makeTestPki, type TestPki } from '../../support/test-pki';
import { startTestTsa, type TestTsa } from '../../support/test-tsa';

let server: RevocationServer;
let pki: TestPki;
let tsa: TestTsa;

beforeAll(async () => {
  server = await startRevocationServer();
  pki = makeTestPki(server.url);
  server.serve(pki);
  tsa = await startTestTsa(pki);
});
afterAll(async () => {
  await tsa.close();
  await server.close();
  pki.dispose();
});

const signatureValue = new TextEncoder().encode('giá trị chữ ký RSA của trưởng đoàn');

function read(der: Uint8Array): TimestampTokenRead {
  const result = readTimestampToken(der);
  if (!result.ok) throw new Error(result.problem);
  return result.token;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(SigningError);
  return (error as SigningError).code;
}

describe('requestTimestamp against a real openssl TSA', () => {
  it('gets a granted token over the digest, which openssl ts -verify accepts', async () => {
    tsa.mode = 'ok';
    const before = Date.now();
    const token = await requestTimestamp(tsa.url, digest('sha256', signatureValue));
    const read = readTimestampToken(token);
    expect(read.ok).toBe(true);
    const parsed = read.ok ? read.token : null;
    expect(parsed?.intact).toBe(true);
    expect(parsed?.problems).toEqual([]);
    expect(parsed?.imprint.algorithm).toBe('sha256');
    expect(imprintMatches(parsed!, signatureValue)).toBe(true);
    expect(imprintMatches(parsed!, Uint8Array.of(1, 2, 3))).toBe(false);
    expect(parsed!.genTime.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 1000);
    expect(parsed!.genTime.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(parsed!.nonce).toMatch(/^[0-9a-f]+$/);
    expect(Buffer.from(parsed!.tsaCertificate!)).toEqual(Buffer.from(pki.tsa.der));
    expect(parsed!.policy).toBe('1.2.3.4.1');

    const tokenPath = join(pki.dir, 'token.der');
    const dataPath = join(pki.dir, 'signature-value.bin');
    writeFileSync(tokenPath, token);
    writeFileSync(dataPath, signatureValue);
    const verified = openssl(['ts', '-verify', '-token_in', '-in', tokenPath, '-data', dataPath, '-CAfile', tsa.rootPath, '-untrusted', tsa.certPath]).toString();
    expect(verified).toContain('Verification: OK');
    const byDigest = openssl(['ts', '-verify', '-token_in', '-in', tokenPath, '-digest', Buffer.from(digest('sha256', signatureValue)).toString('hex'), '-CAfile', tsa.rootPath, '-untrusted', tsa.certPath]).toString();
    expect(byDigest).toContain('Verification: OK');
  });

  it('sends a fresh nonce and asks for the certificate each time', async () => {
    tsa.mode = 'ok';
    const count = tsa.queries.length;
    const first = read(await requestTimestamp(tsa.url, digest('sha256', Uint8Array.of(1))));
    const second = read(await requestTimestamp(tsa.url, digest('sha256', Uint8Array.of(1))));
    expect(tsa.queries.length).toBe(count + 2);
    expect(first.nonce).not.toBe(second.nonce);
    const queryPath = join(pki.dir, 'query.der');
    writeFileSync(queryPath, tsa.queries[count]!);
    const text = openssl(['ts', '-query', '-in', queryPath, '-text']).toString();
    expect(text).toMatch(/Certificate required: yes/);
    expect(text).toMatch(/Hash Algorithm: sha256/);
  });

  it.each([
    ['reject', 'err.sign.tsaRefused'],
    ['garbage', 'err.sign.tsaRefused'],
    ['http-error', 'err.sign.tsaRefused'],
    ['wrong-imprint', 'err.sign.tsaRefused'],
    ['oversize', 'err.sign.tsaRefused'],
  ] as const)('refuses a TSA answering %s', async (mode, code) => {
    tsa.mode = mode;
    expect(await refusal(requestTimestamp(tsa.url, digest('sha256', signatureValue)))).toBe(code);
  });

  it('refuses a granted token whose nonce is not the one asked (a replayed answer)', async () => {
    tsa.mode = 'ok';
    let captured: Uint8Array | null = null;
    const hash = digest('sha256', signatureValue);
    await requestTimestamp(tsa.url, hash, {
      fetchImpl: async (url, init) => {
        const response = await fetch(url, init);
        captured = new Uint8Array(await response.arrayBuffer());
        return new Response(Buffer.from(captured), { status: response.status });
      },
    });
    expect(captured).not.toBeNull();
    const replay = () => Promise.resolve(new Response(Buffer.from(captured!), { status: 200 }));
    expect(await refusal(requestTimestamp(tsa.url, hash, { fetchImpl: replay }))).toBe('err.sign.tsaRefused');
  });

  it('gives up on a TSA that never answers, and on one nobody listens at', async () => {
    tsa.mode = 'hang';
    expect(await refusal(requestTimestamp(tsa.url, digest('sha256', signatureValue), { timeoutMs: 300 }))).toBe('err.sign.tsaUnreachable');
    const closed = await startTestTsa(pki);
    const url = closed.url;
    await closed.close();
    expect(await refusal(requestTimestamp(url, digest('sha256', signatureValue)))).toBe('err.sign.tsaUnreachable');
  });

  it('takes only http(s) URLs and a SHA-256 digest', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/tsa', 'not a url', 'javascript:alert(1)']) {
      expect(await refusal(requestTimestamp(url, digest('sha256', signatureValue)))).toBe('err.sign.tsaUnreachable');
    }
    expect(await refusal(requestTimestamp(tsa.url, new Uint8Array(20)))).toBe('err.sign.tsaUnreachable');
  });

  it('reads a token and sees a changed TSTInfo or signature', async () => {
    tsa.mode = 'ok';
    const token = await requestTimestamp(tsa.url, digest('sha256', signatureValue));
    const genTime = read(token).genTime.toISOString().slice(0, 4);
    const index = Buffer.from(token).indexOf(Buffer.from(genTime.slice(0, 4)));
    const changed = token.slice();
    changed[index + 3] = changed[index + 3]! ^ 0x01;
    expect(read(changed).intact).toBe(false);
    const signatureChanged = token.slice();
    signatureChanged[token.length - 5] = signatureChanged[token.length - 5]! ^ 0x01;
    const reread = readTimestampToken(signatureChanged);
    expect(reread.ok && reread.token.intact).toBe(false);
    expect(readTimestampToken(pki.signers.good.der)).toMatchObject({ ok: false });
  });
});

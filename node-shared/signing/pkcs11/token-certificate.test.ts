import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SigningError } from '../certificate';
import { normalizeCertId, pickSigner, signerCandidates } from './choose-certificate';
import { canSign, keyUsageByte, parseCertificate } from './token-certificate';
import type { CertificateOnToken } from './token-objects';

const dir = mkdtempSync(join(tmpdir(), 'congvu-token-cert-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A self-signed certificate made by openssl with the given key and extensions, DER. */
function certificate(name: string, key: string[], extensions: string[], days = ['-days', '30']): Uint8Array {
  const out = join(dir, `${name}.der`);
  execFileSync('openssl', ['req', '-x509', '-nodes', ...key, '-keyout', join(dir, `${name}.key`), '-outform', 'DER', '-out', out, '-subj', `/CN=${name}/C=VN`, ...days, ...extensions.flatMap((e) => ['-addext', e])], { stdio: 'ignore' });
  return new Uint8Array(readFileSync(out));
}

const rsa = ['-newkey', 'rsa:2048'];
const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
const signer = certificate('signer', rsa, ['basicConstraints=CA:FALSE', 'keyUsage=critical,nonRepudiation']);
const ecSigner = certificate('ec-signer', ec, ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature']);
const noKeyUsage = certificate('no-key-usage', rsa, ['basicConstraints=CA:FALSE']);
const ca = certificate('ca', rsa, ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature']);

function onToken(id: string, der: Uint8Array): CertificateOnToken {
  const parsed = parseCertificate(der)!;
  return { id, idBytes: Buffer.from(id, 'hex'), label: id, der, parsed, canSign: canSign(parsed) };
}

async function code(work: () => unknown): Promise<string> {
  try {
    await work();
  } catch (error) {
    if (error instanceof SigningError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('token certificates', () => {
  it('reads keyUsage from the DER whatever the key type', () => {
    expect(keyUsageByte(signer)).toBe(0x40);
    expect(keyUsageByte(ecSigner)).toBe(0x80);
    expect(keyUsageByte(noKeyUsage)).toBeNull();
    expect(keyUsageByte(ca)! & 0x06).toBe(0x06);
  });

  it('only an RSA, non-CA certificate whose keyUsage allows signing can sign', () => {
    expect(canSign(parseCertificate(signer)!)).toBe(true);
    expect(canSign(parseCertificate(ecSigner)!)).toBe(false);
    expect(parseCertificate(ecSigner)!.isRsa).toBe(false);
    // No keyUsage extension at all is not taken as leave to sign: the CAs always state it.
    expect(canSign(parseCertificate(noKeyUsage)!)).toBe(false);
    expect(canSign(parseCertificate(ca)!)).toBe(false);
  });

  it('bytes that are not a certificate are left out, not thrown', () => {
    expect(parseCertificate(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).toBeNull();
    expect(parseCertificate(new TextEncoder().encode('not a certificate'))).toBeNull();
  });
});

describe('choosing the signer’s certificate', () => {
  const now = new Date();
  it('an EC signing certificate alone is unsupportedKey; chosen by id too', async () => {
    expect(await code(() => signerCandidates([onToken('01', ecSigner)], undefined, now))).toBe('err.sign.unsupportedKey');
    expect(await code(() => signerCandidates([onToken('01', ecSigner), onToken('02', signer)], '01', now))).toBe('err.sign.unsupportedKey');
  });

  it('takes the RSA signing certificate among others; nothing visible before login is null', () => {
    const chosen = signerCandidates([onToken('01', ecSigner), onToken('02', signer), onToken('03', ca), onToken('04', noKeyUsage)], undefined, now);
    expect(chosen!.map((c) => c.id)).toEqual(['02']);
    expect(signerCandidates([], undefined, now)).toBeNull();
  });

  it('only CA or usage-less certificates is noSigningCertificate; a time outside validity is expired', async () => {
    expect(await code(() => signerCandidates([onToken('03', ca), onToken('04', noKeyUsage)], undefined, now))).toBe('err.sign.noSigningCertificate');
    expect(await code(() => signerCandidates([onToken('02', signer)], undefined, new Date(Date.now() + 60 * 86_400_000)))).toBe('err.sign.expired');
    expect(await code(() => signerCandidates([onToken('02', signer)], '02', new Date(Date.now() - 86_400_000)))).toBe('err.sign.expired');
  });

  it('two usable certificates with keys and none chosen: the user picks, the app does not guess', async () => {
    expect(pickSigner(['a'])).toBe('a');
    expect(await code(() => pickSigner([]))).toBe('err.sign.noSigningCertificate');
    expect(await code(() => pickSigner(['a', 'b']))).toBe('err.sign.certificateNotFound');
  });

  it('a certificate id is hex of whole bytes', async () => {
    expect(normalizeCertId('A1B2')).toBe('a1b2');
    expect(normalizeCertId(undefined)).toBeUndefined();
    expect(normalizeCertId('')).toBeUndefined();
    for (const bad of ['abc', 'zz', '0x12', 'ab'.repeat(256)]) expect(await code(() => normalizeCertId(bad)), bad).toBe('err.sign.certificateNotFound');
  });
});

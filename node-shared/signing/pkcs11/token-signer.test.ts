import { verify, X509Certificate } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PKCS11 } from 'pkcs11js';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSoftHsmToken, type SoftHsmOptions, type SoftHsmToken } from '../../../tests/support/softhsm';
import { SigningError } from '../certificate';
import { CKM_RSA_PKCS, CKM_SHA256_RSA_PKCS } from './cryptoki';
import { installedModules } from './installed-modules';
import { listTokens, openTokenSigner } from './index';

let token: SoftHsmToken | null = null;
const tokenWith = (options: SoftHsmOptions = {}) => (token = makeSoftHsmToken(options));

afterEach(() => {
  token?.cleanup();
  token = null;
});

async function failure(work: () => Promise<unknown>): Promise<SigningError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof SigningError) return error;
    throw error;
  }
  throw new Error('expected a SigningError');
}

const data = new TextEncoder().encode('thuộc tính đã ký của biên bản');

describe('listTokens (SoftHSM2)', () => {
  it('lists the token and its certificates without a PIN, and the issuing CA beside', async () => {
    const made = tokenWith({ withCaCertificate: true });
    const tokens = await listTokens(made.modulePath);
    expect(tokens).toHaveLength(1);
    const [listed] = tokens;
    expect(listed).toMatchObject({ slotIndex: 0, label: 'Token thử', serial: made.serial, manufacturer: 'SoftHSM project', model: 'SoftHSM v2' });
    expect(listed!.serial).toMatch(/^[0-9a-f]{16}$/);
    const signer = listed!.certificates.find((c) => c.id === made.certId)!;
    expect(signer.label).toBe('signer');
    expect(signer.canSign).toBe(true);
    expect(Buffer.from(signer.der)).toEqual(Buffer.from(made.certificateDer));
    expect(signer.summary.commonName).toBe('Nguyễn Thị Ánh Tuyết');
    expect(signer.summary.subject).toBe('CN=Nguyễn Thị Ánh Tuyết, O=Sở Nội vụ, C=VN');
    expect(signer.summary.issuer).toBe('CN=congvu Test CA, O=congvu tests, C=VN');
    expect(signer.summary.serialNumber).toBe('0a1b2c');
    expect(signer.summary.sha256Fingerprint).toBe(new X509Certificate(made.certificateDer).fingerprint256.replaceAll(':', '').toLowerCase());
    const ca = listed!.certificates.find((c) => c.id === 'ca01')!;
    expect(ca.canSign).toBe(false);
  });

  it('a keyEncipherment-only certificate is listed as not for signing', async () => {
    const made = tokenWith({ certificate: 'key-encipherment-only' });
    const [listed] = await listTokens(made.modulePath);
    expect(listed!.certificates.map((c) => c.canSign)).toEqual([false]);
  });

  it('a library path that is not a PKCS#11 library is moduleLoad', async () => {
    tokenWith();
    const notALibrary = join(token!.dir, 'not-a-library.so');
    writeFileSync(notALibrary, 'this is text, not a shared object');
    expect((await failure(() => listTokens(notALibrary))).code).toBe('err.sign.moduleLoad');
    // A real shared library that is not a PKCS#11 module (no C_GetFunctionList).
    expect((await failure(() => listTokens('/usr/lib/x86_64-linux-gnu/libz.so.1'))).code).toBe('err.sign.moduleLoad');
    expect((await failure(() => listTokens(join(token!.dir, 'missing.so')))).code).toBe('err.sign.moduleLoad');
    expect((await failure(() => listTokens(''))).code).toBe('err.sign.moduleLoad');
    expect((await failure(() => openTokenSigner({ modulePath: notALibrary, pin: token!.pin }))).code).toBe('err.sign.moduleLoad');
  });

  it('finds the SoftHSM2 library among the known paths', async () => {
    const found = await installedModules('linux');
    expect(found.find((m) => m.id === 'softhsm2')?.path).toBe('/usr/lib/softhsm/libsofthsm2.so');
    expect(await installedModules('darwin')).toEqual([]);
  });
});

describe('openTokenSigner (SoftHSM2)', () => {
  it('signs on the token; the signature verifies with the certificate’s public key', async () => {
    const made = tokenWith({ withCaCertificate: true });
    const session = await openTokenSigner({ modulePath: made.modulePath, tokenSerial: made.serial, certId: made.certId.toUpperCase(), pin: made.pin });
    try {
      expect(Buffer.from(session.signer.certificate)).toEqual(Buffer.from(made.certificateDer));
      expect(session.signer.chain.map((c) => Buffer.from(c))).toEqual([]); // the CA is self-signed: a root, not sent
      expect(session.certificate.commonName).toBe('Nguyễn Thị Ánh Tuyết');
      const signature = await session.signer.signSha256Rsa(data);
      expect(signature).toHaveLength(256);
      expect(verify('sha256', data, new X509Certificate(made.certificateDer).publicKey, signature)).toBe(true);
      // Twice in a row, and both at once (queued on the one session).
      const [a, b] = await Promise.all([session.signer.signSha256Rsa(data), session.signer.signSha256Rsa(new Uint8Array([1, 2, 3]))]);
      expect(Buffer.from(a)).toEqual(Buffer.from(signature));
      expect(verify('sha256', new Uint8Array([1, 2, 3]), new X509Certificate(made.certificateDer).publicKey, b)).toBe(true);
    } finally {
      session.close();
      session.close();
    }
    expect((await failure(() => session.signer.signSha256Rsa(data))).code).toBe('err.sign.failed');
  });

  it('hands over the intermediate CA from the token as the chain, and a listing meanwhile leaves the session working', async () => {
    const made = tokenWith({ withIntermediateCa: true });
    const session = await openTokenSigner({ modulePath: made.modulePath, pin: made.pin });
    try {
      expect(session.signer.chain.map((c) => Buffer.from(c))).toEqual([Buffer.from(made.intermediateDer!)]);
      expect(session.certificate.issuer).toBe('CN=congvu Test Sub CA, O=congvu tests, C=VN');
      // The Settings page lists tokens while a signing is open: the library must not be finalized under it.
      const [listed] = await listTokens(made.modulePath);
      expect(listed!.certificates.map((c) => [c.id, c.canSign]).sort()).toEqual([['a1b2c3', true], ['ca01', false], ['ca02', false]]);
      const signature = await session.signer.signSha256Rsa(data);
      expect(verify('sha256', data, new X509Certificate(made.certificateDer).publicKey, signature)).toBe(true);
    } finally {
      session.close();
    }
  });

  it('a token without CKM_SHA256_RSA_PKCS signs with CKM_RSA_PKCS over the DigestInfo: the same signature', async () => {
    const made = tokenWith({ withoutSha256RsaMechanism: true });
    const session = await openTokenSigner({ modulePath: made.modulePath, pin: made.pin });
    try {
      // The token really lacks the one-step mechanism (read through a second handle on the same library).
      const probe = new PKCS11();
      probe.load(made.modulePath);
      const mechanisms = probe.C_GetMechanismList(probe.C_GetSlotList(true)[0]!);
      expect(mechanisms).not.toContain(CKM_SHA256_RSA_PKCS);
      expect(mechanisms).toContain(CKM_RSA_PKCS);
      probe.close();
      const signature = await session.signer.signSha256Rsa(data);
      expect(verify('sha256', data, new X509Certificate(made.certificateDer).publicKey, signature)).toBe(true);
    } finally {
      session.close();
    }
  });

  it('picks by label, and refuses a token or certificate that is not there', async () => {
    const made = tokenWith();
    const byLabel = await openTokenSigner({ modulePath: made.modulePath, tokenLabel: made.label, pin: made.pin });
    byLabel.close();
    expect((await failure(() => openTokenSigner({ modulePath: made.modulePath, tokenLabel: 'Token khác', pin: made.pin }))).code).toBe('err.sign.noToken');
    expect((await failure(() => openTokenSigner({ modulePath: made.modulePath, tokenSerial: '0000000000000000', pin: made.pin }))).code).toBe('err.sign.noToken');
    expect((await failure(() => openTokenSigner({ modulePath: made.modulePath, certId: 'ffee', pin: made.pin }))).code).toBe('err.sign.certificateNotFound');
    expect((await failure(() => openTokenSigner({ modulePath: made.modulePath, certId: 'not hex', pin: made.pin }))).code).toBe('err.sign.certificateNotFound');
    expect((await failure(() => openTokenSigner({ modulePath: made.modulePath, pin: '' }))).code).toBe('err.sign.pinRequired');
  });

  it('with two tokens plugged in, takes the chosen one, else the one holding a signing certificate', async () => {
    const made = tokenWith({ emptySecondToken: 'Token trống' });
    const tokens = await listTokens(made.modulePath);
    expect(tokens.map((t) => t.slotIndex)).toEqual([0, 1]);
    expect(tokens.map((t) => [t.label, t.certificates.length]).sort()).toEqual([['Token thử', 1], ['Token trống', 0]]);
    const empty = tokens.find((t) => t.label === 'Token trống')!;
    const session = await openTokenSigner({ modulePath: made.modulePath, pin: made.pin });
    expect(session.certificate.commonName).toBe('Nguyễn Thị Ánh Tuyết');
    session.close();
    expect((await failure(() => openTokenSigner({ modulePath: made.modulePath, tokenSerial: empty.serial, pin: made.pin }))).code).toBe('err.sign.noSigningCertificate');
    expect((await failure(() => openTokenSigner({ modulePath: made.modulePath, tokenLabel: 'Token trống', certId: made.certId, pin: made.pin }))).code).toBe('err.sign.certificateNotFound');
  });

  it('a wrong PIN is pinIncorrect, and the PIN is nowhere in the error', async () => {
    const made = tokenWith();
    const wrongPin = 'sai-PIN-8375';
    const error = await failure(() => openTokenSigner({ modulePath: made.modulePath, pin: wrongPin }));
    expect(error.code).toBe('err.sign.pinIncorrect');
    const everything = [error.message, error.stack ?? '', String(error.cause ?? ''), JSON.stringify(error), Object.values(error).join(' ')].join('\n');
    expect(everything).not.toContain(wrongPin);
    expect(everything).not.toContain(made.pin);
    // SoftHSM2 limits the PIN to 255 bytes: longer is the same message, before the token is asked.
    expect((await failure(() => openTokenSigner({ modulePath: made.modulePath, pin: 'x'.repeat(256) }))).code).toBe('err.sign.pinIncorrect');
    // The library was let go: the right PIN now works.
    const session = await openTokenSigner({ modulePath: made.modulePath, pin: made.pin });
    session.close();
  });

  it('a token whose PIN is locked is pinLocked, without a login attempt', async () => {
    // SoftHSM2 never locks a PIN itself (wrong PINs only raise CKF_USER_PIN_COUNT_LOW), so the
    // token's flag is set in its file; CKR_PIN_LOCKED from C_Login is covered by the mapping's test.
    const made = tokenWith({ pinLocked: true });
    expect((await failure(() => openTokenSigner({ modulePath: made.modulePath, pin: made.pin }))).code).toBe('err.sign.pinLocked');
  });

  it('a certificate without its private key is noSigningCertificate', async () => {
    const made = tokenWith({ withKey: false });
    expect((await failure(() => openTokenSigner({ modulePath: made.modulePath, pin: made.pin }))).code).toBe('err.sign.noSigningCertificate');
    expect((await failure(() => openTokenSigner({ modulePath: made.modulePath, certId: made.certId, pin: made.pin }))).code).toBe('err.sign.noSigningCertificate');
  });

  it('an expired certificate is expired, before any PIN is tried', async () => {
    const made = tokenWith({ certificate: 'expired' });
    expect((await failure(() => openTokenSigner({ modulePath: made.modulePath, pin: made.pin }))).code).toBe('err.sign.expired');
    // Judged before login: a wrong PIN is not even tried (a PIN try on a real token is counted).
    expect((await failure(() => openTokenSigner({ modulePath: made.modulePath, pin: 'sai-PIN' }))).code).toBe('err.sign.expired');
  });

  it('a certificate valid now is refused at a time outside its validity', async () => {
    const made = tokenWith();
    const later = new Date(Date.now() + 2 * 365 * 86_400_000);
    expect((await failure(() => openTokenSigner({ modulePath: made.modulePath, pin: made.pin, now: later }))).code).toBe('err.sign.expired');
  });

  it('a keyEncipherment-only certificate is noSigningCertificate', async () => {
    const made = tokenWith({ certificate: 'key-encipherment-only' });
    expect((await failure(() => openTokenSigner({ modulePath: made.modulePath, pin: made.pin }))).code).toBe('err.sign.noSigningCertificate');
    expect((await failure(() => openTokenSigner({ modulePath: made.modulePath, certId: made.certId, pin: made.pin }))).code).toBe('err.sign.noSigningCertificate');
  });

  it('the token taken away between login and C_Sign is tokenRemoved', async () => {
    const made = tokenWith();
    const session = await openTokenSigner({ modulePath: made.modulePath, pin: made.pin });
    try {
      made.removeTokenFiles();
      expect((await failure(() => session.signer.signSha256Rsa(data))).code).toBe('err.sign.tokenRemoved');
    } finally {
      session.close();
    }
  });

  it('the module finalized under the session (a driver reset) is tokenRemoved', async () => {
    const made = tokenWith();
    const session = await openTokenSigner({ modulePath: made.modulePath, pin: made.pin });
    try {
      // The process has one copy of the library: finalizing it through another handle ends every session.
      const other = new PKCS11();
      other.load(made.modulePath);
      other.C_Finalize();
      expect((await failure(() => session.signer.signSha256Rsa(data))).code).toBe('err.sign.tokenRemoved');
    } finally {
      session.close();
    }
    // Whoever comes next gets a freshly initialized library.
    const again = await openTokenSigner({ modulePath: made.modulePath, pin: made.pin });
    again.close();
  });

  it('no token in any slot is noToken; listing shows none', async () => {
    const made = tokenWith();
    made.removeTokenFiles();
    // An empty token directory: SoftHSM2 shows only its spare, uninitialized slot.
    mkdirSync(join(made.dir, 'empty'));
    writeFileSync(made.confPath, `directories.tokendir = ${join(made.dir, 'empty')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
    expect(await listTokens(made.modulePath)).toEqual([]);
    expect((await failure(() => openTokenSigner({ modulePath: made.modulePath, pin: made.pin }))).code).toBe('err.sign.noToken');
  });
});

import { X509Certificate, verify } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestIdentity } from '../../../tests/support/test-certificate';
import { KeyStore } from './key-store';
import { aesBox } from '../../../tests/support/secret-box';

const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'congvu-keys-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('KeyStore', () => {
  const identity = makeTestIdentity();

  it('imports once, keeps the key encrypted at rest, and opens it with the passphrase each time', async () => {
    const dir = tempDir();
    const store = new KeyStore(dir, aesBox(), 'linux');
    const info = await store.import(identity.p12, identity.passphrase);
    expect(info.subject).toContain('Nguyen Thi Anh Tuyet');
    expect(await store.certificate()).toEqual(info);
    const stored = readFileSync(join(dir, 'certificate.p12.enc'));
    expect(stored.includes(Buffer.from(identity.p12).subarray(0, 64))).toBe(false);
    expect(stored.toString('latin1')).not.toContain(Buffer.from(identity.p12).toString('base64').slice(0, 40));
    const signer = await store.signer(identity.passphrase);
    const data = new TextEncoder().encode('biên bản');
    const signature = await signer.signSha256Rsa(data);
    expect(verify('sha256', data, new X509Certificate(Buffer.from(signer.certificate)).publicKey, signature)).toBe(true);
    await expect(store.signer('wrong')).rejects.toMatchObject({ code: 'err.sign.passphrase' });
  });

  it('refuses on Linux without a real keyring (basic_text), storing nothing', async () => {
    const dir = tempDir();
    const store = new KeyStore(dir, aesBox('basic_text'), 'linux');
    expect(store.availability()).toEqual({ available: false, reason: 'insecure-storage' });
    await expect(store.import(identity.p12, identity.passphrase)).rejects.toMatchObject({ code: 'err.sign.insecureStorage' });
    expect(readdirSync(dir)).toEqual([]);
    // The same backend name means nothing on Windows, where DPAPI is used.
    expect(new KeyStore(dir, aesBox('basic_text'), 'win32').availability()).toEqual({ available: true });
  });

  it('does not store a file opened with the wrong passphrase, and forgets on remove', async () => {
    const dir = tempDir();
    const store = new KeyStore(dir, aesBox(), 'linux');
    await expect(store.import(identity.p12, 'sai')).rejects.toMatchObject({ code: 'err.sign.passphrase' });
    expect(await store.certificate()).toBeNull();
    await store.import(identity.p12, identity.passphrase);
    await store.remove();
    expect(await store.certificate()).toBeNull();
    await expect(store.signer(identity.passphrase)).rejects.toMatchObject({ code: 'err.sign.noCertificate' });
  });
});

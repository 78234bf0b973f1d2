import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestIdentity } from '../../../tests/support/test-certificate';
import { TrustStore } from './trust-store';
import { loadTrustFolder } from '../../../node-shared/signing/trust-folder';

const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'congvu-trust-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('TrustStore', () => {
  it('copies in PEM and DER roots once each, lists them with subject and validity, and removes one by name', async () => {
    const source = tempDir();
    const one = makeTestIdentity();
    const other = makeTestIdentity();
    writeFileSync(join(source, 'root.pem'), one.caPem);
    writeFileSync(join(source, 'root-again.crt'), one.caPem);
    writeFileSync(join(source, 'other.cer'), new X509Certificate(other.caPem).raw);
    const store = new TrustStore(join(tempDir(), 'trust'));
    expect(await store.list()).toEqual([]);
    const { added, refused } = await store.add([join(source, 'root.pem'), join(source, 'root-again.crt'), join(source, 'other.cer')]);
    expect(refused).toEqual([]);
    expect(added).toHaveLength(3);
    const listed = await store.list();
    expect(listed).toHaveLength(2);
    expect(listed.map((r) => r.summary.subject)).toEqual(expect.arrayContaining(['congvu Test CA, congvu tests, VN']));
    const first = listed[0]!;
    expect(new Date(first.summary.notAfter).getTime()).toBeGreaterThan(Date.now());
    expect(first.summary.sha256Fingerprint).toMatch(/^[0-9a-f]{64}$/);
    // The verifier's loader reads the folder as written: both roots as anchors.
    const folder = await loadTrustFolder(store.dir);
    expect(folder.problems).toEqual([]);
    expect(folder.anchors.map((d) => new X509Certificate(Buffer.from(d)).fingerprint256.replaceAll(':', '').toLowerCase()).sort()).toEqual(listed.map((r) => r.summary.sha256Fingerprint).sort());
    await store.remove(first.fileName);
    expect((await store.list()).map((r) => r.fileName)).toEqual([listed[1]!.fileName]);
  });

  it('refuses what is not a certificate and copies nothing of it; removes only files it listed', async () => {
    const source = tempDir();
    writeFileSync(join(source, 'notes.pem'), '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n');
    writeFileSync(join(source, 'key.der'), new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]));
    writeFileSync(join(source, 'huge.cer'), new Uint8Array(200 * 1024));
    const trustDir = join(tempDir(), 'trust');
    const store = new TrustStore(trustDir);
    const result = await store.add([join(source, 'notes.pem'), join(source, 'key.der'), join(source, 'huge.cer'), join(source, 'missing.cer')]);
    expect(result).toEqual({ added: [], refused: ['notes.pem', 'key.der', 'huge.cer', 'missing.cer'] });
    expect(readdirSync(trustDir)).toEqual([]);
    writeFileSync(join(trustDir, 'readme.txt'), 'kept');
    await store.remove('readme.txt');
    expect(readdirSync(trustDir)).toEqual(['readme.txt']);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSignedData, verifySignerInfo, type SignedDataRead } from '../../../shared/pdf-signature/cms-read';
import { digest } from '../../../shared/pdf-signature/primitives/digest';
import { essCertificateBinding } from '../../../shared/pdf-signature/ess-certificate';
import { OID } from '../../../shared/pdf-signature/oids';
import { openssl } from '../../support/openssl';
import { startRevocationServer, type RevocationServer } from '../../support/revocation-server';
import { makeTestPki, type TestPki } from '../../support/test-pki';

let server: RevocationServer;
let pki: TestPki;
let dataPath: string;
const data = new TextEncoder().encode('Biên bản kiểm tra công vụ — nội dung được ký.\n');

beforeAll(async () => {
  server = await startRevocationServer();
  pki = makeTestPki(server.url);
  server.serve(pki);
  dataPath = join(pki.dir, 'data.bin');
  writeFileSync(dataPath, data);
});
afterAll(async () => {
  await server.close();
  pki.dispose();
});

/** `openssl cms -sign -binary -outform DER` with the good signer and the intermediate in the bag. */
function cms(name: string, extra: string[]): Uint8Array {
  const out = join(pki.dir, `${name}.p7s`);
  const { good } = pki.signers;
  openssl(['cms', '-sign', '-binary', '-outform', 'DER', '-in', dataPath, '-signer', good.certPath, '-inkey', good.keyPath, '-certfile', pki.intermediate.certPath, '-out', out, ...extra]);
  return new Uint8Array(readFileSync(out));
}

function read(der: Uint8Array): SignedDataRead {
  const result = readSignedData(der);
  if (!result.ok) throw new Error(result.problem);
  return result.signed;
}

describe('readSignedData / verifySignerInfo on CMS made by openssl', () => {
  it('reads a detached SHA-256 signature and verifies it against the content digest', () => {
    const signed = read(cms('detached', ['-md', 'sha256']));
    expect(signed.contentType).toBe(OID.data);
    expect(signed.content).toBeNull();
    expect(signed.certificates).toHaveLength(2);
    expect(signed.signerCount).toBe(1);
    expect(Buffer.from(signed.signer.certificate!)).toEqual(Buffer.from(pki.signers.good.der));
    expect(signed.signer.matchedBy).toBe('issuer-serial');
    expect(signed.signer.digestAlgorithm).toBe('sha256');
    expect(signed.signer.messageDigest).toEqual(digest('sha256', data));
    expect(signed.signer.contentType).toBe(OID.data);
    expect(Math.abs(signed.signer.signingTime!.getTime() - Date.now())).toBeLessThan(3_600_000);
    expect(signed.signer.signedAttributes![0]).toBe(0x31);
    expect(signed.signer.signatureTimestampToken).toBeNull();
    expect(verifySignerInfo(signed, digest('sha256', data))).toEqual({ digestMatches: true, signatureValid: true, problems: [] });
    expect(verifySignerInfo(signed)).toMatchObject({ digestMatches: false, problems: ['no-content'] });
    const other = digest('sha256', new TextEncoder().encode('nội dung khác'));
    expect(verifySignerInfo(signed, other)).toMatchObject({ digestMatches: false, signatureValid: true });
  });

  it('reads an attached signature and digests its encapsulated content', () => {
    const signed = read(cms('attached', ['-nodetach', '-md', 'sha256']));
    expect(signed.content).toEqual(data);
    expect(verifySignerInfo(signed)).toEqual({ digestMatches: true, signatureValid: true, problems: [] });
  });

  it.each(['sha1', 'sha384', 'sha512'] as const)('verifies %s digests', (name) => {
    const signed = read(cms(`md-${name}`, ['-md', name]));
    expect(signed.signer.digestAlgorithm).toBe(name);
    expect(verifySignerInfo(signed, digest(name, data))).toMatchObject({ digestMatches: true, signatureValid: true });
  });

  it('matches the signer by subjectKeyIdentifier and verifies without signed attributes', () => {
    const byKeyId = read(cms('keyid', ['-keyid', '-md', 'sha256']));
    expect(Buffer.from(byKeyId.signer.certificate!)).toEqual(Buffer.from(pki.signers.good.der));
    expect(byKeyId.signer.matchedBy).toBe('key-id');
    const bare = read(cms('noattr', ['-noattr', '-md', 'sha256']));
    expect(bare.signer.signedAttributes).toBeNull();
    expect(verifySignerInfo(bare, digest('sha256', data))).toEqual({ digestMatches: true, signatureValid: true, problems: [] });
    expect(verifySignerInfo(bare, digest('sha256', Uint8Array.of(1)))).toMatchObject({ digestMatches: false, signatureValid: false });
  });

  it('checks the ESS signing-certificate-v2 binding of a CAdES signature', () => {
    const cades = read(cms('cades', ['-cades', '-md', 'sha256']));
    expect(cades.signer.signedAttributeList.map((attribute) => attribute.type)).toContain('1.2.840.113549.1.9.16.2.47');
    expect(essCertificateBinding(cades.signer)).toBe('bound');
    expect(essCertificateBinding({ ...cades.signer, certificate: pki.signers.revoked.der })).toBe('mismatch');
    expect(essCertificateBinding(read(cms('plain', ['-md', 'sha256'])).signer)).toBe('absent');
  });

  it('refuses RSASSA-PSS plainly', () => {
    const signed = read(cms('pss', ['-md', 'sha256', '-keyopt', 'rsa_padding_mode:pss']));
    expect(verifySignerInfo(signed, digest('sha256', data))).toEqual({ digestMatches: false, signatureValid: false, problems: ['rsassa-pss-unsupported'] });
  });

  it('sees a changed signature value or signed attribute', () => {
    const der = cms('tamper', ['-md', 'sha256']);
    const signed = read(der);
    const flipped = signed.signer.signature.slice();
    flipped[10] = flipped[10]! ^ 1;
    expect(verifySignerInfo({ ...signed, signer: { ...signed.signer, signature: flipped } }, digest('sha256', data))).toMatchObject({ digestMatches: true, signatureValid: false });
    const attrs = signed.signer.signedAttributes!.slice();
    attrs[attrs.length - 1] = attrs[attrs.length - 1]! ^ 1;
    expect(verifySignerInfo({ ...signed, signer: { ...signed.signer, signedAttributes: attrs } }, digest('sha256', data)).signatureValid).toBe(false);
    expect(verifySignerInfo({ ...signed, signer: { ...signed.signer, certificate: null } }, digest('sha256', data)).problems).toContain('signer-certificate-missing');
  });

  it('returns a problem, never throws, on garbage and on mutated CMS', () => {
    expect(readSignedData(new Uint8Array())).toMatchObject({ ok: false });
    expect(readSignedData(new TextEncoder().encode('%PDF-1.7'))).toMatchObject({ ok: false });
    const der = cms('fuzz', ['-nodetach', '-md', 'sha256']);
    const padded = new Uint8Array(der.length + 64);
    padded.set(der);
    expect(readSignedData(padded).ok).toBe(true);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(der.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.nat(der.length), (edits, cut) => {
        const bytes = der.slice(0, Math.max(cut, 1));
        for (const [at, value] of edits) if (at < bytes.length) bytes[at] = value;
        const result = readSignedData(bytes);
        if (result.ok) expect(() => verifySignerInfo(result.signed)).not.toThrow();
      }),
      { numRuns: 400 },
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
      expect(readSignedData(bytes).ok).toBe(false);
    }));
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOcspRequest, certificateSummary, parseCertificate, revocationSources, validateCertificate } from '../../../shared/pdf-signature/trust';
import type { TrustInput } from '../../../shared/pdf-signature/trust/types';
import { fetchValidationData } from '../../../node-shared/signing/revocation-fetch';
import { openssl } from '../../support/openssl';
import { startRevocationServer, type RevocationServer } from '../../support/revocation-server';
import { makeTestPki, type TestPki } from '../../support/test-pki';

let server: RevocationServer;
let pki: TestPki;
/** OCSP answers fetched once from the real responder for [signer, intermediate]. */
const ocsp: Record<'good' | 'revoked' | 'expired', Uint8Array[]> = { good: [], revoked: [], expired: [] };
const DAY = 86_400_000;

beforeAll(async () => {
  server = await startRevocationServer();
  pki = makeTestPki(server.url);
  server.serve(pki);
  for (const name of ['good', 'revoked', 'expired'] as const) {
    const data = await fetchValidationData([pki.signers[name].der, pki.intermediate.der, pki.root.der]);
    expect(data.problems).toEqual([]);
    expect(data.crls).toEqual([]);
    ocsp[name] = data.ocspResponses;
  }
});
afterAll(async () => {
  await server.close();
  pki.dispose();
});

function input(subject: Uint8Array, overrides: Partial<TrustInput> & { crls?: readonly Uint8Array[]; ocspResponses?: readonly Uint8Array[] } = {}): TrustInput {
  return {
    subject,
    material: { certificates: [pki.intermediate.der], crls: overrides.crls ?? [], ocspResponses: overrides.ocspResponses ?? [] },
    anchors: [pki.root.der],
    at: new Date(),
    purpose: 'signing',
    ...overrides,
  };
}

const crls = () => [pki.intermediate.crl, pki.root.crl];

describe('validateCertificate against the openssl PKI', () => {
  it('trusts the good signer, with CRLs or with OCSP answers', () => {
    const byCrl = validateCertificate(input(pki.signers.good.der, { crls: crls() }));
    expect(byCrl).toMatchObject({ status: 'trusted', revocation: { status: 'good', kind: 'crl', revokedAt: null, source: null }, problems: [] });
    expect(byCrl.chain.map((der) => Buffer.from(der))).toEqual([pki.signers.good.der, pki.intermediate.der, pki.root.der].map((der) => Buffer.from(der)));
    const byOcsp = validateCertificate(input(pki.signers.good.der, { ocspResponses: ocsp.good }));
    expect(byOcsp).toMatchObject({ status: 'trusted', revocation: { status: 'good', kind: 'ocsp' }, problems: [] });
  });

  it('trusts but says revocation is unknown when nothing about it is at hand', () => {
    const result = validateCertificate(input(pki.signers.good.der));
    expect(result.status).toBe('trusted');
    expect(result.revocation.status).toBe('unknown');
    expect(result.problems).toEqual(['revocation-unknown:Nguyễn Văn An', 'revocation-unknown:Test Intermediate CA congvu']);
  });

  it('finds the revoked signer from the CRL and from OCSP, with its revocation time', () => {
    const byCrl = validateCertificate(input(pki.signers.revoked.der, { crls: crls() }));
    expect(byCrl).toMatchObject({ status: 'revoked', revocation: { status: 'revoked', kind: 'crl', revokedAt: pki.revokedAt.toISOString() } });
    const byOcsp = validateCertificate(input(pki.signers.revoked.der, { ocspResponses: ocsp.revoked }));
    expect(byOcsp).toMatchObject({ status: 'revoked', revocation: { status: 'revoked', kind: 'ocsp', revokedAt: pki.revokedAt.toISOString() } });
  });

  it('keeps a signature made before the revocation good', () => {
    const before = new Date(pki.revokedAt.getTime() - DAY);
    expect(validateCertificate(input(pki.signers.revoked.der, { crls: crls(), at: before }))).toMatchObject({ status: 'trusted', revocation: { status: 'good', kind: 'crl' } });
    expect(validateCertificate(input(pki.signers.revoked.der, { ocspResponses: ocsp.revoked, at: before }))).toMatchObject({ status: 'trusted', revocation: { status: 'good', kind: 'ocsp' } });
  });

  it('says expired when the certificate was not valid at the time, and trusts it within its validity', () => {
    const now = validateCertificate(input(pki.signers.expired.der, { crls: crls() }));
    expect(now.status).toBe('expired');
    expect(now.problems).toContain('expired:Lê Văn Cường');
    const then = new Date(pki.expiredValidity.notBefore.getTime() + 10 * DAY);
    expect(validateCertificate(input(pki.signers.expired.der, { crls: crls(), at: then }))).toMatchObject({ status: 'trusted', revocation: { status: 'good' } });
    const early = new Date(pki.expiredValidity.notBefore.getTime() - DAY);
    expect(validateCertificate(input(pki.signers.expired.der, { crls: crls(), at: early })).status).toBe('expired');
  });

  it('refuses a key not meant for signing, and a signer key for time-stamping', () => {
    const result = validateCertificate(input(pki.signers.wrongUsage.der, { crls: crls() }));
    expect(result.status).toBe('bad-key-usage');
    expect(result.problems).toContain('bad-key-usage:Phạm Thị Dung');
    expect(validateCertificate(input(pki.signers.good.der, { crls: crls(), purpose: 'timestamping' })).status).toBe('bad-key-usage');
  });

  it('trusts the TSA for time-stamping under the root', () => {
    const result = validateCertificate({ subject: pki.tsa.der, material: { certificates: [], crls: [pki.root.crl], ocspResponses: [] }, anchors: [pki.root.der], at: new Date(), purpose: 'timestamping' });
    expect(result).toMatchObject({ status: 'trusted', revocation: { status: 'good', kind: 'crl' }, problems: [] });
    expect(result.chain).toHaveLength(2);
  });

  it('does not trust a stranger root or a chain that reaches no anchor', () => {
    const stranger = validateCertificate(input(pki.signers.stranger.der, { material: { certificates: [pki.strangerRoot.der], crls: [], ocspResponses: [] } }));
    expect(stranger.status).toBe('untrusted');
    expect(stranger.problems).toContain('no-path');
    expect(validateCertificate(input(pki.signers.good.der, { crls: crls(), anchors: [pki.strangerRoot.der] })).status).toBe('untrusted');
    const noIntermediate = validateCertificate(input(pki.signers.good.der, { material: { certificates: [], crls: crls(), ocspResponses: [] } }));
    expect(noIntermediate.status).toBe('untrusted');
    expect(noIntermediate.chain).toHaveLength(1);
    // A certificate that names the intermediate as issuer but is not signed by it does not chain.
    expect(validateCertificate(input(pki.signers.good.der, { anchors: [pki.intermediate.der.slice(0, 10)] })).status).toBe('untrusted');
  });

  it('says unknown with no anchors, still listing what is wrong', () => {
    const result = validateCertificate(input(pki.signers.expired.der, { anchors: [], material: { certificates: [pki.intermediate.der, pki.root.der], crls: crls(), ocspResponses: [] } }));
    expect(result.status).toBe('unknown');
    expect(result.chain).toHaveLength(3);
    expect(result.problems).toContain('expired:Lê Văn Cường');
  });

  it('does not use a tampered CRL, and lists it', () => {
    const signatureFlipped = pki.intermediate.crl.slice();
    signatureFlipped[signatureFlipped.length - 3] = signatureFlipped[signatureFlipped.length - 3]! ^ 0x40;
    const result = validateCertificate(input(pki.signers.revoked.der, { crls: [signatureFlipped, pki.root.crl] }));
    expect(result.status).toBe('trusted');
    expect(result.revocation.status).toBe('unknown');
    expect(result.problems).toContain('crl-signature-invalid');
    // Removing the revoked entry's serial (2001 → 2000) also breaks the signature.
    const entryChanged = Buffer.from(pki.intermediate.crl);
    const at = entryChanged.indexOf(Buffer.from([0x02, 0x02, 0x20, 0x01]));
    entryChanged[at + 3] = 0x00;
    const changed = validateCertificate(input(pki.signers.revoked.der, { crls: [new Uint8Array(entryChanged), pki.root.crl] }));
    expect(changed.revocation.status).toBe('unknown');
    expect(changed.problems).toContain('crl-signature-invalid');
    const garbage = validateCertificate(input(pki.signers.good.der, { crls: [Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01)], ocspResponses: [Uint8Array.of(1, 2, 3)] }));
    expect(garbage.problems).toEqual(expect.arrayContaining(['crl-unreadable', 'ocsp-unreadable']));
  });

  it('does not use a CRL past its nextUpdate to say "not revoked"', () => {
    const later = new Date(Date.now() + 60 * DAY);
    const result = validateCertificate(input(pki.signers.good.der, { crls: crls(), at: later }));
    expect(result.revocation.status).toBe('unknown');
    expect(result.problems).toContain('crl-stale');
    // …but a revocation it lists before that time still counts.
    expect(validateCertificate(input(pki.signers.revoked.der, { crls: crls(), at: later })).status).toBe('revoked');
  });

  it('does not use an OCSP answer signed by someone the issuer did not delegate to, or changed', () => {
    const request = join(pki.dir, 'unauthorised-request.der');
    const response = join(pki.dir, 'unauthorised-response.der');
    writeFileSync(request, buildOcspRequest(parseCertificate(pki.signers.revoked.der), parseCertificate(pki.intermediate.der)));
    const { good } = pki.signers;
    openssl(['ocsp', '-index', pki.intermediate.indexPath, '-CA', pki.intermediate.certPath, '-rsigner', good.certPath, '-rkey', good.keyPath, '-reqin', request, '-respout', response, '-ndays', '7']);
    const unauthorised = validateCertificate(input(pki.signers.revoked.der, { ocspResponses: [new Uint8Array(readFileSync(response))] }));
    expect(unauthorised.revocation.status).toBe('unknown');
    expect(unauthorised.problems).toContain('ocsp-signature-invalid');
    const changed = ocsp.good[0]!.slice();
    changed[changed.length - 300] = changed[changed.length - 300]! ^ 0x01;
    const result = validateCertificate(input(pki.signers.good.der, { ocspResponses: [changed, ocsp.good[1]!] }));
    expect(result.revocation.status).toBe('unknown');
    expect(result.problems.some((problem) => problem === 'ocsp-signature-invalid' || problem === 'ocsp-unreadable')).toBe(true);
  });

  it('does not use an OCSP answer about another certificate', () => {
    const result = validateCertificate(input(pki.signers.revoked.der, { ocspResponses: ocsp.good }));
    expect(result.revocation.status).toBe('unknown');
    expect(result.status).toBe('trusted');
  });

  it('verifies with embedded data and the network off: no request at all', async () => {
    const data = await fetchValidationData([pki.signers.good.der, pki.intermediate.der, pki.root.der]);
    const requests = server.requests.length;
    await server.close();
    const offline = validateCertificate(input(pki.signers.good.der, { ocspResponses: data.ocspResponses, crls: data.crls }));
    expect(offline).toMatchObject({ status: 'trusted', revocation: { status: 'good', kind: 'ocsp' } });
    expect(server.requests.length).toBe(requests);
    const unreachable = await fetchValidationData([pki.signers.good.der, pki.intermediate.der]);
    expect(unreachable.ocspResponses).toEqual([]);
    expect(unreachable.problems.some((problem) => problem.startsWith('ocsp-unreachable:'))).toBe(true);
  });

  it('summarises a certificate as the verdict prints it', () => {
    const summary = certificateSummary(pki.signers.good.der);
    const fingerprint = openssl(['x509', '-in', pki.signers.good.certPath, '-noout', '-fingerprint', '-sha256']).toString().split('=')[1]!.trim().replace(/:/g, '').toLowerCase();
    expect(summary).toEqual({
      commonName: 'Nguyễn Văn An',
      subject: 'CN=Nguyễn Văn An, O=Sở Nội vụ tỉnh Thử, C=VN',
      issuer: 'CN=Test Intermediate CA congvu, O=Ban Cơ yếu Chính phủ (thử), C=VN',
      serialNumber: '2000',
      notBefore: pki.validFrom.toISOString(),
      notAfter: expect.stringMatching(/^\d{4}-/),
      sha256Fingerprint: fingerprint,
    });
    expect(certificateSummary(Uint8Array.of(0x30, 0x00))).toBeNull();
  });

  it('lists where revocation is asked for', () => {
    expect(revocationSources([pki.signers.good.der, pki.intermediate.der, pki.root.der])).toEqual({
      crlUrls: [`${server.url}/intermediate.crl`, `${server.url}/root.crl`],
      ocspUrls: [`${server.url}/ocsp/intermediate`, `${server.url}/ocsp/root`],
    });
    expect(revocationSources([Uint8Array.of(1, 2)])).toEqual({ crlUrls: [], ocspUrls: [] });
  });
});

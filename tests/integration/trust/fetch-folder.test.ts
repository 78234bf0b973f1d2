import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCertificate } from '../../../shared/pdf-signature/trust';
import { fetchValidationData } from '../../../node-shared/signing/revocation-fetch';
import { loadTrustFolder } from '../../../node-shared/signing/trust-folder';
import { startRevocationServer, type RevocationServer } from '../../support/revocation-server';
import { makeTestPki, type TestPki } from '../../support/test-pki';

let server: RevocationServer;
let pki: TestPki;

beforeAll(async () => {
  server = await startRevocationServer();
  pki = makeTestPki(server.url);
  server.serve(pki);
});
afterAll(async () => {
  await server.close();
  pki.dispose();
});

const chain = () => [pki.signers.good.der, pki.intermediate.der, pki.root.der];

describe('fetchValidationData', () => {
  it('asks the OCSP responders of the chain, and nothing else when they answer', async () => {
    server.mode = 'ok';
    const start = server.requests.length;
    const data = await fetchValidationData(chain());
    expect(data).toMatchObject({ crls: [], problems: [] });
    expect(data.ocspResponses).toHaveLength(2);
    expect(server.requests.slice(start)).toEqual(['POST /ocsp/intermediate', 'POST /ocsp/root']);
  });

  it('falls back to the CRLs when OCSP answers garbage, and lists every failure quietly', async () => {
    server.mode = 'garbage';
    const garbage = await fetchValidationData(chain());
    expect(garbage.ocspResponses).toEqual([]);
    expect(garbage.crls).toEqual([]);
    expect(garbage.problems).toEqual([
      `ocsp-unreadable:${server.url}/ocsp/intermediate`,
      `ocsp-unreadable:${server.url}/ocsp/root`,
      `crl-unreadable:${server.url}/intermediate.crl`,
      `crl-unreadable:${server.url}/root.crl`,
    ]);
    server.mode = 'http-error';
    const failing = await fetchValidationData(chain());
    expect(failing.problems[0]).toBe(`ocsp-http-503:${server.url}/ocsp/intermediate`);
    server.mode = 'ok';
  });

  it('uses the CRL where the responder is out, and the result validates', async () => {
    server.mode = 'ok';
    const onlyCrls = await fetchValidationData(chain(), {
      fetchImpl: (url, init) => (url.includes('/ocsp/') ? Promise.reject(new TypeError('connection refused')) : fetch(url, init)),
    });
    expect(onlyCrls.ocspResponses).toEqual([]);
    expect(onlyCrls.crls).toHaveLength(2);
    expect(onlyCrls.problems).toEqual([`ocsp-unreachable:${server.url}/ocsp/intermediate`, `ocsp-unreachable:${server.url}/ocsp/root`]);
    const result = validateCertificate({ subject: pki.signers.revoked.der, material: { certificates: [pki.intermediate.der], crls: onlyCrls.crls, ocspResponses: [] }, anchors: [pki.root.der], at: new Date(), purpose: 'signing' });
    expect(result.status).toBe('revoked');
  });

  it('bounds the answers it reads', async () => {
    const huge = await fetchValidationData(chain(), {
      fetchImpl: () => Promise.resolve(new Response(new Uint8Array(17 * 1024 * 1024), { status: 200 })),
    });
    expect(huge.crls).toEqual([]);
    expect(huge.problems.every((problem) => problem.includes('too-large'))).toBe(true);
    expect(huge.problems).toHaveLength(4);
  });

  it('skips what it cannot read and a chain of nothing', async () => {
    expect(await fetchValidationData([Uint8Array.of(1, 2, 3)])).toEqual({ crls: [], ocspResponses: [], problems: [] });
    expect(await fetchValidationData([pki.root.der])).toEqual({ crls: [], ocspResponses: [], problems: [] });
  });
});

describe('loadTrustFolder', () => {
  it('takes PEM, PEM bundles and DER; self-signed become anchors, others intermediates', async () => {
    const dir = join(pki.dir, 'trust');
    mkdirSync(dir);
    writeFileSync(join(dir, 'root.pem'), pki.root.pem);
    writeFileSync(join(dir, 'bundle.crt'), `Bundle of the provincial CA\n${pki.root.pem}\n${pki.intermediate.pem}`);
    writeFileSync(join(dir, 'stranger.CER'), pki.strangerRoot.der);
    writeFileSync(join(dir, 'notes.txt'), 'not a certificate');
    writeFileSync(join(dir, 'broken.der'), Uint8Array.of(0x30, 0x82, 0xff));
    writeFileSync(join(dir, 'empty.pem'), '-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n');
    writeFileSync(join(dir, 'huge.pem'), 'x'.repeat(300 * 1024));
    mkdirSync(join(dir, 'sub.pem'));
    symlinkSync(join(pki.dir, 'missing.pem'), join(dir, 'dangling.pem'));
    const folder = await loadTrustFolder(dir);
    expect(folder.anchors.map((der) => Buffer.from(der))).toEqual([Buffer.from(pki.root.der), Buffer.from(pki.strangerRoot.der)]);
    expect(folder.intermediates.map((der) => Buffer.from(der))).toEqual([Buffer.from(pki.intermediate.der)]);
    expect(folder.problems).toEqual(['unreadable:broken.der', 'unreadable:dangling.pem', 'no-certificate:empty.pem', 'too-large:huge.pem']);
    const result = validateCertificate({ subject: pki.signers.good.der, material: { certificates: folder.intermediates, crls: [pki.intermediate.crl, pki.root.crl], ocspResponses: [] }, anchors: folder.anchors, at: new Date(), purpose: 'signing' });
    expect(result.status).toBe('trusted');
  });

  it('reports a missing folder and caps the number of files', async () => {
    expect(await loadTrustFolder(join(pki.dir, 'no-such-folder'))).toEqual({ anchors: [], intermediates: [], problems: [`folder-unreadable:${join(pki.dir, 'no-such-folder')}`] });
    const dir = join(pki.dir, 'many');
    mkdirSync(dir);
    for (let i = 0; i < 501; i += 1) writeFileSync(join(dir, `${String(i).padStart(3, '0')}.pem`), pki.root.pem);
    const folder = await loadTrustFolder(dir);
    expect(folder.problems).toEqual(['too-many-files:501']);
    expect(folder.anchors).toHaveLength(1);
  });
});

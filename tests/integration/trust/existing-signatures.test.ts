import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSignedData, verifySignerInfo } from '../../../shared/pdf-signature/cms-read';
import { concat } from '../../../shared/pdf-signature/der/der-write';
import { digest } from '../../../shared/pdf-signature/primitives/digest';
import { validateCertificate } from '../../../shared/pdf-signature/trust';
import { legacySignPdf } from '../../support/legacy-sign-pdf';
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

/** The signed bytes and the CMS of a PDF's one signature, as its /ByteRange and /Contents say. */
function signatureOf(pdf: Uint8Array): { covered: Uint8Array; cms: Uint8Array } {
  const text = new TextDecoder('latin1').decode(pdf);
  const match = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text);
  if (!match) throw new Error('no /ByteRange');
  const [a, b, c, d] = match.slice(1).map(Number) as [number, number, number, number];
  const hex = text.slice(a + b + 1, c - 1);
  return { covered: concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]), cms: new Uint8Array(Buffer.from(hex, 'hex')) };
}

describe('the readers on the signatures the app already writes (signPdf, adbe.pkcs7.detached)', () => {
  it('reads the CMS with its zero padding, verifies it, and trusts the signer from the .p12', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]);
    const { good } = pki.signers;
    const signed = await legacySignPdf(await doc.save(), good.p12, good.passphrase, { reason: 'Ky bien ban', location: 'Ha Noi', name: 'Nguyen Van An' });
    const { covered, cms } = signatureOf(signed);
    const read = readSignedData(cms);
    if (!read.ok) throw new Error(read.problem);
    // node-forge double-encodes the intermediate's Vietnamese O= in issuerAndSerialNumber.
    expect(read.signed.signer.matchedBy).toBe('serial-only');
    expect(Buffer.from(read.signed.signer.certificate!)).toEqual(Buffer.from(good.der));
    const name = read.signed.signer.digestAlgorithm!;
    expect(verifySignerInfo(read.signed, digest(name, covered))).toEqual({ digestMatches: true, signatureValid: true, problems: [] });
    const changed = covered.slice();
    changed[100] = changed[100]! ^ 1;
    expect(verifySignerInfo(read.signed, digest(name, changed)).digestMatches).toBe(false);
    const trust = validateCertificate({
      subject: read.signed.signer.certificate!,
      material: { certificates: read.signed.certificates, crls: [pki.intermediate.crl, pki.root.crl], ocspResponses: [] },
      anchors: [pki.root.der],
      at: read.signed.signer.signingTime ?? new Date(),
      purpose: 'signing',
    });
    expect(trust).toMatchObject({ status: 'trusted', revocation: { status: 'good' } });
  });
});

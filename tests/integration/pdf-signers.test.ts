import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { PDFName, PDFNumber, PDFRef } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { p12Signer } from '../../node-shared/signing/p12-signer';
import { signDocument } from '../../node-shared/signing/sign-document';
import { PdfFile } from '../../shared/pdf-signature/pdf-file';
import { Increment, copyArray, copyDict, pdfBytes, streamBody } from '../../shared/pdf-signature/pdf-increment';
import { verifyDocument } from '../../shared/pdf-signature/verify-document';
import { buildSamplePdf, sampleRecordWithBlobs } from '../support/report-fixture';
import { makeTestIdentity } from '../support/test-certificate';

const dir = mkdtempSync(join(tmpdir(), 'congvu-signers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// forge writes UTF8String values as the UTF-8 bytes it is given.
const lead = makeTestIdentity({ commonName: forge.util.encodeUtf8('Nguyễn Thị Ánh Tuyết') });
const head = makeTestIdentity({ commonName: forge.util.encodeUtf8('Trần Văn Bình') });
const der = (pem: string) => new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(pem))).getBytes(), 'binary'));
const anchors = [der(lead.caPem), der(head.caPem)];

let unsigned: Uint8Array;
let first: Uint8Array;
let second: Uint8Array;

const meta = (role: 'leader' | 'unit-representative', name: string) => ({ name, reason: 'Bien ban kiem tra cong vu', location: 'UBND xa Tan Hoa', role });

function pdfsig(pdf: Uint8Array): string {
  const path = join(dir, `f-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, pdf);
  return spawnSync('pdfsig', [path], { encoding: 'utf8' }).stdout;
}

function qpdfCheck(pdf: Uint8Array): void {
  const path = join(dir, `q-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, pdf);
  execFileSync('qpdf', ['--check', path], { encoding: 'utf8' });
}

/** The first page's reference in the file as it stands. */
function pageRef(file: PdfFile): PDFRef {
  const catalog = file.dict(file.trailer().get(PDFName.of('Root')))!;
  const pages = file.dict(catalog.get(PDFName.of('Pages')))!;
  return file.array(pages.get(PDFName.of('Kids')))!.get(0) as PDFRef;
}

beforeAll(async () => {
  const { record, blobs } = sampleRecordWithBlobs();
  unsigned = buildSamplePdf(record, blobs);
  first = (await signDocument(unsigned, { signer: p12Signer(lead.p12, lead.passphrase), meta: meta('leader', 'Nguyen Thi Anh Tuyet'), certify: true })).pdf;
  second = (await signDocument(first, { signer: p12Signer(head.p12, head.passphrase), meta: meta('unit-representative', 'Tran Van Binh'), certify: false })).pdf;
});

describe('two signers, one after the other', () => {
  it('gives two valid signatures to pdfsig, the second covering the whole file, and passes qpdf --check', () => {
    const out = pdfsig(second);
    expect(out.match(/Signature is Valid/g)).toHaveLength(2);
    expect(out).toMatch(/Signature #1:[\s\S]*Not total document signed[\s\S]*Signature #2:[\s\S]*Total document signed/);
    expect(out).toContain('ETSI.CAdES.detached');
    qpdfCheck(second);
  });

  it('is verified signer by signer, in order, the first certifying', () => {
    const verdict = verifyDocument(second, { anchors });
    expect(verdict.problems).toEqual([]);
    expect(verdict.ok).toBe(true);
    expect(verdict.signatures.map((s) => [s.index, s.role, s.signer?.commonName, s.intact, s.coversRevision, s.coversToEnd, s.trust])).toEqual([
      [1, 'leader', 'Nguyễn Thị Ánh Tuyết', true, true, false, 'trusted'],
      [2, 'unit-representative', 'Trần Văn Bình', true, true, true, 'trusted'],
    ]);
    expect(verdict.signatures[0]!.certification).toEqual({ permission: 2 });
    expect(verdict.signatures[1]!.certification).toBeNull();
    expect(verdict.signatures.every((s) => s.timestamp === null && s.validatedAtSource === 'claimed')).toBe(true);
  });

  it('says plainly when a signer is not in the trust folder', () => {
    const verdict = verifyDocument(second, { anchors: [der(lead.caPem)] });
    expect(verdict.signatures.map((s) => s.trust)).toEqual(['trusted', 'untrusted']);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual(['untrusted']);
  });
});

/** Appends an update that changes something other than signatures, between the two signatures. */
async function slipIn(change: (inc: Increment, file: PdfFile) => void): Promise<Uint8Array> {
  const file = PdfFile.read(first);
  const inc = new Increment(file);
  change(inc, file);
  const tampered = inc.build();
  return (await signDocument(tampered, { signer: p12Signer(head.p12, head.passphrase), meta: meta('unit-representative', 'Tran Van Binh'), certify: false })).pdf;
}

describe('an edit slipped in between two signatures', () => {
  const cases: Array<[string, (inc: Increment, file: PdfFile) => void, RegExp]> = [
    [
      'a changed page',
      (inc, file) => {
        const ref = pageRef(file);
        const page = copyDict(file, file.dict(ref)!);
        const box = copyArray(file, file.array(page.get(PDFName.of('MediaBox'))));
        box.set(2, PDFNumber.of(300));
        page.set(PDFName.of('MediaBox'), box);
        inc.setValue(ref, page);
      },
      /page \d+: \/MediaBox changed/,
    ],
    [
      'an added annotation',
      (inc, file) => {
        const ref = pageRef(file);
        const note = inc.allocate();
        inc.set(note, pdfBytes('<< /Type /Annot /Subtype /Text /Rect [100 100 120 120] /Contents (Da sua) >>'));
        const page = copyDict(file, file.dict(ref)!);
        const annots = copyArray(file, file.array(page.get(PDFName.of('Annots'))));
        annots.push(note);
        page.set(PDFName.of('Annots'), annots);
        inc.setValue(ref, page);
      },
      /annotations changed|object \d+ added/,
    ],
    [
      'an overwritten earlier object (the page content)',
      (inc, file) => {
        const contents = file.dict(pageRef(file))!.get(PDFName.of('Contents'));
        const ref = contents instanceof PDFRef ? contents : (file.array(contents)!.get(0) as PDFRef);
        inc.set(ref, streamBody(pdfBytes('BT /F1 24 Tf 72 720 Td (Noi dung da bi thay) Tj ET')));
      },
      /object \d+: changed after signing/,
    ],
  ];

  it.each(cases)('rejects %s, though pdfsig calls both signatures valid', async (_name, change, expected) => {
    const pdf = await slipIn(change);
    qpdfCheck(pdf);
    expect(pdfsig(pdf).match(/Signature is Valid/g)).toHaveLength(2);
    const verdict = verifyDocument(pdf, { anchors });
    expect(verdict.signatures.every((s) => s.intact)).toBe(true);
    expect(verdict.changes.allowed).toBe(false);
    expect(verdict.changes.problems.join('\n')).toMatch(expected);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toContain('changed-after-signing');
  });

  it('finds a byte changed under the first signature', () => {
    const pdf = second.slice();
    const at = 2000;
    pdf[at] = pdf[at] === 0x41 ? 0x42 : 0x41;
    const verdict = verifyDocument(pdf, { anchors });
    expect(verdict.signatures[0]!.intact).toBe(false);
    expect(verdict.signatures[0]!.problems).toContain('digest-mismatch');
    expect(verdict.ok).toBe(false);
  });

  it('finds bytes appended after the last signature', () => {
    const pdf = new Uint8Array([...second, ...pdfBytes('\n% more\n1 0 obj\n(x)\nendobj\n')]);
    const verdict = verifyDocument(pdf, { anchors });
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toContain('appended');
  });
});

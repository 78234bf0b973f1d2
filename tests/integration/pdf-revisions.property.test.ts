import fc from 'fast-check';
import forge from 'node-forge';
import { PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { p12Signer } from '../../node-shared/signing/p12-signer';
import { signDocument } from '../../node-shared/signing/sign-document';
import { addValidationData } from '../../shared/pdf-signature/dss-increment';
import { PdfFile } from '../../shared/pdf-signature/pdf-file';
import { Increment, catalogRef, copyArray, copyDict, pdfBytes, streamBody } from '../../shared/pdf-signature/pdf-increment';
import { verifyDocument } from '../../shared/pdf-signature/verify-document';
import type { SignerRole } from '../../shared/pdf-signature/verdict';
import { buildSamplePdf, sampleRecordWithBlobs } from '../support/report-fixture';
import { makeTestIdentity } from '../support/test-certificate';

/**
 * The verifier's rule as a property over many histories: a record passes exactly when every
 * revision after the first signature only adds signatures and validation data. Each history is a
 * random sequence of signatures (by any of the three roles), validation data and edits of every
 * kind an attacker might slip in; the verdict must say "changed after signing" exactly when an edit
 * came after a signature, and every signature must stay intact either way.
 */
const identity = makeTestIdentity();
const ca = new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(identity.caPem))).getBytes(), 'binary'));
let unsigned: Uint8Array;
beforeAll(() => {
  const { record, blobs } = sampleRecordWithBlobs();
  unsigned = buildSamplePdf(record, blobs);
});

type Edit = 'page-box' | 'new-annotation' | 'overwrite-content' | 'catalog-entry' | 'info' | 'delete-object' | 'orphan-object' | 'rewrite-signature';
type Step = { kind: 'sign'; role: SignerRole } | { kind: 'dss' } | { kind: 'edit'; edit: Edit };

function firstPage(file: PdfFile): PDFRef {
  const catalog = file.dict(file.trailer().get(PDFName.of('Root')))!;
  return file.array(file.dict(catalog.get(PDFName.of('Pages')))!.get(PDFName.of('Kids')))!.get(0) as PDFRef;
}

function edit(pdf: Uint8Array, kind: Edit): Uint8Array {
  const file = PdfFile.read(pdf);
  const inc = new Increment(file);
  const page = firstPage(file);
  switch (kind) {
    case 'page-box': {
      const dict = copyDict(file, file.dict(page)!);
      dict.set(PDFName.of('Rotate'), PDFNumber.of(90));
      inc.setValue(page, dict);
      break;
    }
    case 'new-annotation': {
      const note = inc.allocate();
      inc.set(note, pdfBytes('<< /Type /Annot /Subtype /Text /Rect [10 10 20 20] /Contents (x) >>'));
      const dict = copyDict(file, file.dict(page)!);
      const annots = copyArray(file, file.array(dict.get(PDFName.of('Annots'))));
      annots.push(note);
      dict.set(PDFName.of('Annots'), annots);
      inc.setValue(page, dict);
      break;
    }
    case 'overwrite-content': {
      const contents = file.dict(page)!.get(PDFName.of('Contents'));
      const ref = contents instanceof PDFRef ? contents : (file.array(contents)!.get(0) as PDFRef);
      inc.set(ref, streamBody(pdfBytes('BT /F1 12 Tf 72 720 Td (Khac) Tj ET')));
      break;
    }
    case 'catalog-entry': {
      const root = catalogRef(file);
      const dict = copyDict(file, file.dict(root)!);
      dict.set(PDFName.of('OpenAction'), PDFString.of('x'));
      inc.setValue(root, dict);
      break;
    }
    case 'info': {
      const info = file.trailer().get(PDFName.of('Info')) as PDFRef;
      const dict = copyDict(file, file.dict(info)!);
      dict.set(PDFName.of('Title'), PDFString.of('Bien ban khac'));
      inc.setValue(info, dict);
      break;
    }
    case 'delete-object': {
      // A free entry for an object the file uses: written by hand, as the writer never frees.
      const out = inc.build();
      const text = new TextDecoder('latin1').decode(out);
      const at = text.lastIndexOf('\nxref\n') + 1;
      const contents = file.dict(page)!.get(PDFName.of('Contents'));
      const num = contents instanceof PDFRef ? contents.objectNumber : 1;
      return pdfBytes(`${text.slice(0, at)}xref\n${num} 1\n0000000000 00001 f \n${text.slice(text.indexOf('trailer', at))}`);
    }
    case 'orphan-object': {
      inc.set(inc.allocate(), pdfBytes('<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Length 0 >>\nstream\n\nendstream'));
      break;
    }
    case 'rewrite-signature': {
      const acro = file.dict(file.dict(catalogRef(file))!.get(PDFName.of('AcroForm')));
      const field = acro && file.array(acro.get(PDFName.of('Fields')))?.get(0);
      const sigRef = field instanceof PDFRef ? file.dict(field)?.get(PDFName.of('V')) : undefined;
      if (!(sigRef instanceof PDFRef)) return edit(pdf, 'info');
      const dict = copyDict(file, file.dict(sigRef)!);
      dict.set(PDFName.of('Reason'), PDFString.of('Ly do khac'));
      inc.setValue(sigRef, dict);
      break;
    }
  }
  return inc.build();
}

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<SignerRole>('leader', 'unit-representative', 'recorder').map((role) => ({ kind: 'sign' as const, role })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'dss' as const }) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom<Edit>('page-box', 'new-annotation', 'overwrite-content', 'catalog-entry', 'info', 'delete-object', 'orphan-object', 'rewrite-signature')
      .map((e) => ({ kind: 'edit' as const, edit: e })),
  },
);

describe('signatures and the changes after them, over random histories', () => {
  it('accepts a history exactly when nothing but signatures and validation data followed the first signature', async () => {
    const signer = p12Signer(identity.p12, identity.passphrase);
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        let pdf = unsigned;
        let signed = 0;
        let editedAfterSigning = false;
        for (const s of steps) {
          if (s.kind === 'sign') {
            pdf = (await signDocument(pdf, { signer, meta: { name: 'Nguyen Van A', reason: 'Ky', location: 'Xa', role: s.role }, certify: signed === 0 })).pdf;
            signed += 1;
          } else if (s.kind === 'dss') {
            pdf = addValidationData(pdf, { certificates: [ca], crls: [], ocspResponses: [] });
          } else {
            pdf = edit(pdf, s.edit);
            if (signed > 0) editedAfterSigning = true;
          }
        }
        const verdict = verifyDocument(pdf, { anchors: [ca] });
        if (signed === 0) {
          expect(verdict.problems).toContain('no-signature');
          return;
        }
        expect(verdict.signatures).toHaveLength(signed);
        expect(verdict.signatures.every((s) => s.intact && s.coversRevision && s.trust === 'trusted')).toBe(true);
        expect(verdict.changes.allowed).toBe(!editedAfterSigning);
        expect(verdict.ok).toBe(!editedAfterSigning);
      }),
      { numRuns: 100, seed: 20261204 },
    );
  }, 240_000);
});

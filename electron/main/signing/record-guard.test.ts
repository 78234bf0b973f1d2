import { describe, expect, it } from 'vitest';
import { buildSamplePdf, sampleRecordWithBlobs } from '../../../tests/support/report-fixture';
import { makeTestIdentity } from '../../../tests/support/test-certificate';
import { checkRecordToSign, type VerifyPdf } from './record-guard';
import { signDocument } from '../../../node-shared/signing/sign-document';
import { p12Signer } from '../../../node-shared/signing/p12-signer';
import { legacySignPdf } from '../../../tests/support/legacy-sign-pdf';
import { SigningError } from '../../../node-shared/signing/certificate';
import { verifyDocument } from '@shared/pdf-signature/verify-document';

const { record, blobs } = sampleRecordWithBlobs();
const pdf = buildSamplePdf(record, blobs);
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return 'accepted';
};
/** The unsigned file never reaches the verifier: there is nothing in it to verify. */
const unreachable: VerifyPdf = () => {
  throw new Error('the verifier was asked about an unsigned file');
};

describe('checkRecordToSign: what main will sign', () => {
  it('accepts the unsigned record PDF our builder made for this finalized record, and takes the signature details from the record for each role', () => {
    const i = record.inspection;
    const reason = `Biên bản kiểm tra công vụ ${i.unit.name}`;
    const leader = checkRecordToSign(pdf, record, 'leader', unreachable);
    expect(leader.meta).toEqual({ reason, location: i.place, name: i.team.find((m) => m.role === 'leader')!.name, role: 'leader' });
    expect(leader.certify).toBe(true);
    expect(checkRecordToSign(pdf, record, 'unit-representative', unreachable).meta.name).toBe(i.unitRepresentatives[0]!.name);
    expect(checkRecordToSign(pdf, record, 'recorder', unreachable).meta.name).toBe(i.team.find((m) => m.role === 'recorder')!.name);
  });

  it('refuses any other bytes', () => {
    expect(refusal(() => checkRecordToSign(new TextEncoder().encode('%PDF-1.3\nhello\n%%EOF\n'), record, 'leader', unreachable))).toBe('err.sign.notOurRecord');
    expect(refusal(() => checkRecordToSign(new Uint8Array(1000), record, 'leader', unreachable))).toBe('err.sign.notOurRecord');
  });

  it("refuses another record's PDF, and a record whose hash does not match its content", () => {
    const other = sampleRecordWithBlobs({ mutate: (r) => (r.inspection.place = `${r.inspection.place} (khác)`) });
    expect(refusal(() => checkRecordToSign(buildSamplePdf(other.record, other.blobs), record, 'leader', unreachable))).toBe('err.sign.notOurRecord');
    const tampered = structuredClone(record);
    tampered.inspection.place = 'Nơi khác';
    expect(refusal(() => checkRecordToSign(pdf, tampered, 'leader', unreachable))).toBe('err.sign.notOurRecord');
    expect(refusal(() => checkRecordToSign(pdf, { not: 'a record' }, 'leader', unreachable))).toBe('err.sign.notOurRecord');
  });

  it('refuses a record that is not finalized', () => {
    const draft = structuredClone(record);
    draft.inspection.status = 'draft';
    expect(refusal(() => checkRecordToSign(pdf, draft, 'leader', unreachable))).toMatch(/^err\.sign\.not(Finalized|OurRecord)$/);
  });

  it('sends a file with later revisions to the verifier, and signs nothing it cannot verify', async () => {
    const id = makeTestIdentity();
    const { meta } = checkRecordToSign(pdf, record, 'leader', unreachable);
    const { pdf: signed } = await signDocument(pdf, { signer: p12Signer(id.p12, id.passphrase), meta, certify: true });
    const failing: VerifyPdf = () => {
      throw new SigningError('err.sign.earlierBroken');
    };
    expect(refusal(() => checkRecordToSign(signed, record, 'unit-representative', failing))).toBe('err.sign.earlierBroken');
    const verify: VerifyPdf = (bytes) => verifyDocument(bytes, {});
    const next = checkRecordToSign(signed, record, 'unit-representative', verify);
    expect(next).toMatchObject({ certify: false, signedRoles: ['leader'], meta: { role: 'unit-representative', name: record.inspection.unitRepresentatives[0]!.name } });
    expect(refusal(() => checkRecordToSign(signed, record, 'leader', verify))).toBe('err.sign.alreadySigned');
    // An edit slipped in after the signature (a new revision that is not a signature) is refused.
    const edited = new Uint8Array(Buffer.concat([Buffer.from(signed), Buffer.from('1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n')]));
    expect(refusal(() => checkRecordToSign(edited, record, 'unit-representative', verify))).toBe('err.sign.earlierBroken');
    const flipped = signed.slice();
    flipped[pdf.length + 40] = flipped[pdf.length + 40]! ^ 1;
    expect(refusal(() => checkRecordToSign(flipped, record, 'unit-representative', verify))).toMatch(/^err\.sign\.(earlierBroken|notOurRecord)$/);
    // A whole-file rewrite (not an incremental update) is not our record any more.
    const rewritten = await legacySignPdf(pdf, id.p12, id.passphrase, { reason: 'x', location: 'y', name: 'z' });
    expect(refusal(() => checkRecordToSign(rewritten, record, 'unit-representative', failing))).toBe('err.sign.notOurRecord');
  });
});

import { describe, expect, it } from 'vitest';
import { buildSamplePdf, sampleRecordWithBlobs } from '../../../tests/support/report-fixture';
import { makeTestIdentity } from '../../../tests/support/test-certificate';
import { checkRecordToSign } from './record-guard';
import { signPdf } from '../../../node-shared/signing/sign-pdf';

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

describe('checkRecordToSign: what main will sign', () => {
  it('accepts the unsigned record PDF our builder made for this finalized record, and takes the signature details from the record', () => {
    const { meta } = checkRecordToSign(pdf, record);
    const leader = record.inspection.team.find((m) => m.role === 'leader')!;
    expect(meta).toEqual({ reason: `Biên bản kiểm tra công vụ ${record.inspection.unit.name}`, location: record.inspection.place, name: leader.name });
  });

  it('refuses any other bytes', () => {
    expect(refusal(() => checkRecordToSign(new TextEncoder().encode('%PDF-1.3\nhello\n%%EOF\n'), record))).toBe('err.sign.notOurRecord');
    expect(refusal(() => checkRecordToSign(new Uint8Array(1000), record))).toBe('err.sign.notOurRecord');
  });

  it("refuses another record's PDF, and a record whose hash does not match its content", () => {
    const other = sampleRecordWithBlobs({ mutate: (r) => (r.inspection.place = `${r.inspection.place} (khác)`) });
    expect(refusal(() => checkRecordToSign(buildSamplePdf(other.record, other.blobs), record))).toBe('err.sign.notOurRecord');
    const tampered = structuredClone(record);
    tampered.inspection.place = 'Nơi khác';
    expect(refusal(() => checkRecordToSign(pdf, tampered))).toBe('err.sign.notOurRecord');
    expect(refusal(() => checkRecordToSign(pdf, { not: 'a record' }))).toBe('err.sign.notOurRecord');
  });

  it('refuses a record that is not finalized', () => {
    const draft = structuredClone(record);
    draft.inspection.status = 'draft';
    expect(refusal(() => checkRecordToSign(pdf, draft))).toMatch(/^err\.sign\.not(Finalized|OurRecord)$/);
  });

  it('refuses a PDF that is already signed', async () => {
    const id = makeTestIdentity();
    const signed = await signPdf(pdf, id.p12, id.passphrase, { reason: 'x', location: 'y', name: 'z' });
    expect(refusal(() => checkRecordToSign(signed, record))).toBe('err.sign.notOurRecord');
  });
});

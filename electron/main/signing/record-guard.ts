import { inspectionRecordSchema, recordContentHash, type InspectionRecord } from '@shared/inspection/record';
import { pdfFileId } from '@shared/review/report-binding';
import type { SignatureMetadata } from '../../../node-shared/signing/sign-pdf';
import { SigningError } from '../../../node-shared/signing/certificate';

const latin1 = new TextDecoder('latin1');

/**
 * What main will put its signature on: only the unsigned biên bản our PDF builder made for a
 * finalized record the renderer names and sends. The record is checked again here (its schema, its
 * finalization and its content hash), and the file must carry that hash as the builder writes it
 * (the trailer /ID) and our creator mark, with no signature in it yet. So a compromised page cannot
 * turn main into a signing service for any bytes it likes, nor sign one record's file as another's;
 * and the signature's reason, location and signer name come from the record, not from the page.
 */
export function checkRecordToSign(pdf: Uint8Array, recordInput: unknown): { record: InspectionRecord; meta: SignatureMetadata } {
  const parsed = inspectionRecordSchema.safeParse(recordInput);
  if (!parsed.success) throw new SigningError('err.sign.notOurRecord');
  const record = parsed.data;
  const i = record.inspection;
  if (i.status !== 'finalized' || !i.contentHash) throw new SigningError('err.sign.notFinalized');
  let computed: string;
  try {
    computed = recordContentHash(record);
  } catch {
    throw new SigningError('err.sign.notOurRecord');
  }
  if (computed !== i.contentHash) throw new SigningError('err.sign.notOurRecord');
  const head = latin1.decode(pdf.subarray(0, 8));
  const text = latin1.decode(pdf);
  const ours = head.startsWith('%PDF-1.') && /%%EOF\s*$/.test(text.slice(-64)) && /\/Creator\s*\(congvu\)/.test(text);
  // One revision only, with no signature field: what the builder writes, before anyone signs it.
  const unsigned = !/\/ByteRange\s*\[/.test(text) && !/\/Type\s*\/Sig\b/.test(text) && (text.match(/%%EOF/g) ?? []).length === 1;
  if (!ours || !unsigned || pdfFileId(pdf) !== i.contentHash.slice(0, 32).toUpperCase()) throw new SigningError('err.sign.notOurRecord');
  const leader = i.team.find((m) => m.role === 'leader');
  return { record, meta: { reason: `Biên bản kiểm tra công vụ ${i.unit.name}`, location: i.place, name: leader?.name ?? '' } };
}

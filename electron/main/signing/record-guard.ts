import { inspectionRecordSchema, recordContentHash, type InspectionRecord } from '@shared/inspection/record';
import { pdfFileId } from '@shared/review/report-binding';
import type { DocumentVerdict, SignerRole } from '@shared/pdf-signature/verdict';
import { SigningError } from '../../../node-shared/signing/certificate';

const latin1 = new TextDecoder('latin1');

export interface SignatureDetails {
  reason: string;
  location: string;
  name: string;
  role: SignerRole;
}

/** Verifies a PDF's signatures (shared/pdf-signature/verify-document.ts), the trust folder applied or not. */
export type VerifyPdf = (pdf: Uint8Array) => DocumentVerdict;

/** The first revision: everything up to and with the first %%EOF line, as our builder wrote it. */
function firstRevision(pdf: Uint8Array, text: string): Uint8Array {
  const end = text.indexOf('%%EOF');
  if (end < 0) return pdf;
  let stop = end + 5;
  if (text[stop] === '\r') stop += 1;
  if (text[stop] === '\n') stop += 1;
  return pdf.subarray(0, stop);
}

function isOurUnsignedRecord(pdf: Uint8Array, contentHash: string): boolean {
  const text = latin1.decode(pdf);
  const ours = text.startsWith('%PDF-1.') && /%%EOF\s*$/.test(text.slice(-64)) && /\/Creator\s*\(congvu\)/.test(text);
  // One revision only, with no signature field: what the builder writes, before anyone signs it.
  const unsigned = !/\/ByteRange\s*\[/.test(text) && !/\/Type\s*\/Sig\b/.test(text) && (text.match(/%%EOF/g) ?? []).length === 1;
  return ours && unsigned && pdfFileId(pdf) === contentHash.slice(0, 32).toUpperCase();
}

/** Who signs for a role, as the record names them; null when the record names nobody. */
function signerName(record: InspectionRecord, role: SignerRole): string | null {
  const i = record.inspection;
  if (role === 'unit-representative') return i.unitRepresentatives[0]?.name ?? null;
  return i.team.find((m) => m.role === role)?.name ?? null;
}

/**
 * What main will put a signature on: the biên bản our PDF builder made for a finalized record the
 * renderer names and sends, either as the builder wrote it or with earlier signatures of that
 * record's signers added after it. The record is checked again here (its schema, its finalization
 * and its content hash), and the file's first revision must carry that hash as the builder writes
 * it (the trailer /ID) and our creator mark, with no signature in it. Every later revision must be
 * a signature that verifies, adding nothing else; and a role signs once. So a compromised page
 * cannot turn main into a signing service for any bytes it likes, nor sign one record's file as
 * another's; and the signature's reason, location and signer name come from the record.
 */
export function checkRecordToSign(
  pdf: Uint8Array,
  recordInput: unknown,
  role: SignerRole,
  verify: VerifyPdf,
): { record: InspectionRecord; meta: SignatureDetails; certify: boolean; signedRoles: SignerRole[] } {
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
  const text = latin1.decode(pdf);
  const first = firstRevision(pdf, text);
  if (!isOurUnsignedRecord(first, i.contentHash)) throw new SigningError('err.sign.notOurRecord');
  let signedRoles: SignerRole[] = [];
  if (first.byteLength < pdf.byteLength) {
    const verdict = verify(pdf);
    const signatures = verdict.signatures.filter((s) => s.kind === 'signature');
    // Called without a trust folder, `ok` is integrity alone: every signature intact over its own
    // revision, later revisions adding only signatures and validation data, nothing appended.
    const sound = signatures.length > 0 && verdict.ok;
    if (!sound) throw new SigningError('err.sign.earlierBroken');
    signedRoles = signatures.map((s) => s.role).filter((r): r is SignerRole => r !== null);
    // Only this app's signers, each under a role, sign a record: a foreign signature is not one of ours.
    if (signedRoles.length !== signatures.length) throw new SigningError('err.sign.notOurRecord');
  }
  if (signedRoles.includes(role)) throw new SigningError('err.sign.alreadySigned');
  const name = signerName(record, role);
  if (name === null) throw new SigningError('err.sign.noSignerForRole');
  return {
    record,
    certify: signedRoles.length === 0,
    signedRoles,
    meta: { reason: `Biên bản kiểm tra công vụ ${i.unit.name}`, location: i.place, name, role },
  };
}

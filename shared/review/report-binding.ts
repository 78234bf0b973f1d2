import { verifySignedPdf, type VerifyProblem } from '../report/verify-pdf';

/** A signed PDF that is intact but was not rendered from this record. */
export type ReportProblem = VerifyProblem | 'other-record';

const latin1 = new TextDecoder('latin1');

/** The first half of the trailer's /ID: the record PDF sets it from the record's content hash. */
export function pdfFileId(pdf: Uint8Array): string | null {
  const text = latin1.decode(pdf.subarray(Math.max(0, pdf.length - 64 * 1024)));
  const matches = [...text.matchAll(/\/ID\s*\[\s*<([0-9A-Fa-f]+)>/g)];
  return matches.at(-1)?.[1]?.toUpperCase() ?? null;
}

/**
 * Whether a signed biên bản is the signed form of this record: the signature is intact and covers
 * the whole file, and the file carries the record's hash (so one record's PDF cannot pass for another's).
 */
export function checkSignedReport(pdf: Uint8Array, contentHash: string): { ok: boolean; problems: ReportProblem[]; signer: string | null; fileSha256: string } {
  const result = verifySignedPdf(pdf);
  const problems: ReportProblem[] = [...result.problems];
  if (pdfFileId(pdf) !== contentHash.slice(0, 32).toUpperCase()) problems.push('other-record');
  return { ok: problems.length === 0, problems, signer: result.signer?.commonName ?? null, fileSha256: result.fileSha256 };
}

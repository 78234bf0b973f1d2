import { PDFName } from 'pdf-lib';
import { PdfFile } from './pdf-file';
import { signatureFields } from './signature-fields';

export interface RecordFile {
  /** The first revision is what our record builder writes: our creator mark and a trailer /ID. */
  ours: boolean;
  /** The first half of the trailer /ID, upper-case hex: the record's content hash as the builder set it. */
  fileId: string | null;
  /** How many signatures and document time-stamps the file declares. */
  signatureCount: number;
}

const latin1 = new TextDecoder('latin1');

/**
 * Whether a PDF is one of our biên bản, signed or not: its first revision carries our creator
 * mark in the document info, and its /ID (the record's hash). Whether later revisions are honest
 * is the verifier's question (verifyDocument); this only says whose file it is.
 */
export function readRecordFile(pdf: Uint8Array): RecordFile {
  let file: PdfFile;
  try {
    file = PdfFile.read(pdf);
  } catch {
    return { ours: false, fileId: null, signatureCount: 0 };
  }
  const first = file.trailer(0);
  const info = file.dict(first.get(PDFName.of('Info')), 0);
  const creator = info?.get(PDFName.of('Creator'));
  const ours = creator !== undefined && /^\(congvu\)$/.test(creator.toString());
  const id = file.array(first.get(PDFName.of('ID')), 0)?.get(0)?.toString();
  const fileId = id && /^<[0-9A-Fa-f]{32,}>$/.test(id) ? id.slice(1, -1).toUpperCase() : null;
  const lastId = file.array(file.trailer().get(PDFName.of('ID')))?.get(0)?.toString();
  return { ours: ours && fileId !== null && lastId === id && latin1.decode(pdf.subarray(0, 7)) === '%PDF-1.', fileId, signatureCount: signatureFields(file).length };
}

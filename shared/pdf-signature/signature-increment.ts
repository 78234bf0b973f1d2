import type { PDFArray} from 'pdf-lib';
import { PDFDict, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';
import { toAscii } from '../report/ascii';
import { PdfFile, PdfFormatError, indexOfBytes } from './pdf-file';
import { Increment, catalogRef, copyArray, copyDict, pdfBytes } from './pdf-increment';
import type { SignerRole } from './verdict';

/**
 * The incremental update that adds one signature (or document time-stamp) field to a PDF: the
 * signature dictionary with a zero-filled /Contents hole, an invisible widget on the first page,
 * the AcroForm's field list, and for the first signature the DocMDP certification (P 2: later
 * signatures only). Everything written is ASCII, as signature metadata must be.
 */
export interface SignatureFieldOptions {
  kind: 'signature' | 'document-timestamp';
  /** Bytes reserved for the CMS (the hex hole is twice this). */
  reserved: number;
  signingTime?: Date;
  meta?: { name: string; reason: string; location: string; contactInfo?: string; role?: SignerRole };
  certify?: boolean;
}

export interface Placeholder {
  pdf: Uint8Array;
  byteRange: [number, number, number, number];
}

export const SUBFILTER_CADES = 'ETSI.CAdES.detached';
export const SUBFILTER_RFC3161 = 'ETSI.RFC3161';
export const ROLE_KEY = 'CV_Role';
const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 0000000000 0000000000 0000000000]';

function pdfDate(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `D:${p(date.getUTCFullYear(), 4)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}Z`;
}

const literal = (text: string) => PDFString.of(toAscii(text)).toString();

function firstPage(file: PdfFile, catalog: PDFDict): PDFRef {
  let node: PDFRef | undefined = catalog.get(PDFName.of('Pages')) as PDFRef | undefined;
  for (let depth = 0; node instanceof PDFRef && depth < 32; depth++) {
    const dict = file.dict(node);
    if (!dict) break;
    if (dict.get(PDFName.of('Type')) === PDFName.of('Page')) return node;
    const kids = file.array(dict.get(PDFName.of('Kids')));
    node = kids?.get(0) as PDFRef | undefined;
  }
  throw new PdfFormatError('no-page');
}

/** Names already used by fields, so a new one is unique (Signature1, Signature2, …). */
function fieldCount(fields: PDFArray | undefined): number {
  return fields?.size() ?? 0;
}

export function addSignatureField(source: Uint8Array | PdfFile, options: SignatureFieldOptions): Placeholder {
  const file = source instanceof PdfFile ? source : PdfFile.read(source);
  const inc = new Increment(file);
  const rootRef = catalogRef(file);
  const catalog = file.dict(rootRef);
  if (!catalog) throw new PdfFormatError('no-root');
  const newCatalog = copyDict(file, catalog);
  const pageRef = firstPage(file, catalog);
  const sigRef = inc.allocate();
  const widgetRef = inc.allocate();

  // The AcroForm and its field list, wherever the file keeps them.
  const acroValue = catalog.get(PDFName.of('AcroForm'));
  const acro = file.dict(acroValue);
  const newAcro = acro ? copyDict(file, acro) : PDFDict.withContext(file.context);
  const fieldsValue = acro?.get(PDFName.of('Fields'));
  const fields = file.array(fieldsValue);
  const fieldName = `Signature${fieldCount(fields) + 1}`;
  const newFields = copyArray(file, fields);
  newFields.push(widgetRef);
  if (fieldsValue instanceof PDFRef) inc.setValue(fieldsValue, newFields);
  else newAcro.set(PDFName.of('Fields'), newFields);
  newAcro.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  if (acroValue instanceof PDFRef) inc.setValue(acroValue, newAcro);
  else if (acro) newCatalog.set(PDFName.of('AcroForm'), newAcro);
  else {
    const acroRef = inc.allocate();
    inc.setValue(acroRef, newAcro);
    newCatalog.set(PDFName.of('AcroForm'), acroRef);
  }

  // The widget goes on the first page's /Annots.
  const page = file.dict(pageRef)!;
  const annotsValue = page.get(PDFName.of('Annots'));
  const newAnnots = copyArray(file, file.array(annotsValue));
  newAnnots.push(widgetRef);
  if (annotsValue instanceof PDFRef) inc.setValue(annotsValue, newAnnots);
  else {
    const newPage = copyDict(file, page);
    newPage.set(PDFName.of('Annots'), newAnnots);
    inc.setValue(pageRef, newPage);
  }

  inc.set(
    widgetRef,
    pdfBytes(`<< /Type /Annot /Subtype /Widget /FT /Sig /T ${literal(fieldName)} /V ${sigRef.toString()} /F 132 /Rect [0 0 0 0] /P ${pageRef.toString()} >>`),
  );

  const hole = `<${'0'.repeat(options.reserved * 2)}>`;
  let sig: string;
  if (options.kind === 'document-timestamp') {
    sig = `<< /Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /${SUBFILTER_RFC3161} ${BYTE_RANGE_PLACEHOLDER} /Contents ${hole} >>`;
  } else {
    const meta = options.meta;
    const parts = [`/Type /Sig /Filter /Adobe.PPKLite /SubFilter /${SUBFILTER_CADES}`, BYTE_RANGE_PLACEHOLDER, `/Contents ${hole}`];
    parts.push(`/M ${literal(pdfDate(options.signingTime ?? new Date()))}`);
    if (meta) {
      parts.push(`/Name ${literal(meta.name)} /Reason ${literal(meta.reason)} /Location ${literal(meta.location)}`);
      if (meta.contactInfo) parts.push(`/ContactInfo ${literal(meta.contactInfo)}`);
      if (meta.role) parts.push(`/${ROLE_KEY} /${meta.role}`);
    }
    parts.push('/Prop_Build << /App << /Name /congvu >> >>');
    if (options.certify) {
      parts.push('/Reference [ << /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P 2 /V /1.2 >> >> ]');
      const perms = PDFDict.withContext(file.context);
      perms.set(PDFName.of('DocMDP'), sigRef);
      newCatalog.set(PDFName.of('Perms'), perms);
    }
    sig = `<< ${parts.join(' ')} >>`;
  }
  inc.set(sigRef, pdfBytes(sig));
  if (newCatalog.toString() !== catalog.toString()) inc.setValue(rootRef, newCatalog);

  const pdf = inc.build();
  const objAt = indexOfBytes(pdf, `\n${sigRef.objectNumber} 0 obj\n`, file.bytes.length - 1);
  const rangeAt = indexOfBytes(pdf, BYTE_RANGE_PLACEHOLDER, objAt);
  const contentsStart = indexOfBytes(pdf, '/Contents <', objAt) + '/Contents '.length;
  const contentsEnd = contentsStart + hole.length;
  if (objAt === -1 || rangeAt === -1 || pdf[contentsEnd - 1] !== 0x3e) throw new PdfFormatError('placeholder');
  const byteRange: Placeholder['byteRange'] = [0, contentsStart, contentsEnd, pdf.length - contentsEnd];
  const written = `/ByteRange [${byteRange.join(' ')}]`;
  if (written.length > BYTE_RANGE_PLACEHOLDER.length) throw new PdfFormatError('too-large');
  pdf.set(pdfBytes(written.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ')), rangeAt);
  return { pdf, byteRange };
}

/** The bytes a signature covers: everything but its /Contents hole. */
export function coveredBytes(pdf: Uint8Array, range: readonly number[]): Uint8Array[] {
  return [pdf.subarray(range[0]!, range[0]! + range[1]!), pdf.subarray(range[2]!, range[2]! + range[3]!)];
}

/** Writes the CMS into the hole, hex, zero-padded. */
export function fillSignature(placeholder: Placeholder, cms: Uint8Array): Uint8Array {
  const [, start, end] = placeholder.byteRange;
  const room = (end - start - 2) / 2;
  if (cms.length > room) throw new PdfFormatError('signature-too-large');
  let hex = '';
  for (const byte of cms) hex += byte.toString(16).padStart(2, '0');
  const out = placeholder.pdf.slice();
  out.set(pdfBytes(hex.toUpperCase()), start + 1);
  return out;
}

import type { PDFDict} from 'pdf-lib';
import { PDFArray, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import type { PdfFile } from './pdf-file';
import { ROLE_KEY } from './signature-increment';
import type { SignerRole } from './verdict';

/** One signature (or document time-stamp) as the file declares it, before anything is checked. */
export interface SignatureField {
  fieldNum: number | null;
  sigNum: number | null;
  kind: 'signature' | 'document-timestamp';
  subFilter: string;
  byteRange: number[] | null;
  contents: Uint8Array | null;
  name: string | null;
  reason: string | null;
  location: string | null;
  claimedTime: string | null;
  role: SignerRole | null;
  /** DocMDP permission when this is a certification signature. */
  docMdp: 1 | 2 | 3 | null;
}

const MAX_FIELDS = 500;
const ROLES: readonly SignerRole[] = ['leader', 'unit-representative', 'recorder'];

const nameOf = (value: PDFObject | undefined) => (value instanceof PDFName ? value.decodeText() : null);
const textOf = (value: PDFObject | undefined) => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : null);

/** "D:20261204093000Z" or with an offset, as ISO 8601; null when unreadable. */
export function pdfDateToIso(text: string | null): string | null {
  const m = text && /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(text);
  if (!m) return null;
  const zone = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, '').slice(3, 5) || '00'}`;
  const date = new Date(`${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${zone}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function docMdpOf(file: PdfFile, sig: PDFDict, revision: number): 1 | 2 | 3 | null {
  const refs = file.array(sig.get(PDFName.of('Reference')), revision);
  for (const item of refs?.asArray() ?? []) {
    const ref = file.dict(item, revision);
    if (nameOf(ref?.get(PDFName.of('TransformMethod'))) !== 'DocMDP') continue;
    const p = file.dict(ref!.get(PDFName.of('TransformParams')), revision)?.get(PDFName.of('P'));
    const value = p instanceof PDFNumber ? p.asNumber() : 2;
    return value === 1 || value === 3 ? value : 2;
  }
  return null;
}

/** Every field of the AcroForm whose type is /Sig and that holds a value, as of `revision`. */
export function signatureFields(file: PdfFile, revision = file.last): SignatureField[] {
  const catalog = file.dict(file.trailer(revision).get(PDFName.of('Root')), revision);
  const acro = file.dict(catalog?.get(PDFName.of('AcroForm')), revision);
  const out: SignatureField[] = [];
  const visited = new Set<number>();
  const walk = (value: PDFObject | undefined, inheritedFt: string | null, depth: number) => {
    if (depth > 8 || out.length >= MAX_FIELDS) return;
    if (value instanceof PDFRef) {
      if (visited.has(value.objectNumber)) return;
      visited.add(value.objectNumber);
    }
    const field = file.dict(value, revision);
    if (!field) return;
    const ft = nameOf(field.get(PDFName.of('FT'))) ?? inheritedFt;
    const kids = file.array(field.get(PDFName.of('Kids')), revision);
    if (kids) for (const kid of kids.asArray()) walk(kid, ft, depth + 1);
    if (ft !== 'Sig') return;
    const v = field.get(PDFName.of('V'));
    const sig = file.dict(v, revision);
    if (!sig) return;
    const range = file.array(sig.get(PDFName.of('ByteRange')), revision);
    const numbers = range?.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : NaN));
    const contents = sig.get(PDFName.of('Contents'));
    const role = nameOf(sig.get(PDFName.of(ROLE_KEY)));
    out.push({
      fieldNum: value instanceof PDFRef ? value.objectNumber : null,
      sigNum: v instanceof PDFRef ? v.objectNumber : null,
      kind: nameOf(sig.get(PDFName.of('Type'))) === 'DocTimeStamp' ? 'document-timestamp' : 'signature',
      subFilter: nameOf(sig.get(PDFName.of('SubFilter'))) ?? '',
      byteRange: numbers && numbers.length === 4 && numbers.every((n) => Number.isSafeInteger(n) && n >= 0) ? numbers : null,
      contents: contents instanceof PDFHexString ? contents.asBytes() : contents instanceof PDFString ? contents.asBytes() : null,
      name: textOf(sig.get(PDFName.of('Name'))),
      reason: textOf(sig.get(PDFName.of('Reason'))),
      location: textOf(sig.get(PDFName.of('Location'))),
      claimedTime: pdfDateToIso(textOf(sig.get(PDFName.of('M')))),
      role: ROLES.includes(role as SignerRole) ? (role as SignerRole) : null,
      docMdp: docMdpOf(file, sig, revision),
    });
  };
  const fields = file.array(acro?.get(PDFName.of('Fields')), revision);
  for (const field of fields?.asArray() ?? []) walk(field, null, 0);
  return out;
}

export function isArray(value: PDFObject | undefined): value is PDFArray {
  return value instanceof PDFArray;
}

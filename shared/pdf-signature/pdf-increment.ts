import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, type PDFObject } from 'pdf-lib';
import type { PdfFile} from './pdf-file';
import { PdfFormatError } from './pdf-file';

/**
 * Appends one incremental update to a PDF: the objects given (new or redefined), a cross-reference
 * section for exactly those, and a trailer chained to the previous one. Nothing before the old
 * %%EOF changes, so every earlier signature keeps covering what it covered.
 */
export interface IncrementObject {
  num: number;
  /** The object's value, written between "num 0 obj" and "endobj" (a PDF value or a stream, as bytes). */
  body: Uint8Array;
}


/** PDF syntax as bytes; every string we write is ASCII or latin1. */
export function pdfBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) throw new PdfFormatError('non-latin1');
    out[i] = code;
  }
  return out;
}

export function valueBody(value: PDFObject): Uint8Array {
  return pdfBytes(value.toString());
}

/** A stream object's body: an uncompressed stream of raw bytes (certificates, CRLs, OCSP responses). */
export function streamBody(data: Uint8Array, extra = ''): Uint8Array {
  const head = pdfBytes(`<< /Length ${data.length}${extra} >>\nstream\n`);
  const tail = pdfBytes('\nendstream');
  const out = new Uint8Array(head.length + data.length + tail.length);
  out.set(head, 0);
  out.set(data, head.length);
  out.set(tail, head.length + data.length);
  return out;
}

export class Increment {
  private readonly objects = new Map<number, Uint8Array>();
  private nextNum: number;

  constructor(readonly file: PdfFile) {
    this.nextNum = file.size();
  }

  /** A fresh object number for a new object. */
  allocate(): PDFRef {
    return PDFRef.of(this.nextNum++, 0);
  }

  set(ref: PDFRef, body: Uint8Array): void {
    this.objects.set(ref.objectNumber, body);
  }

  setValue(ref: PDFRef, value: PDFObject): void {
    this.set(ref, valueBody(value));
  }

  has(ref: PDFRef): boolean {
    return this.objects.has(ref.objectNumber);
  }

  /** The file with this update appended. */
  build(): Uint8Array {
    const { file } = this;
    const old = file.bytes;
    const parts: Uint8Array[] = [];
    let length = old.length;
    const push = (bytes: Uint8Array) => {
      parts.push(bytes);
      length += bytes.length;
    };
    // An end-of-line before the first new object, in case the old file ends right after %%EOF.
    if (old[old.length - 1] !== 0x0a && old[old.length - 1] !== 0x0d) push(pdfBytes('\n'));
    const offsets = new Map<number, number>();
    for (const num of [...this.objects.keys()].sort((a, b) => a - b)) {
      offsets.set(num, length);
      push(pdfBytes(`${num} 0 obj\n`));
      push(this.objects.get(num)!);
      push(pdfBytes('\nendobj\n'));
    }
    const xrefOffset = length;
    let xref = 'xref\n';
    const nums = [...offsets.keys()].sort((a, b) => a - b);
    for (let i = 0; i < nums.length; ) {
      let j = i;
      while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
      xref += `${nums[i]} ${j - i + 1}\n`;
      for (let k = i; k <= j; k++) xref += `${String(offsets.get(nums[k]!)!).padStart(10, '0')} 00000 n \n`;
      i = j + 1;
    }
    const previous = file.trailer();
    const trailer = PDFDict.withContext(file.context);
    trailer.set(PDFName.of('Size'), PDFNumber.of(Math.max(this.nextNum, file.size())));
    for (const key of ['Root', 'Info', 'ID']) {
      const value = previous.get(PDFName.of(key));
      if (value) trailer.set(PDFName.of(key), value);
    }
    trailer.set(PDFName.of('Prev'), PDFNumber.of(file.revisions[file.last]!.xrefOffset));
    push(pdfBytes(`${xref}trailer\n${trailer.toString()}\nstartxref\n${xrefOffset}\n%%EOF\n`));
    const out = new Uint8Array(length);
    out.set(old, 0);
    let at = old.length;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}

/** The catalog's reference, from the last trailer. */
export function catalogRef(file: PdfFile): PDFRef {
  const root = file.trailer().get(PDFName.of('Root'));
  if (!(root instanceof PDFRef)) throw new PdfFormatError('no-root');
  return root;
}

/** A shallow copy of a dictionary, so the parsed original stays as the file has it. */
export function copyDict(file: PdfFile, dict: PDFDict): PDFDict {
  const copy = PDFDict.withContext(file.context);
  for (const [key, value] of dict.entries()) copy.set(key, value);
  return copy;
}

export function copyArray(file: PdfFile, array: PDFArray | undefined): PDFArray {
  const copy = PDFArray.withContext(file.context);
  for (const value of array?.asArray() ?? []) copy.push(value);
  return copy;
}

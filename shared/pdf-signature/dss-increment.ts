import type { PDFArray} from 'pdf-lib';
import { PDFDict, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { sha256 } from '@noble/hashes/sha2.js';
import { PdfFile, PdfFormatError } from './pdf-file';
import { Increment, catalogRef, copyArray, copyDict, streamBody } from './pdf-increment';

/** Validation data for PAdES-B-LT, all DER. */
export interface ValidationData {
  certificates?: readonly Uint8Array[];
  crls: readonly Uint8Array[];
  ocspResponses: readonly Uint8Array[];
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Adds (or extends) the catalog's Document Security Store as an incremental update: every
 * certificate, CRL and OCSP response as its own stream, so the signatures verify offline years
 * later. What the DSS already holds is not written twice.
 */
export function addValidationData(pdf: Uint8Array, data: ValidationData): Uint8Array {
  const file = PdfFile.read(pdf);
  const rootRef = catalogRef(file);
  const catalog = file.dict(rootRef);
  if (!catalog) throw new PdfFormatError('no-root');
  const inc = new Increment(file);
  const dssValue = catalog.get(PDFName.of('DSS'));
  const dss = file.dict(dssValue);
  const newDss = dss ? copyDict(file, dss) : PDFDict.withContext(file.context);
  newDss.set(PDFName.of('Type'), PDFName.of('DSS'));
  let added = 0;
  const extend = (key: string, items: readonly Uint8Array[]) => {
    const existing = file.array(dss?.get(PDFName.of(key)));
    const held = new Set<string>();
    for (const ref of existing?.asArray() ?? []) {
      const stream = ref instanceof PDFRef ? file.object(ref.objectNumber) : undefined;
      if (stream instanceof PDFRawStream) held.add(hex(sha256(stream.contents)));
    }
    const array: PDFArray = copyArray(file, existing);
    const seen = new Set<string>();
    for (const item of items) {
      const key = hex(sha256(item));
      if (seen.has(key) || held.has(key)) continue;
      seen.add(key);
      const ref = inc.allocate();
      inc.set(ref, streamBody(item));
      array.push(ref);
      added++;
    }
    if (array.size() > 0) newDss.set(PDFName.of(key), array);
  };
  extend('Certs', data.certificates ?? []);
  extend('CRLs', data.crls);
  extend('OCSPs', data.ocspResponses);
  if (added === 0) return pdf;
  if (dssValue instanceof PDFRef) inc.setValue(dssValue, newDss);
  else {
    const dssRef = inc.allocate();
    inc.setValue(dssRef, newDss);
    const newCatalog = copyDict(file, catalog);
    newCatalog.set(PDFName.of('DSS'), dssRef);
    inc.setValue(rootRef, newCatalog);
  }
  return inc.build();
}

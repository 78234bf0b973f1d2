import { PDFArray, PDFDict, PDFName, PDFRef, type PDFObject } from 'pdf-lib';
import type { PdfFile } from './pdf-file';
import { signatureFields } from './signature-fields';
import type { ChangeVerdict } from './verdict';

/**
 * What a revision after the first signature may do: add signature fields with their signature
 * dictionaries (and put their widgets on a page and in the AcroForm), and add validation data (the
 * DSS). Anything else — a changed page, content stream, annotation, form value, catalog entry or
 * metadata, a deleted object, an object nothing refers to — is a change after signing.
 */
const CATALOG_MAY_CHANGE = new Set(['AcroForm', 'DSS']);
const ACROFORM_MAY_CHANGE = new Set(['Fields', 'SigFlags']);
const DSS_KEYS = new Set(['Type', 'Certs', 'CRLs', 'OCSPs', 'VRI']);

const str = (value: PDFObject | undefined) => (value === undefined ? '' : value.toString());

interface Allowed {
  catalog: number | null;
  acroForm: number | null;
  fieldsArray: number | null;
  sigFields: Set<number>;
  sigDicts: Set<number>;
  validation: Set<number>;
  pages: Set<number>;
  annotArrays: Set<number>;
}

const refNum = (value: PDFObject | undefined) => (value instanceof PDFRef ? value.objectNumber : null);

/** The objects that may appear or change in `revision`, judged from that revision's own structure. */
function allowedAt(file: PdfFile, revision: number): Allowed {
  const rootValue = file.trailer(revision).get(PDFName.of('Root'));
  const catalog = file.dict(rootValue, revision);
  const acroValue = catalog?.get(PDFName.of('AcroForm'));
  const acro = file.dict(acroValue, revision);
  const sigs = signatureFields(file, revision);
  const validation = new Set<number>();
  const dssValue = catalog?.get(PDFName.of('DSS'));
  const dss = file.dict(dssValue, revision);
  const addRef = (value: PDFObject | undefined) => {
    const num = refNum(value);
    if (num !== null) validation.add(num);
  };
  addRef(dssValue);
  for (const key of ['Certs', 'CRLs', 'OCSPs']) {
    const value = dss?.get(PDFName.of(key));
    addRef(value);
    for (const item of file.array(value, revision)?.asArray() ?? []) addRef(item);
  }
  const vri = dss?.get(PDFName.of('VRI'));
  addRef(vri);
  for (const [, entry] of file.dict(vri, revision)?.entries() ?? []) {
    addRef(entry);
    for (const [, inner] of file.dict(entry, revision)?.entries() ?? []) {
      addRef(inner);
      for (const item of file.array(inner, revision)?.asArray() ?? []) addRef(item);
    }
  }
  const pages = new Set<number>();
  const annotArrays = new Set<number>();
  for (const field of sigs) {
    const widget = field.fieldNum === null ? undefined : file.dict(PDFRef.of(field.fieldNum), revision);
    const page = refNum(widget?.get(PDFName.of('P')));
    if (page === null) continue;
    pages.add(page);
    const annots = refNum(file.dict(PDFRef.of(page), revision)?.get(PDFName.of('Annots')));
    if (annots !== null) annotArrays.add(annots);
  }
  return {
    catalog: refNum(rootValue),
    acroForm: refNum(acroValue),
    fieldsArray: refNum(acro?.get(PDFName.of('Fields'))),
    sigFields: new Set(sigs.flatMap((s) => (s.fieldNum === null ? [] : [s.fieldNum]))),
    sigDicts: new Set(sigs.flatMap((s) => (s.sigNum === null ? [] : [s.sigNum]))),
    validation,
    pages,
    annotArrays,
  };
}

/** An array may only grow at its end, and only by the given objects. */
function onlyAppended(before: PDFArray | undefined, after: PDFArray | undefined, may: Set<number>): boolean {
  const old = before?.asArray() ?? [];
  const now = after?.asArray() ?? [];
  if (now.length < old.length) return false;
  for (let i = 0; i < old.length; i++) if (str(old[i]) !== str(now[i])) return false;
  return now.slice(old.length).every((item) => item instanceof PDFRef && may.has(item.objectNumber));
}

/** Two dictionaries equal but for the given keys. */
function differsOnlyIn(before: PDFDict, after: PDFDict, keys: Set<string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()].map((k) => k.decodeText()));
  return [...names].filter((k) => !keys.has(k) && str(before.get(PDFName.of(k))) !== str(after.get(PDFName.of(k))));
}

function judgeChanged(file: PdfFile, num: number, r: number, allowed: Allowed): string | null {
  const before = file.object(num, r - 1);
  const after = file.object(num, r);
  const fields = (a: PDFObject | undefined) => file.array(a, r);
  if (num === allowed.catalog && before instanceof PDFDict && after instanceof PDFDict) {
    const bad = differsOnlyIn(before, after, CATALOG_MAY_CHANGE);
    if (bad.length) return `catalog: /${bad.join(', /')} changed`;
    const acroBefore = before.get(PDFName.of('AcroForm'));
    const acroAfter = after.get(PDFName.of('AcroForm'));
    if (acroBefore instanceof PDFDict && acroAfter instanceof PDFDict) return judgeAcroForm(file, acroBefore, acroAfter, r, allowed);
    if (acroBefore && str(acroBefore) !== str(acroAfter)) return 'catalog: /AcroForm replaced';
    return null;
  }
  if (num === allowed.acroForm && before instanceof PDFDict && after instanceof PDFDict) return judgeAcroForm(file, before, after, r, allowed);
  if ((num === allowed.fieldsArray && before instanceof PDFArray) || (allowed.annotArrays.has(num) && before instanceof PDFArray)) {
    return onlyAppended(before as PDFArray, fields(after), allowed.sigFields) ? null : `array ${num}: changed, not only signature fields added`;
  }
  if (allowed.pages.has(num) && before instanceof PDFDict && after instanceof PDFDict) {
    const bad = differsOnlyIn(before, after, new Set(['Annots']));
    if (bad.length) return `page ${num}: /${bad.join(', /')} changed`;
    const annotsBefore = before.get(PDFName.of('Annots'));
    if (annotsBefore instanceof PDFRef && str(annotsBefore) !== str(after.get(PDFName.of('Annots')))) return `page ${num}: /Annots replaced`;
    if (annotsBefore instanceof PDFRef) return null;
    return onlyAppended(file.array(annotsBefore, r - 1), file.array(after.get(PDFName.of('Annots')), r), allowed.sigFields) ? null : `page ${num}: annotations changed`;
  }
  if (allowed.validation.has(num)) return judgeValidation(after);
  if (allowed.sigFields.has(num) && before instanceof PDFDict && after instanceof PDFDict && !before.get(PDFName.of('V'))) {
    const bad = differsOnlyIn(before, after, new Set(['V']));
    return bad.length ? `field ${num}: /${bad.join(', /')} changed` : null;
  }
  return `object ${num}: changed after signing`;
}

function judgeAcroForm(file: PdfFile, before: PDFDict, after: PDFDict, r: number, allowed: Allowed): string | null {
  const bad = differsOnlyIn(before, after, ACROFORM_MAY_CHANGE);
  if (bad.length) return `AcroForm: /${bad.join(', /')} changed`;
  const fb = before.get(PDFName.of('Fields'));
  const fa = after.get(PDFName.of('Fields'));
  if (fb instanceof PDFRef) return str(fb) === str(fa) ? null : 'AcroForm: /Fields replaced';
  return onlyAppended(file.array(fb, r - 1), file.array(fa, r), allowed.sigFields) ? null : 'AcroForm: fields changed, not only signature fields added';
}

function judgeValidation(after: PDFObject | undefined): string | null {
  if (after instanceof PDFDict && after.get(PDFName.of('Type')) === PDFName.of('DSS')) {
    const extra = after.keys().map((k) => k.decodeText()).filter((k) => !DSS_KEYS.has(k));
    return extra.length ? `DSS: unexpected /${extra.join(', /')}` : null;
  }
  return null;
}

/** Judges every revision after the first one a signature covers. */
export function judgeChanges(file: PdfFile, firstSignedRevision: number | null): ChangeVerdict {
  const problems: string[] = [];
  if (firstSignedRevision === null) return { allowed: true, problems };
  const firstTrailer = file.trailer(firstSignedRevision);
  for (let r = firstSignedRevision + 1; r <= file.last; r++) {
    const allowed = allowedAt(file, r);
    const trailer = file.trailer(r);
    for (const key of ['Root', 'Info', 'Encrypt']) {
      if (str(trailer.get(PDFName.of(key))) !== str(firstTrailer.get(PDFName.of(key)))) problems.push(`revision ${r + 1}: trailer /${key} changed`);
    }
    const idBefore = file.array(firstTrailer.get(PDFName.of('ID')), r)?.get(0);
    const idAfter = file.array(trailer.get(PDFName.of('ID')), r)?.get(0);
    if (str(idBefore) !== str(idAfter)) problems.push(`revision ${r + 1}: trailer /ID changed`);
    for (const [num, entry] of file.revisions[r]!.entries) {
      if (num === 0 && !entry.inUse) continue;
      if (!entry.inUse) {
        problems.push(`revision ${r + 1}: object ${num} deleted`);
        continue;
      }
      const existed = file.definedIn(num, r - 1) !== undefined;
      if (!existed) {
        const known = allowed.sigDicts.has(num) || allowed.sigFields.has(num) || allowed.validation.has(num) || num === allowed.acroForm || num === allowed.fieldsArray || allowed.annotArrays.has(num);
        if (!known) problems.push(`revision ${r + 1}: object ${num} added that is not a signature or validation data`);
        continue;
      }
      const problem = judgeChanged(file, num, r, allowed);
      if (problem) problems.push(`revision ${r + 1}: ${problem}`);
    }
  }
  return { allowed: problems.length === 0, problems };
}

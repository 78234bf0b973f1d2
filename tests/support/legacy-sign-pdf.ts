import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import { SUBFILTER_ADOBE_PKCS7_DETACHED } from '@signpdf/utils';
import { PDFDocument } from 'pdf-lib';
import { toAscii } from '../../shared/report/ascii';
import { openP12, SigningError } from '../../node-shared/signing/certificate';

export interface SignatureMetadata {
  reason: string;
  location: string;
  name: string;
  contactInfo?: string;
}

/** Room for a CMS signature with a 4096-bit key and a chain of a few certificates. */
const SIGNATURE_LENGTH = 16_384;

/**
 * How the app signed up to the single-signer version (adbe.pkcs7.detached, one revision rewritten
 * by pdf-lib): kept for tests that check such reports, already at the hub and on laptops, still
 * verify. Signs a PDF (adbe.pkcs7.detached) with a PKCS#12 certificate. The placeholder is added by
 * pdf-lib, whose output passes `qpdf --check`; the metadata is written in ASCII.
 */
export async function legacySignPdf(pdf: Uint8Array, p12: Uint8Array, passphrase: string, meta: SignatureMetadata, signingTime = new Date()): Promise<Uint8Array> {
  const { certificate } = openP12(p12, passphrase);
  if (signingTime < certificate.validity.notBefore || signingTime > certificate.validity.notAfter) throw new SigningError('err.sign.expired');
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: toAscii(meta.reason),
    location: toAscii(meta.location),
    name: toAscii(meta.name),
    contactInfo: toAscii(meta.contactInfo ?? ''),
    signingTime,
    signatureLength: SIGNATURE_LENGTH,
    subFilter: SUBFILTER_ADOBE_PKCS7_DETACHED,
    appName: 'congvu',
  });
  const withPlaceholder = await doc.save({ useObjectStreams: false });
  try {
    const signed = await new SignPdf().sign(Buffer.from(withPlaceholder), new P12Signer(Buffer.from(p12), { passphrase }), signingTime);
    return new Uint8Array(signed);
  } catch {
    throw new SigningError('err.sign.failed');
  }
}

import { readFile, stat } from 'node:fs/promises';
import type { BrowserWindow, Dialog } from 'electron';
import { sha256HexSync } from '@shared/hash/sha256-sync';
import type { SigningImportResult, SigningSignRequest, SigningSignResult, SigningStatus } from '@shared/ipc/signing-schemas';
import type { ExternalSigner } from '@shared/pdf-signature/external-signer';
import { SigningError } from '../../../node-shared/signing/certificate';
import { signDocument } from '../../../node-shared/signing/sign-document';
import { checkRecordToSign } from '../signing/record-guard';
import { readCertificate } from '../signing/certificate-summary';
import type { KeyStore } from '../signing/key-store';
import type { SigningBackends } from '../signing/backends';
import type { SigningSettingsStore } from '../signing/settings-store';
import type { TrustStore } from '../signing/trust-store';
import { writeFileDurably } from './files-save';

const MAX_P12_BYTES = 1024 * 1024;

export interface SigningContext {
  keys: KeyStore;
  settings: SigningSettingsStore;
  trust: TrustStore;
  backends: SigningBackends;
}

export async function signingStatus(store: KeyStore): Promise<SigningStatus> {
  const availability = store.availability();
  const certificate = await store.certificate();
  return availability.available ? { available: true, certificate } : { ...availability, certificate };
}

/** Main opens the file itself: the renderer never sees the PKCS#12 bytes. */
export async function importCertificate(store: KeyStore, dialog: Pick<Dialog, 'showOpenDialog'>, window: BrowserWindow | null, passphrase: string): Promise<SigningImportResult> {
  if (!store.availability().available) throw new SigningError('err.sign.insecureStorage');
  const options = { title: 'Chọn chứng thư số (.p12, .pfx)', properties: ['openFile' as const], filters: [{ name: 'PKCS#12', extensions: ['p12', 'pfx'] }] };
  const choice = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  const path = choice.filePaths[0];
  if (choice.canceled || !path) return { imported: false };
  if ((await stat(path)).size > MAX_P12_BYTES) throw new SigningError('err.sign.notP12');
  const certificate = await store.import(new Uint8Array(await readFile(path)), passphrase);
  return { imported: true, certificate };
}

interface OpenSigner {
  signer: ExternalSigner;
  subject: string;
  notBefore: Date;
  notAfter: Date;
  close(): void;
}

/** The way this computer signs, opened with the PIN or passphrase for one signature. */
async function openSigner(context: SigningContext, secret: string): Promise<OpenSigner> {
  const settings = await context.settings.read();
  if (settings.method === 'p12') {
    if (!(await context.keys.certificate())) throw new SigningError('err.sign.noMethod');
    const signer = await context.keys.signer(secret);
    // Named from the certificate itself, read by Node's X.509 parser (Vietnamese names intact).
    const subject = readCertificate(signer.certificate)?.summary.subject ?? '';
    return { signer, subject, notBefore: signer.notBefore, notAfter: signer.notAfter, close: () => undefined };
  }
  const { modulePath, tokenSerial, tokenLabel, certId } = settings.pkcs11;
  if (!modulePath || !certId) throw new SigningError('err.sign.noMethod');
  const opened = await context.backends.openTokenSigner({ modulePath, tokenSerial: tokenSerial ?? undefined, tokenLabel: tokenLabel ?? undefined, certId, pin: secret });
  return { signer: opened.signer, subject: opened.certificate.subject, notBefore: new Date(opened.certificate.notBefore), notAfter: new Date(opened.certificate.notAfter), close: () => opened.close() };
}

/**
 * Adds the next signer's signature to the record's PDF, then offers to save a copy; the signed
 * bytes go back to be stored with the inspection. The PIN or passphrase is used for this signature
 * only: never stored, logged or returned, and the token session is closed whatever happens.
 */
export async function signAndSave(context: SigningContext, dialog: Pick<Dialog, 'showSaveDialog'>, window: BrowserWindow | null, request: SigningSignRequest): Promise<SigningSignResult> {
  const folder = await context.backends.loadTrustFolder(context.trust.dir);
  // Earlier signatures must be intact; whether their signers are trusted is the reader's verdict, not a bar to signing.
  const { meta, certify } = checkRecordToSign(request.pdf, request.record, request.role, (pdf) => context.backends.verifyDocument(pdf, {}));
  const anchors = [...folder.anchors, ...folder.intermediates];
  const settings = await context.settings.read();
  const opened = await openSigner(context, request.secret);
  let result;
  try {
    const now = new Date();
    if (now < opened.notBefore || now > opened.notAfter) throw new SigningError('err.sign.expired');
    result = await signDocument(request.pdf, {
      signer: opened.signer,
      meta,
      certify,
      signingTime: now,
      timestamp: settings.tsaUrl ? context.backends.timestamper(settings.tsaUrl) : undefined,
      validationData: (chain) => context.backends.fetchValidationData(chain),
      anchors,
    });
  } finally {
    opened.close();
  }
  const options = { defaultPath: request.suggestedName, filters: [{ name: 'PDF', extensions: ['pdf'] }] };
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  let fileName: string | null = null;
  if (!choice.canceled && choice.filePath) {
    await writeFileDurably(choice.filePath, result.pdf);
    fileName = choice.filePath;
  }
  return {
    pdf: result.pdf,
    sha256: sha256HexSync(result.pdf),
    fileName,
    signer: opened.subject,
    role: request.role,
    timestamped: result.timestamped,
    timestampError: settings.tsaUrl ? result.timestampError : null,
    validationDataEmbedded: result.validationDataEmbedded,
  };
}

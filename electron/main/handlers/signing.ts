import { readFile, stat } from 'node:fs/promises';
import type { BrowserWindow, Dialog } from 'electron';
import { sha256HexSync } from '@shared/hash/sha256-sync';
import type { SigningImportResult, SigningSignRequest, SigningSignResult, SigningStatus } from '@shared/ipc/signing-schemas';
import { SigningError } from '../../../node-shared/signing/certificate';
import { checkRecordToSign } from '../signing/record-guard';
import type { KeyStore } from '../signing/key-store';
import { writeFileDurably } from './files-save';

const MAX_P12_BYTES = 1024 * 1024;

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

/** Signs, then offers to save a copy; the signed bytes go back to be stored with the inspection. */
export async function signAndSave(store: KeyStore, dialog: Pick<Dialog, 'showSaveDialog'>, window: BrowserWindow | null, request: SigningSignRequest): Promise<SigningSignResult> {
  const { meta } = checkRecordToSign(request.pdf, request.record);
  const pdf = await store.sign(request.pdf, request.passphrase, meta);
  const certificate = await store.certificate();
  const options = { defaultPath: request.suggestedName, filters: [{ name: 'PDF', extensions: ['pdf'] }] };
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  let fileName: string | null = null;
  if (!choice.canceled && choice.filePath) {
    await writeFileDurably(choice.filePath, pdf);
    fileName = choice.filePath;
  }
  return { pdf, sha256: sha256HexSync(pdf), fileName, signer: certificate?.subject ?? '' };
}

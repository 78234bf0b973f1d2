import type { BrowserWindow, Dialog } from 'electron';
import { sha256HexSync } from '@shared/hash/sha256-sync';
import type {
  InstalledModule,
  SigningChooseModuleResult,
  SigningSettings,
  SigningSettingsUpdate,
  SigningTimestampResult,
  SigningTrustAddResult,
  TokenInfo,
  TrustedRoot,
} from '@shared/ipc/signing-schemas';
import type { DocumentVerdict } from '@shared/pdf-signature/verdict';
import { SigningError } from '../../../node-shared/signing/certificate';
import { addDocumentTimestamp } from '../../../node-shared/signing/sign-document';
import type { SigningContext } from './signing';

type OpenDialog = Pick<Dialog, 'showOpenDialog'>;

export const getSigningSettings = (context: SigningContext): Promise<SigningSettings> => context.settings.read();

export const setSigningSettings = (context: SigningContext, change: SigningSettingsUpdate): Promise<SigningSettings> => context.settings.update(change);

export const installedModules = (context: SigningContext): Promise<InstalledModule[]> => context.backends.installedModules();

/**
 * Sets the token's library: one of the known driver paths found here (checked against main's own
 * list, not taken on the page's word), or a file the user picks in the native dialog.
 */
export async function chooseModule(context: SigningContext, dialog: OpenDialog, window: BrowserWindow | null, known: string | null): Promise<SigningChooseModuleResult> {
  if (known !== null) {
    const found = (await context.backends.installedModules()).find((m) => m.path === known);
    if (!found) throw new SigningError('err.sign.moduleNotKnown');
    return { chosen: true, settings: await context.settings.setModulePath(found.path) };
  }
  const options = {
    title: 'Chọn thư viện PKCS#11 của USB token',
    properties: ['openFile' as const],
    filters: [{ name: 'PKCS#11', extensions: ['dll', 'so', 'dylib'] }],
  };
  const choice = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  const path = choice.filePaths[0];
  if (choice.canceled || !path) return { chosen: false };
  return { chosen: true, settings: await context.settings.setModulePath(path) };
}

/** The tokens on the chosen library and their certificates, without the certificates' bytes. */
export async function listTokens(context: SigningContext): Promise<TokenInfo[]> {
  const { modulePath } = (await context.settings.read()).pkcs11;
  if (!modulePath) throw new SigningError('err.sign.noMethod');
  const tokens = await context.backends.listTokens(modulePath);
  return tokens.map((t) => ({
    slotIndex: t.slotIndex,
    label: t.label,
    serial: t.serial,
    manufacturer: t.manufacturer,
    model: t.model,
    certificates: t.certificates.map((c) => ({ id: c.id, label: c.label, summary: c.summary, canSign: c.canSign })),
  }));
}

export async function listTrusted(context: SigningContext): Promise<TrustedRoot[]> {
  return (await context.trust.list()).map(({ fileName, summary }) => ({ fileName, summary }));
}

/** The user picks root certificates in the native dialog; main copies in those that are certificates. */
export async function addTrusted(context: SigningContext, dialog: OpenDialog, window: BrowserWindow | null): Promise<SigningTrustAddResult> {
  const options = {
    title: 'Chọn chứng thư gốc tin cậy',
    properties: ['openFile' as const, 'multiSelections' as const],
    filters: [{ name: 'Chứng thư số', extensions: ['cer', 'crt', 'der', 'pem'] }],
  };
  const choice = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  if (choice.canceled) return { added: [], refused: [] };
  return context.trust.add(choice.filePaths.slice(0, 50));
}

export const removeTrusted = (context: SigningContext, fileName: string): Promise<void> => context.trust.remove(fileName);

/** Verifies a PDF against the trust folder, with revocation data fetched when online. */
export async function verifyPdf(context: SigningContext, pdf: Uint8Array): Promise<DocumentVerdict> {
  const folder = await context.backends.loadTrustFolder(context.trust.dir);
  return context.backends.verifyOnline(pdf, { anchors: folder.anchors, intermediates: folder.intermediates });
}

/** A document time-stamp over the file as it is, for a signature made offline. */
export async function timestampPdf(context: SigningContext, pdf: Uint8Array): Promise<SigningTimestampResult> {
  const { tsaUrl } = await context.settings.read();
  if (!tsaUrl) throw new SigningError('err.sign.tsaUnreachable');
  const stamped = await addDocumentTimestamp(pdf, context.backends.timestamper(tsaUrl));
  return { pdf: stamped, sha256: sha256HexSync(stamped) };
}

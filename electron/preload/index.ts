import { contextBridge, ipcRenderer } from 'electron';
import { IpcChannels } from '@shared/ipc/channels';
import type { AppInfo, FilesSaveRequest, FilesSaveResult } from '@shared/ipc/schemas';
import type { StorageKeyOpenRequest, StorageKeyOpenResult } from '@shared/ipc/storage-key-schemas';
import type {
  InstalledModule,
  SigningChooseModuleResult,
  SigningImportResult,
  SigningSettings,
  SigningSettingsUpdate,
  SigningSignRequest,
  SigningSignResult,
  SigningStatus,
  SigningTimestampResult,
  SigningTrustAddResult,
  TokenInfo,
  TrustedRoot,
} from '@shared/ipc/signing-schemas';
import type { DocumentVerdict } from '@shared/pdf-signature/verdict';

/**
 * The whole surface the renderer gets from main: one object, one function per channel. No raw
 * ipcRenderer, no generic send; main validates every argument again.
 */
export const api = {
  app: {
    info: (): Promise<AppInfo> => ipcRenderer.invoke(IpcChannels.appInfo),
  },
  files: {
    save: (request: FilesSaveRequest): Promise<FilesSaveResult> => ipcRenderer.invoke(IpcChannels.filesSave, request),
  },
  /** Digital signatures with a certificate file or a USB token; the key itself never leaves main (or the token). */
  signing: {
    status: (): Promise<SigningStatus> => ipcRenderer.invoke(IpcChannels.signingStatus),
    importCertificate: (passphrase: string): Promise<SigningImportResult> => ipcRenderer.invoke(IpcChannels.signingImport, { passphrase }),
    remove: (): Promise<void> => ipcRenderer.invoke(IpcChannels.signingRemove),
    sign: (request: SigningSignRequest): Promise<SigningSignResult> => ipcRenderer.invoke(IpcChannels.signingSign, request),
    settings: (): Promise<SigningSettings> => ipcRenderer.invoke(IpcChannels.signingSettingsGet),
    setSettings: (change: SigningSettingsUpdate): Promise<SigningSettings> => ipcRenderer.invoke(IpcChannels.signingSettingsSet, change),
    modules: (): Promise<InstalledModule[]> => ipcRenderer.invoke(IpcChannels.signingModules),
    /** A known driver path main checks against its list, or null for the native file dialog. */
    chooseModule: (known: string | null): Promise<SigningChooseModuleResult> => ipcRenderer.invoke(IpcChannels.signingChooseModule, { known }),
    tokens: (): Promise<TokenInfo[]> => ipcRenderer.invoke(IpcChannels.signingTokens),
    trusted: (): Promise<TrustedRoot[]> => ipcRenderer.invoke(IpcChannels.signingTrustList),
    addTrusted: (): Promise<SigningTrustAddResult> => ipcRenderer.invoke(IpcChannels.signingTrustAdd),
    removeTrusted: (fileName: string): Promise<void> => ipcRenderer.invoke(IpcChannels.signingTrustRemove, { fileName }),
    verify: (pdf: Uint8Array): Promise<DocumentVerdict> => ipcRenderer.invoke(IpcChannels.signingVerify, { pdf }),
    timestamp: (pdf: Uint8Array): Promise<SigningTimestampResult> => ipcRenderer.invoke(IpcChannels.signingTimestamp, { pdf }),
  },
  /** The at-rest data key (see shared/ipc/storage-key-schemas.ts), asked for once at start. */
  storageKey: {
    open: (request: StorageKeyOpenRequest): Promise<StorageKeyOpenResult> => ipcRenderer.invoke(IpcChannels.storageKeyOpen, request),
  },
} as const;

contextBridge.exposeInMainWorld('congvu', api);

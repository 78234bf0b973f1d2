import { contextBridge, ipcRenderer } from 'electron';
import { IpcChannels } from '@shared/ipc/channels';
import type { AppInfo, FilesSaveRequest, FilesSaveResult } from '@shared/ipc/schemas';
import type { StorageKeyOpenRequest, StorageKeyOpenResult } from '@shared/ipc/storage-key-schemas';
import type { SigningImportResult, SigningSignRequest, SigningSignResult, SigningStatus } from '@shared/ipc/signing-schemas';

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
  /** Digital signatures with the team lead's certificate; the key itself never leaves main. */
  signing: {
    status: (): Promise<SigningStatus> => ipcRenderer.invoke(IpcChannels.signingStatus),
    importCertificate: (passphrase: string): Promise<SigningImportResult> => ipcRenderer.invoke(IpcChannels.signingImport, { passphrase }),
    remove: (): Promise<void> => ipcRenderer.invoke(IpcChannels.signingRemove),
    sign: (request: SigningSignRequest): Promise<SigningSignResult> => ipcRenderer.invoke(IpcChannels.signingSign, request),
  },
  /** The at-rest data key (see shared/ipc/storage-key-schemas.ts), asked for once at start. */
  storageKey: {
    open: (request: StorageKeyOpenRequest): Promise<StorageKeyOpenResult> => ipcRenderer.invoke(IpcChannels.storageKeyOpen, request),
  },
} as const;

contextBridge.exposeInMainWorld('congvu', api);

import { contextBridge, ipcRenderer } from 'electron';
import { IpcChannels } from '@shared/ipc/channels';
import type { AppInfo, FilesSaveRequest, FilesSaveResult } from '@shared/ipc/schemas';

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
} as const;

contextBridge.exposeInMainWorld('congvu', api);

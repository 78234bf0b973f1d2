import { FORMAT_VERSION } from '@shared/format-version';
import { filesSaveRequestSchema, type AppInfo, type FilesSaveRequest, type FilesSaveResult } from '@shared/ipc/schemas';
import type { CongvuApi } from './bridge';

/**
 * The same surface as the preload bridge, for the browser build. Saving hands the file to the
 * browser's downloads (the browser, not the app, chooses the folder); nothing pretends to be the
 * desktop app.
 */
const desktopOnly = async (): Promise<never> => {
  throw new Error('err.sign.desktopOnly');
};

export const browserBridge: CongvuApi = {
  app: {
    info: async (): Promise<AppInfo> => ({
      name: 'congvu',
      version: __APP_VERSION__,
      runtime: 'browser',
      platform: navigator.userAgent,
      formatVersion: FORMAT_VERSION,
      dataDir: null,
    }),
  },
  files: {
    save: async (request: FilesSaveRequest): Promise<FilesSaveResult> => {
      const [valid] = filesSaveRequestSchema.parse([request]);
      const url = URL.createObjectURL(new Blob([valid.data as Uint8Array<ArrayBuffer>]));
      try {
        const a = document.createElement('a');
        a.href = url;
        a.download = valid.suggestedName;
        a.rel = 'noopener';
        a.click();
      } finally {
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      }
      return { saved: true, fileName: valid.suggestedName };
    },
  },
  /**
   * A browser has no safe place for a private key and no access to one in the OS keyring: signing
   * is a desktop-app feature, and the browser build says so instead of pretending.
   */
  signing: {
    status: async () => ({ available: false, reason: 'desktop-only', certificate: null }),
    importCertificate: async () => {
      throw new Error('err.sign.desktopOnly');
    },
    remove: async () => undefined,
    sign: desktopOnly,
    settings: desktopOnly,
    setSettings: desktopOnly,
    modules: desktopOnly,
    chooseModule: desktopOnly,
    tokens: desktopOnly,
    // The browser keeps no trust folder: nothing is trusted here.
    trusted: async () => [],
    addTrusted: desktopOnly,
    removeTrusted: desktopOnly,
    verify: desktopOnly,
    timestamp: desktopOnly,
  },
  /**
   * The browser build has no OS keyring to reach: its data key is a non-extractable CryptoKey kept
   * by the browser itself (renderer/src/db), not one handed over by main.
   */
  storageKey: {
    open: async () => ({ ok: false, code: 'unavailable' }),
  },
};

import type { BrowserContext } from 'playwright-core';
import { signAndSave, signingStatus, type SigningContext } from '../../electron/main/handlers/signing';
import { getSigningSettings, listTrusted, timestampPdf, verifyPdf } from '../../electron/main/handlers/signing-setup';
import type { SigningSignRequest } from '../../shared/ipc/signing-schemas';
import { signingSignRequestSchema } from '../../shared/ipc/signing-schemas';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/**
 * What the preload gives the page in the desktop app, for the browser build under test: the
 * signing calls go to main's real handlers in this process (the same code Electron runs, parsed
 * with the same schemas), bytes carried as base64. `online` switches the time-stamp queue's calls
 * off, as a laptop without network would fail them; `lastPdf` is the last file main handed back.
 */
export async function installMainBridge(browser: BrowserContext, context: SigningContext, state: { online: boolean; lastPdf?: Uint8Array }): Promise<void> {
  const noSave = { showSaveDialog: async () => ({ canceled: true, filePath: undefined }) } as never;
  await browser.exposeBinding('__congvuMain', async (_source, channel: string, payload: string) => {
    const args = JSON.parse(payload) as Record<string, unknown>;
    switch (channel) {
      case 'status':
        return JSON.stringify(await signingStatus(context.keys));
      case 'settings':
        return JSON.stringify(await getSigningSettings(context));
      case 'trusted':
        return JSON.stringify(await listTrusted(context));
      case 'sign': {
        const [request] = signingSignRequestSchema.parse([{ ...args, pdf: bytes(args['pdf'] as string) }]) as [SigningSignRequest];
        const result = await signAndSave(context, noSave, null, request);
        state.lastPdf = result.pdf;
        return JSON.stringify({ ...result, pdf: b64(result.pdf) });
      }
      case 'timestamp': {
        if (!state.online) throw new Error('err.sign.tsaUnreachable');
        const result = await timestampPdf(context, bytes(args['pdf'] as string));
        state.lastPdf = result.pdf;
        return JSON.stringify({ ...result, pdf: b64(result.pdf) });
      }
      case 'verify':
        return JSON.stringify(await verifyPdf(context, bytes(args['pdf'] as string)));
      default:
        throw new Error(`unknown channel ${channel}`);
    }
  });
  await browser.addInitScript(`(() => {
    const call = async (channel, payload) => {
      try {
        return JSON.parse(await window.__congvuMain(channel, JSON.stringify(payload ?? {})));
      } catch (error) {
        const key = /err\\.[A-Za-z0-9.]+[A-Za-z0-9]/.exec(String(error && error.message))?.[0] ?? String(error);
        throw new Error(key);
      }
    };
    const toB64 = (u8) => { let s = ''; for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode.apply(null, u8.subarray(i, i + 0x8000)); return btoa(s); };
    const fromB64 = (t) => Uint8Array.from(atob(t), (c) => c.charCodeAt(0));
    const desktopOnly = async () => { throw new Error('err.sign.desktopOnly'); };
    window.congvu = {
      app: { info: async () => ({ name: 'congvu', version: 'test', runtime: 'electron', platform: 'linux', formatVersion: 1, dataDir: null }) },
      files: { save: async (request) => ({ saved: true, fileName: request.suggestedName }) },
      signing: {
        status: () => call('status'),
        importCertificate: desktopOnly,
        remove: desktopOnly,
        sign: async (request) => { const r = await call('sign', { ...request, pdf: toB64(request.pdf) }); return { ...r, pdf: fromB64(r.pdf) }; },
        settings: () => call('settings'),
        setSettings: desktopOnly,
        modules: async () => [],
        chooseModule: desktopOnly,
        tokens: desktopOnly,
        trusted: () => call('trusted'),
        addTrusted: desktopOnly,
        removeTrusted: desktopOnly,
        verify: (pdf) => call('verify', { pdf: toB64(pdf) }),
        timestamp: async (pdf) => { const r = await call('timestamp', { pdf: toB64(pdf) }); return { ...r, pdf: fromB64(r.pdf) }; },
      },
      storageKey: { open: async () => ({ ok: false, code: 'unavailable' }) },
    };
  })();`);
}

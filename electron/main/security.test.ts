import { describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN } from './app-origin';
import {
  applyContentsSecurity,
  applySessionSecurity,
  CONTENT_SECURITY_POLICY,
  isPermissionAllowed,
  secureWebPreferences,
  trustedOrigins,
} from './security';

const directives = (csp: string) =>
  new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

describe('webPreferences', () => {
  it('isolate and sandbox the renderer with Node off', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/out/preload/index.cjs',
      devTools: false,
    });
  });
});

describe('Content-Security-Policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);
  it("allows scripts only from 'self': no inline, no eval", () => {
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval/);
  });
  it('denies by default and blocks plugins, base and framing', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });
  it('frames only blob: URLs (the PDF preview the app made itself)', () => {
    expect(csp.get('frame-src')).toEqual(['blob:']);
  });
});

describe('navigation and new windows', () => {
  function fakeContents() {
    const listeners = new Map<string, (event: { preventDefault: () => void }) => void>();
    let openHandler: (() => { action: string }) | undefined;
    return {
      on: vi.fn((name: string, fn: (event: { preventDefault: () => void }) => void) => listeners.set(name, fn)),
      setWindowOpenHandler: vi.fn((fn: () => { action: string }) => (openHandler = fn)),
      fire(name: string) {
        const event = { preventDefault: vi.fn() };
        listeners.get(name)?.(event);
        return event;
      },
      open: () => openHandler?.(),
    };
  }

  it('prevents every navigation, redirect and webview, and denies window.open', () => {
    const contents = fakeContents();
    applyContentsSecurity(contents as never);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      expect(contents.fire(name).preventDefault, name).toHaveBeenCalledOnce();
    }
    expect(contents.open()).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  const trusted = trustedOrigins(undefined);
  it('grants only the camera and persistent storage, only to the app', () => {
    expect(isPermissionAllowed('media', `${APP_ORIGIN}/index.html`, ['video'], trusted)).toBe(true);
    expect(isPermissionAllowed('media', `${APP_ORIGIN}/index.html`, ['audio'], trusted)).toBe(false);
    expect(isPermissionAllowed('media', `${APP_ORIGIN}/index.html`, ['video', 'audio'], trusted)).toBe(false);
    expect(isPermissionAllowed('media', `${APP_ORIGIN}/index.html`, [], trusted)).toBe(false);
    expect(isPermissionAllowed('media', 'https://evil.example/x', ['video'], trusted)).toBe(false);
    expect(isPermissionAllowed('persistent-storage', `${APP_ORIGIN}/index.html`, undefined, trusted)).toBe(true);
    expect(isPermissionAllowed('persistent-storage', 'https://evil.example/', undefined, trusted)).toBe(false);
    for (const p of ['geolocation', 'notifications', 'clipboard-read', 'openExternal', 'midi', 'fullscreen']) {
      expect(isPermissionAllowed(p, `${APP_ORIGIN}/index.html`, undefined, trusted), p).toBe(false);
    }
  });

  it('are wired into the session request, check and device handlers, and downloads are refused', () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      on: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
    };
    applySessionSecurity(session as never, trusted);
    const request = session.setPermissionRequestHandler.mock.calls[0]![0];
    const answers: boolean[] = [];
    request(null, 'media', (ok: boolean) => answers.push(ok), { requestingUrl: `${APP_ORIGIN}/`, mediaTypes: ['video'] });
    request(null, 'geolocation', (ok: boolean) => answers.push(ok), { requestingUrl: `${APP_ORIGIN}/` });
    request(null, 'media', (ok: boolean) => answers.push(ok), { requestingUrl: 'https://x.example/', mediaTypes: ['video'] });
    expect(answers).toEqual([true, false, false]);
    const check = session.setPermissionCheckHandler.mock.calls[0]![0];
    expect(check(null, 'media', APP_ORIGIN, { mediaType: 'video' })).toBe(true);
    expect(check(null, 'media', APP_ORIGIN, { mediaType: 'audio' })).toBe(false);
    expect(check(null, 'notifications', APP_ORIGIN, {})).toBe(false);
    expect(session.setDevicePermissionHandler.mock.calls[0]![0]()).toBe(false);
    const [eventName, onDownload] = session.on.mock.calls[0]!;
    expect(eventName).toBe('will-download');
    const event = { preventDefault: vi.fn() };
    onDownload(event);
    expect(event.preventDefault).toHaveBeenCalled();
    // Production pages get their CSP from the protocol handler, not from a header rewrite.
    expect(session.webRequest.onHeadersReceived).not.toHaveBeenCalled();
  });
});

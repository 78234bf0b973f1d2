import type { Session, WebContents, WebPreferences } from 'electron';
import { APP_ORIGIN } from './app-origin';
import { CONTENT_SECURITY_POLICY } from '../../node-shared/http/content-security-policy';

export { CONTENT_SECURITY_POLICY };

/** webPreferences for every window: renderer isolated and sandboxed, no Node, only the preload bridge. */
/** `devTools`: only in a development run; a packaged app cannot open them at all. */
export function secureWebPreferences(preloadPath: string, devTools = false): WebPreferences {
  return {
    preload: preloadPath,
    devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    // Chromium's built-in PDF viewer, for the record preview; Electron loads no other plugins.
    plugins: true,
  };
}


/** The development server needs inline styles and its HMR socket; nothing else is relaxed. */
export function developmentCsp(devOrigin: string): string {
  const ws = devOrigin.replace(/^http/, 'ws');
  return CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    `connect-src 'self' ${ws}`,
  );
}

/** Origins whose pages may use the bridge and ask for permissions. */
export function trustedOrigins(devServerUrl: string | undefined): ReadonlySet<string> {
  const origins = new Set([APP_ORIGIN]);
  if (devServerUrl) origins.add(new URL(devServerUrl).origin);
  return origins;
}

export function originOf(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    // Custom schemes report origin "null" in WHATWG URL; rebuild it from scheme and host.
    return u.origin === 'null' ? `${u.protocol}//${u.host}` : u.origin;
  } catch {
    return null;
  }
}

/**
 * The permissions the app asks for: the camera, to photograph evidence, and persistent storage,
 * so the browser engine never evicts inspection data under disk pressure.
 */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string | undefined,
  mediaTypes: ReadonlyArray<string> | undefined,
  trusted: ReadonlySet<string>,
): boolean {
  const origin = originOf(requestingUrl);
  if (origin === null || !trusted.has(origin)) return false;
  if (permission === 'persistent-storage') return true;
  if (permission !== 'media') return false;
  // No microphone: photos only. A request without media types would be a blanket grant.
  return mediaTypes !== undefined && mediaTypes.length > 0 && mediaTypes.every((t) => t === 'video');
}

/** Permission, device and CSP rules for the app's session. */
export function applySessionSecurity(session: Session, trusted: ReadonlySet<string>, devServerUrl?: string): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(isPermissionAllowed(permission, details.requestingUrl, mediaTypes, trusted));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    const mediaType = 'mediaType' in details ? details.mediaType : undefined;
    return isPermissionAllowed(permission, requestingOrigin, mediaType ? [mediaType] : undefined, trusted);
  });
  // USB, serial, HID and Bluetooth devices are never offered to the page.
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
  if (devServerUrl) {
    const devOrigin = new URL(devServerUrl).origin;
    const csp = developmentCsp(devOrigin);
    session.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
    });
  }
}

/**
 * Navigation rules for every web contents: the app is a single page and never leaves it, opens no
 * windows and embeds no webviews. Links to the outside world are not followed.
 */
export function applyContentsSecurity(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

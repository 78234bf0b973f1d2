import { describe, expect, it, vi } from 'vitest';
import { IpcChannels } from '@shared/ipc/channels';

// The Electron binary is not needed to check how main wires the app together: the electron module
// is replaced with recording fakes, and the real main entry is imported.
const h = vi.hoisted(() => {
  const windows: Array<{ options: { webPreferences: Record<string, unknown> }; url?: string }> = [];
  let ready: () => void = () => undefined;
  const whenReady = new Promise<void>((r) => (ready = r));
  const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
  class BrowserWindow {
    webContents = contents;
    constructor(public options: { webPreferences: Record<string, unknown> }) {
      windows.push(this);
    }
    once = vi.fn();
    show = vi.fn();
    loadURL = vi.fn(async function (this: { url?: string }, url: string) {
      this.url = url;
    });
    static getAllWindows = () => windows;
    static getFocusedWindow = () => null;
  }
  return {
    windows,
    ready: () => ready(),
    electron: {
      app: {
        setPath: vi.fn(),
        getPath: vi.fn((name: string) => (name === 'appData' ? '/home/u/.config' : `/x/${name}`)),
        requestSingleInstanceLock: vi.fn(() => true),
        quit: vi.fn(),
        on: vi.fn(),
        isPackaged: true,
        whenReady: () => whenReady,
        getName: () => 'congvu',
        getVersion: () => '0.1.0',
      },
      BrowserWindow,
      Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((template: unknown[]) => ({ template })) },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      ipcMain: { handle: vi.fn() },
      dialog: { showSaveDialog: vi.fn(), showOpenDialog: vi.fn() },
      safeStorage: { isEncryptionAvailable: () => false, encryptString: vi.fn(), decryptString: vi.fn() },
      session: {
        defaultSession: {
          setPermissionRequestHandler: vi.fn(),
          setPermissionCheckHandler: vi.fn(),
          setDevicePermissionHandler: vi.fn(),
          on: vi.fn(),
          webRequest: { onHeadersReceived: vi.fn() },
        },
      },
    },
  };
});

vi.mock('electron', () => ({ ...h.electron, default: h.electron }));

describe('main process entry', () => {
  it('pins userData, registers the secure scheme and applies rules before any window exists', async () => {
    await import('./index');
    const { app, protocol } = h.electron;
    expect(app.setPath).toHaveBeenCalledWith('userData', '/home/u/.config/congvu');
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'congvu', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(app.on).toHaveBeenCalledWith('web-contents-created', expect.any(Function));
    expect(h.windows).toHaveLength(0);
  });

  it('once ready: serves congvu://, secures the session, registers every IPC channel, opens a sandboxed window', async () => {
    h.ready();
    await vi.waitFor(() => expect(h.windows).toHaveLength(1));
    const { protocol, ipcMain, session } = h.electron;
    expect(protocol.handle).toHaveBeenCalledWith('congvu', expect.any(Function));
    expect(session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(session.defaultSession.setDevicePermissionHandler).toHaveBeenCalled();
    expect(ipcMain.handle.mock.calls.map((c) => c[0]).sort()).toEqual(Object.values(IpcChannels).sort());
    const [window] = h.windows;
    expect(window!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false });
    // A packaged app's menu has no way to DevTools or a reload.
    const menu = h.electron.Menu.buildFromTemplate.mock.calls[0]![0] as Array<{ submenu?: Array<{ role?: string }> }>;
    expect(menu.flatMap((m) => m.submenu ?? []).map((i) => i.role)).not.toContain('toggleDevTools');
    expect(h.electron.Menu.setApplicationMenu).toHaveBeenCalled();
    expect(String(window!.options.webPreferences['preload'])).toMatch(/preload[\\/]index\.cjs$/);
    expect(window!.url).toBe('congvu://app/index.html');
  });
});

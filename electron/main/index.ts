import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import { IpcChannels } from '@shared/ipc/channels';
import { APP_ENTRY_URL, APP_SCHEME, USER_DATA_DIR_NAME } from './app-origin';
import { appInfo } from './handlers/app-info';
import { saveWithDialog } from './handlers/files-save';
import { importCertificate, signAndSave, signingStatus, type SigningContext } from './handlers/signing';
import { addTrusted, chooseModule, getSigningSettings, installedModules, listTokens, listTrusted, removeTrusted, setSigningSettings, timestampPdf, verifyPdf } from './handlers/signing-setup';
import { KeyStore } from './signing/key-store';
import { nodeSigningBackends } from './signing/node-backends';
import { SigningSettingsStore } from './signing/settings-store';
import { TrustStore } from './signing/trust-store';
import { StorageKeyStore } from './storage-key';
import { registerIpcHandlers } from './ipc';
import { createAppProtocolHandler } from './protocol';
import { applyContentsSecurity, applySessionSecurity, trustedOrigins } from './security';
import { createMainWindow } from './window';
import { applicationMenuTemplate } from './menu';

// Pinned before anything reads it: renaming the product must never move (and so lose) the data.
app.setPath('userData', join(app.getPath('appData'), USER_DATA_DIR_NAME));

protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true, stream: true },
  },
]);

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const trusted = trustedOrigins(devServerUrl);
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');
const entryUrl = devServerUrl ?? APP_ENTRY_URL;

// One instance: a second would open the same IndexedDB from another process; it hands over to us.
if (app.requestSingleInstanceLock()) start();
else app.quit();

function start(): void {
  app.on('web-contents-created', (_event, contents) => applyContentsSecurity(contents));

  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(() => {
    applySessionSecurity(session.defaultSession, trusted, devServerUrl);
    const about = () => void dialog.showMessageBox({ type: 'info', title: 'Giới thiệu', message: 'Kiểm tra công vụ', detail: `Phiên bản ${app.getVersion()}\nKiểm tra đột xuất việc thực thi công vụ.` });
    Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(app.isPackaged, about)));
    protocol.handle(APP_SCHEME, createAppProtocolHandler(join(import.meta.dirname, '../renderer')));
    const keys = new KeyStore(join(app.getPath('userData'), 'signing'), safeStorage);
    const signing: SigningContext = {
      keys,
      settings: new SigningSettingsStore(join(app.getPath('userData'), 'signing')),
      trust: new TrustStore(join(app.getPath('userData'), 'trust')),
      backends: nodeSigningBackends(),
    };
    const dataKey = new StorageKeyStore(join(app.getPath('userData'), 'storage'), safeStorage);
    const focused = () => BrowserWindow.getFocusedWindow();
    registerIpcHandlers(
      ipcMain,
      {
        [IpcChannels.appInfo]: () => appInfo(app),
        [IpcChannels.filesSave]: (request) => saveWithDialog(dialog, focused(), request),
        [IpcChannels.signingStatus]: () => signingStatus(keys),
        [IpcChannels.signingImport]: ({ passphrase }) => importCertificate(keys, dialog, focused(), passphrase),
        [IpcChannels.signingRemove]: () => keys.remove(),
        [IpcChannels.signingSign]: (request) => signAndSave(signing, dialog, focused(), request),
        [IpcChannels.signingSettingsGet]: () => getSigningSettings(signing),
        [IpcChannels.signingSettingsSet]: (change) => setSigningSettings(signing, change),
        [IpcChannels.signingModules]: () => installedModules(signing),
        [IpcChannels.signingChooseModule]: ({ known }) => chooseModule(signing, dialog, focused(), known),
        [IpcChannels.signingTokens]: () => listTokens(signing),
        [IpcChannels.signingTrustList]: () => listTrusted(signing),
        [IpcChannels.signingTrustAdd]: () => addTrusted(signing, dialog, focused()),
        [IpcChannels.signingTrustRemove]: ({ fileName }) => removeTrusted(signing, fileName),
        [IpcChannels.signingVerify]: ({ pdf }) => verifyPdf(signing, pdf),
        [IpcChannels.signingTimestamp]: ({ pdf }) => timestampPdf(signing, pdf),
        [IpcChannels.storageKeyOpen]: (request) => dataKey.open(request),
      },
      trusted,
    );
    createMainWindow(preloadPath, entryUrl);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(preloadPath, entryUrl);
    });
  });
}

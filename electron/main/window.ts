import { app, BrowserWindow } from 'electron';
import { applyContentsSecurity, secureWebPreferences } from './security';

export function createMainWindow(preloadPath: string, url: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Kiểm tra công vụ',
    backgroundColor: '#f6f7f9',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath, !app.isPackaged),
  });
  applyContentsSecurity(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(url);
  return window;
}

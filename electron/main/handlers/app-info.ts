import type { App } from 'electron';
import { FORMAT_VERSION } from '@shared/format-version';
import type { AppInfo } from '@shared/ipc/schemas';

export function appInfo(app: Pick<App, 'getName' | 'getVersion' | 'getPath'>): AppInfo {
  return {
    name: app.getName(),
    version: app.getVersion(),
    runtime: 'electron',
    platform: process.platform,
    formatVersion: FORMAT_VERSION,
    dataDir: app.getPath('userData'),
  };
}

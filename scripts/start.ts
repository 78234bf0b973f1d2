/**
 * `npm start`: builds the app and opens it in Electron (`npm run dev`: with the dev server). Electron 45 fetches its binary on first
 * use rather than at install, so that is done here, once; where it cannot be fetched, say so and
 * point to the browser build instead of failing with a bare stack trace.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { findElectronBinary } from './electron-binary';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const node = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;

let binary = findElectronBinary();
if ('missing' in binary) {
  console.log(`Electron: ${binary.missing}. Downloading it once…`);
  node([require.resolve('electron/install.js')]);
  binary = findElectronBinary();
}
if ('missing' in binary) {
  console.error(
    [
      '',
      'Không tải được Electron, nên chưa mở được ứng dụng máy tính.',
      'The Electron binary could not be downloaded, so the desktop app cannot start here.',
      `  (${binary.missing})`,
      'Use the browser build instead:  npm run web',
      'or provide a binary:            ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron/dist npm start',
      '',
    ].join('\n'),
  );
  process.exit(1);
}
const electronVite = resolve(root, 'node_modules/electron-vite/bin/electron-vite.js');
const env = { ...process.env, ELECTRON_EXEC_PATH: binary.path };
if (process.argv.includes('--dev')) process.exit(node([electronVite, 'dev'], env));
if (node([electronVite, 'build']) !== 0) process.exit(1);
process.exit(node([electronVite, 'preview', '--skipBuild'], env));

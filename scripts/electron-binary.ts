import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Where the Electron binary is, without downloading it (requiring the electron package would try
 * to). Returns the reason when there is none, so a skipped test can say why.
 */
export function findElectronBinary(): { path: string } | { missing: string } {
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (override) {
    const candidate = join(override, relative ?? 'electron');
    return existsSync(candidate) ? { path: candidate } : { missing: `ELECTRON_OVERRIDE_DIST_PATH has no binary at ${candidate}` };
  }
  if (relative === null) {
    return { missing: `Electron binary not downloaded yet (no ${pathFile})` };
  }
  const binary = join(pkgDir, 'dist', relative);
  return existsSync(binary) ? { path: binary } : { missing: `Electron binary missing at ${binary}` };
}

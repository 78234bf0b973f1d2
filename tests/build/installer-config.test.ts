import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { ROOT } from '../support/hub';

/** The configuration `npm run dist` builds with, loaded and validated by electron-builder itself. */
async function builtConfig() {
  const config = await getConfig(ROOT, resolve(ROOT, 'electron-builder.yml'), null);
  await validateConfiguration(config, { isEnabled: false, add: () => undefined } as never);
  return config;
}

describe('the desktop installer configuration', () => {
  it('flips the Electron fuses that keep code from being slipped into the app', async () => {
    const config = await builtConfig();
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
    expect(config.asar).toBe(true);
  });

  it('ships the PKCS#11 binding as a runtime dependency, its native addon outside the archive', async () => {
    const config = await builtConfig();
    expect(config.asarUnpack).toContain('**/*.node');
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies['pkcs11js']).toMatch(/^2\./);
  });

  it('offers a per-machine install, chosen by default', async () => {
    const config = await builtConfig();
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, selectPerMachineByDefault: true });
  });

  it('signs Windows files with SHA-256 and a time-stamp, the certificate coming only from the environment', async () => {
    const config = await builtConfig();
    expect(config.win?.signtoolOptions).toMatchObject({ signingHashAlgorithms: ['sha256'] });
    expect(config.win?.signtoolOptions?.rfc3161TimeStampServer).toMatch(/^https?:\/\//);
    const text = JSON.stringify(config);
    expect(text).not.toMatch(/certificatePassword|certificateFile|"password"/i);
  });
});

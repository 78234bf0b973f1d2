import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSigningSettings } from '@shared/ipc/signing-schemas';
import { SigningSettingsStore } from './settings-store';

const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'congvu-sign-settings-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const token = { tokenSerial: '54A1B2C3', tokenLabel: 'VNPT-CA', certId: '01ab' };

describe('SigningSettingsStore', () => {
  it('starts with the .p12 way and no time-stamping server, and keeps what is set across instances', async () => {
    const dir = tempDir();
    expect(await new SigningSettingsStore(dir).read()).toEqual(defaultSigningSettings);
    await new SigningSettingsStore(dir).setModulePath('/usr/lib/softhsm/libsofthsm2.so');
    const saved = await new SigningSettingsStore(dir).update({ method: 'pkcs11', token, tsaUrl: 'https://tsa.example.vn/tsa' });
    expect(saved).toEqual({ method: 'pkcs11', pkcs11: { modulePath: '/usr/lib/softhsm/libsofthsm2.so', ...token }, tsaUrl: 'https://tsa.example.vn/tsa' });
    expect(await new SigningSettingsStore(dir).read()).toEqual(saved);
    expect(statSync(join(dir, 'settings.json')).mode & 0o777).toBe(0o600);
  });

  it('keeps the module path main chose when the page changes the rest, and forgets the token when the library changes', async () => {
    const store = new SigningSettingsStore(tempDir());
    await store.setModulePath('/opt/a.so');
    await store.update({ method: 'pkcs11', token, tsaUrl: null });
    expect((await store.setModulePath('/opt/a.so')).pkcs11).toEqual({ modulePath: '/opt/a.so', ...token });
    expect((await store.setModulePath('/opt/b.so')).pkcs11).toEqual({ modulePath: '/opt/b.so', tokenSerial: null, tokenLabel: null, certId: null });
  });

  it('reads a damaged or hand-edited file as no settings, and never writes an invalid one', async () => {
    const dir = tempDir();
    const store = new SigningSettingsStore(dir);
    writeFileSync(join(dir, 'settings.json'), '{"method":"pkcs11","pkcs11":{"modulePath":');
    expect(await store.read()).toEqual(defaultSigningSettings);
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...defaultSigningSettings, tsaUrl: 'file:///etc/passwd' }));
    expect(await store.read()).toEqual(defaultSigningSettings);
    await expect(store.update({ method: 'p12', token, tsaUrl: 'javascript:alert(1)' })).rejects.toThrow();
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toContain('file:///etc/passwd');
  });
});

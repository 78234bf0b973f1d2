import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SecretBox } from './signing/key-store';
import { KEY_FILE, StorageKeyStore } from './storage-key';

/** A keyring that really encrypts (XOR with a secret byte is enough to tell sealed from plain here). */
function keyring(backend: string, available = true): SecretBox & { backend: string } {
  const box = {
    backend,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => box.backend,
    encryptString: (plain: string) => Buffer.from([...Buffer.from(plain, 'utf8')].map((b) => b ^ 0x5a)),
    decryptString: (sealed: Buffer) => Buffer.from([...sealed].map((b) => b ^ 0x5a)).toString('utf8'),
  };
  return box;
}

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'congvu-datakey-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const pauses: number[] = [];
const noWait = async (ms: number) => void pauses.push(ms);

describe('the at-rest data key in main', () => {
  it('with a real OS keyring: made once, kept only wrapped, the same key every start', async () => {
    const dir = tempDir();
    const first = await new StorageKeyStore(dir, keyring('gnome_libsecret'), 'linux').open({});
    expect(first).toMatchObject({ ok: true, protection: 'os-keyring' });
    const again = await new StorageKeyStore(dir, keyring('gnome_libsecret'), 'linux').open({});
    expect(again.ok && first.ok && Buffer.from(again.key).equals(Buffer.from(first.key))).toBe(true);
    const file = readFileSync(join(dir, KEY_FILE));
    expect(first.ok && file.includes(Buffer.from(first.key).toString('base64'))).toBe(false);
    expect(statSync(join(dir, KEY_FILE)).mode & 0o077).toBe(0);
    expect(first.ok && first.key.byteLength).toBe(32);
  });

  it("on Linux's plain-text backend: asks for a new passphrase, refuses a short one, then opens only with it", async () => {
    const dir = tempDir();
    const store = new StorageKeyStore(dir, keyring('basic_text'), 'linux', noWait);
    expect(await store.open({})).toEqual({ ok: false, code: 'passphrase-new' });
    expect(await store.open({ passphrase: 'ngắn' })).toEqual({ ok: false, code: 'weak-passphrase' });
    const made = await store.open({ passphrase: 'mật khẩu đủ dài' });
    expect(made).toMatchObject({ ok: true, protection: 'passphrase' });
    const later = new StorageKeyStore(dir, keyring('basic_text'), 'linux', noWait);
    expect(await later.open({})).toEqual({ ok: false, code: 'passphrase-required' });
    pauses.length = 0;
    expect(await later.open({ passphrase: 'sai mật khẩu' })).toEqual({ ok: false, code: 'wrong-passphrase' });
    expect(await later.open({ passphrase: 'vẫn sai' })).toEqual({ ok: false, code: 'wrong-passphrase' });
    expect(pauses).toEqual([1000, 2000]);
    const opened = await later.open({ passphrase: 'mật khẩu đủ dài' });
    expect(opened.ok && made.ok && Buffer.from(opened.key).equals(Buffer.from(made.key))).toBe(true);
  });

  it('never replaces a damaged key file, and says the keyring cannot open one it made', async () => {
    const dir = tempDir();
    await new StorageKeyStore(dir, keyring('kwallet5'), 'linux').open({});
    expect(await new StorageKeyStore(dir, keyring('basic_text'), 'linux').open({})).toEqual({ ok: false, code: 'unavailable' });
    writeFileSync(join(dir, KEY_FILE), '{"format":"congvu.data-key","v":1,"protection":"os-keyring","sealed":"@@"}');
    const before = readFileSync(join(dir, KEY_FILE));
    expect(await new StorageKeyStore(dir, keyring('kwallet5'), 'linux').open({})).toEqual({ ok: false, code: 'key-file-damaged' });
    expect(readFileSync(join(dir, KEY_FILE)).equals(before)).toBe(true);
  });

  it('on Windows uses the keyring whenever encryption is available', async () => {
    expect(await new StorageKeyStore(tempDir(), keyring('unknown'), 'win32').open({})).toMatchObject({ ok: true, protection: 'os-keyring' });
    expect(await new StorageKeyStore(tempDir(), keyring('unknown', false), 'win32', noWait).open({})).toEqual({ ok: false, code: 'passphrase-new' });
  });

  it('makes one key however many ask for it at once', async () => {
    const store = new StorageKeyStore(tempDir(), keyring('kwallet5'), 'linux');
    const answers = await Promise.all([store.open({}), store.open({}), store.open({})]);
    const keys = new Set(answers.map((a) => (a.ok ? Buffer.from(a.key).toString('hex') : a.code)));
    expect(keys.size).toBe(1);
  });
});

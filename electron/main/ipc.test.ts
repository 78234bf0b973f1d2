import { describe, expect, it, vi } from 'vitest';
import { IpcChannels } from '@shared/ipc/channels';
import { APP_ORIGIN } from './app-origin';
import { registerIpcHandlers, type IpcHandlers } from './ipc';
import { trustedOrigins } from './security';

type Listener = (event: unknown, ...args: unknown[]) => Promise<unknown>;

function setup() {
  const registered = new Map<string, Listener>();
  const ipcMain = { handle: vi.fn((channel: string, fn: Listener) => registered.set(channel, fn)) };
  const handlers: IpcHandlers = {
    [IpcChannels.appInfo]: vi.fn(() => ({ ok: true })),
    [IpcChannels.filesSave]: vi.fn(async () => ({ saved: false as const })),
    [IpcChannels.signingStatus]: vi.fn(),
    [IpcChannels.signingImport]: vi.fn(),
    [IpcChannels.signingRemove]: vi.fn(),
    [IpcChannels.signingSign]: vi.fn(),
    [IpcChannels.signingSettingsGet]: vi.fn(),
    [IpcChannels.signingSettingsSet]: vi.fn(),
    [IpcChannels.signingModules]: vi.fn(),
    [IpcChannels.signingChooseModule]: vi.fn(),
    [IpcChannels.signingTokens]: vi.fn(),
    [IpcChannels.signingTrustList]: vi.fn(),
    [IpcChannels.signingTrustAdd]: vi.fn(),
    [IpcChannels.signingTrustRemove]: vi.fn(),
    [IpcChannels.signingVerify]: vi.fn(),
    [IpcChannels.signingTimestamp]: vi.fn(),
    [IpcChannels.storageKeyOpen]: vi.fn(),
  };
  registerIpcHandlers(ipcMain as never, handlers, trustedOrigins(undefined));
  return { registered, handlers };
}

function eventFrom(url: string, { subframe = false, gone = false } = {}) {
  const mainFrame = { url };
  const senderFrame = gone ? null : subframe ? { url } : mainFrame;
  return { sender: { mainFrame }, senderFrame };
}

const validSave = {
  suggestedName: 'bien-ban.json',
  filter: { name: 'JSON', extensions: ['json'] },
  data: new Uint8Array([1, 2, 3]),
};

describe('IPC handlers', () => {
  it('registers exactly the declared channels', () => {
    const { registered } = setup();
    expect([...registered.keys()].sort()).toEqual(Object.values(IpcChannels).sort());
  });

  it('answer the app page', async () => {
    const { registered, handlers } = setup();
    await expect(registered.get('app.info')!(eventFrom(`${APP_ORIGIN}/index.html`))).resolves.toEqual({ ok: true });
    await registered.get('files.save')!(eventFrom(`${APP_ORIGIN}/index.html`), validSave);
    expect(handlers['files.save']).toHaveBeenCalledWith(validSave);
  });

  it('refuse other origins, subframes and vanished frames before looking at the payload', async () => {
    const { registered, handlers } = setup();
    const call = registered.get('app.info')!;
    await expect(call(eventFrom('https://evil.example/'))).rejects.toThrow(/ipc.untrustedSender/);
    await expect(call(eventFrom('file:///etc/passwd'))).rejects.toThrow(/ipc.untrustedSender/);
    await expect(call(eventFrom(`${APP_ORIGIN}/index.html`, { subframe: true }))).rejects.toThrow(/subframe/);
    await expect(call(eventFrom(`${APP_ORIGIN}/index.html`, { gone: true }))).rejects.toThrow(/gone/);
    expect(handlers['app.info']).not.toHaveBeenCalled();
  });

  it('parse every payload with the channel schema and reject what does not fit', async () => {
    const { registered, handlers } = setup();
    const ev = eventFrom(`${APP_ORIGIN}/index.html`);
    const save = registered.get('files.save')!;
    await expect(registered.get('app.info')!(ev, 'extra')).rejects.toThrow(/ipc.invalidPayload/);
    await expect(save(ev)).rejects.toThrow(/ipc.invalidPayload/);
    await expect(save(ev, { ...validSave, suggestedName: '../../etc/passwd' })).rejects.toThrow(/suggestedName/);
    await expect(save(ev, { ...validSave, data: 'not bytes' })).rejects.toThrow(/data/);
    await expect(save(ev, { ...validSave, filter: { name: 'x', extensions: ['../exe'] } })).rejects.toThrow(/invalidPayload/);
    expect(handlers['files.save']).not.toHaveBeenCalled();
  });

  it('parses signing requests: bytes, a PIN or passphrase, a role, a plain file name and the record, nothing else', async () => {
    const { registered, handlers } = setup();
    const sign = registered.get('signing.sign')!;
    const event = eventFrom(`${APP_ORIGIN}/index.html`);
    const good = { pdf: new Uint8Array([37, 80, 68, 70]), secret: 'p', role: 'unit-representative', suggestedName: 'bien-ban.pdf', record: { inspection: {} } };
    await sign(event, { ...good, reason: 'anything the page likes', name: 'Someone else' });
    expect(handlers['signing.sign']).toHaveBeenCalledWith(good);
    await expect(sign(event, { ...good, pdf: 'not bytes' })).rejects.toThrow('ipc.invalidPayload');
    await expect(sign(event, { ...good, role: 'member' })).rejects.toThrow('ipc.invalidPayload');
    await expect(sign(event, { ...good, secret: '' })).rejects.toThrow('err.sign.passphraseRequired');
    await expect(sign(event, { ...good, secret: 'x'.repeat(1025) })).rejects.toThrow('ipc.invalidPayload');
    await expect(sign(event, { ...good, suggestedName: '../../etc/passwd' })).rejects.toThrow('err.file.name');
    await expect(registered.get('signing.import')!(event, { passphrase: 'x', path: '/etc/shadow' })).resolves.toBeUndefined();
    expect(handlers['signing.import']).toHaveBeenCalledWith({ passphrase: 'x' });
    await expect(registered.get('signing.status')!(eventFrom('https://evil.example/'))).rejects.toThrow('ipc.untrustedSender');
  });

  it('takes signing settings the page may change, and never a module path from the page', async () => {
    const { registered, handlers } = setup();
    const event = eventFrom(`${APP_ORIGIN}/index.html`);
    const set = registered.get('signing.settingsSet')!;
    const good = { method: 'pkcs11', token: { tokenSerial: 'A1B2', tokenLabel: 'VNPT-CA', certId: '0a1b' }, tsaUrl: 'http://tsa.example.vn/tsa' };
    await set(event, good);
    expect(handlers['signing.settingsSet']).toHaveBeenCalledWith(good);
    await expect(set(event, { ...good, modulePath: '/tmp/evil.so' })).rejects.toThrow('ipc.invalidPayload');
    await expect(set(event, { ...good, tsaUrl: 'file:///etc/passwd' })).rejects.toThrow('err.sign.tsaUrl');
    await expect(set(event, { ...good, tsaUrl: 'ftp://tsa.example.vn' })).rejects.toThrow('err.sign.tsaUrl');
    await expect(set(event, { ...good, tsaUrl: 'http://user:pw@tsa.example.vn' })).rejects.toThrow('err.sign.tsaUrl');
    await expect(set(event, { ...good, method: 'cloud' })).rejects.toThrow('ipc.invalidPayload');
    await expect(set(event, { ...good, token: { ...good.token, certId: 'zz' } })).rejects.toThrow('ipc.invalidPayload');
    await expect(registered.get('signing.chooseModule')!(event, { known: '/usr/lib/x.so', extra: 1 })).rejects.toThrow('ipc.invalidPayload');
    await registered.get('signing.chooseModule')!(event, { known: null });
    expect(handlers['signing.chooseModule']).toHaveBeenCalledWith({ known: null });
    await expect(registered.get('signing.trustRemove')!(event, { fileName: '../settings.json' })).rejects.toThrow('err.file.name');
    await expect(registered.get('signing.verify')!(event, { pdf: new Uint8Array() })).rejects.toThrow('err.file.tooLarge');
    await expect(registered.get('signing.tokens')!(eventFrom('https://evil.example/'))).rejects.toThrow('ipc.untrustedSender');
  });
});

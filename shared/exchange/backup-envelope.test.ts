import { describe, expect, it } from 'vitest';
import { BackupEnvelopeError, isSealedBackup, openBackup, sealBackup } from './backup-envelope';

const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode('Nguyễn Văn A vi phạm')]);

describe('backup envelope', () => {
  it('seals the zip whole and opens it with the passphrase only', async () => {
    const sealed = await sealBackup(zip, 'mật khẩu dài', 100_000);
    expect(isSealedBackup(sealed)).toBe(true);
    expect(isSealedBackup(zip)).toBe(false);
    expect(Buffer.from(sealed).includes(Buffer.from('Nguyễn'))).toBe(false);
    expect([...(await openBackup(sealed, 'mật khẩu dài'))]).toEqual([...zip]);
    await expect(openBackup(sealed, 'mật khẩu sai!')).rejects.toEqual(new BackupEnvelopeError('err.backup.wrongPassphrase'));
  });

  it('refuses a short passphrase, a changed file and a doctored header', async () => {
    await expect(sealBackup(zip, 'ngắn')).rejects.toEqual(new BackupEnvelopeError('err.backup.weakPassphrase'));
    const sealed = await sealBackup(zip, 'mật khẩu dài', 100_000);
    const flipped = sealed.slice();
    flipped[flipped.length - 1]! ^= 1;
    await expect(openBackup(flipped, 'mật khẩu dài')).rejects.toEqual(new BackupEnvelopeError('err.backup.wrongPassphrase'));
    const text = new TextDecoder('latin1').decode(sealed);
    const doctored = new Uint8Array([...text.replace('"iterations":100000', '"iterations":999999999')].map((c) => c.charCodeAt(0)));
    await expect(openBackup(doctored, 'mật khẩu dài')).rejects.toEqual(new BackupEnvelopeError('err.backup.damaged'));
    await expect(openBackup(sealed.slice(0, 30), 'mật khẩu dài')).rejects.toEqual(new BackupEnvelopeError('err.backup.damaged'));
  });
});

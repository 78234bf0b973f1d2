import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurably } from '../../../node-shared/fs/write-durably';
import { defaultSigningSettings, signingSettingsSchema, type SigningSettings, type SigningSettingsUpdate } from '@shared/ipc/signing-schemas';

const SETTINGS_FILE = 'settings.json';

/**
 * How this computer signs: a PKCS#12 file or a USB token (which library, token and certificate),
 * and the time-stamping authority. Kept as JSON beside the key store, written durably, and parsed
 * on every read: a file that does not parse (hand-edited, cut short) counts as no settings rather
 * than as settings nobody chose. Nothing secret is ever in it.
 */
export class SigningSettingsStore {
  constructor(private readonly dir: string) {}

  async read(): Promise<SigningSettings> {
    let text: string;
    try {
      text = await readFile(join(this.dir, SETTINGS_FILE), 'utf8');
    } catch {
      return structuredClone(defaultSigningSettings);
    }
    try {
      const parsed = signingSettingsSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : structuredClone(defaultSigningSettings);
    } catch {
      return structuredClone(defaultSigningSettings);
    }
  }

  /** What the renderer may change; the module path stays as main set it. */
  async update(change: SigningSettingsUpdate): Promise<SigningSettings> {
    const current = await this.read();
    return this.write({ method: change.method, pkcs11: { ...change.token, modulePath: current.pkcs11.modulePath }, tsaUrl: change.tsaUrl });
  }

  /** A new library: the token and certificate chosen on the old one no longer apply. */
  async setModulePath(modulePath: string): Promise<SigningSettings> {
    const current = await this.read();
    const same = current.pkcs11.modulePath === modulePath;
    return this.write({ ...current, method: 'pkcs11', pkcs11: same ? current.pkcs11 : { modulePath, tokenSerial: null, tokenLabel: null, certId: null } });
  }

  private async write(settings: SigningSettings): Promise<SigningSettings> {
    const valid = signingSettingsSchema.parse(settings);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileDurably(join(this.dir, SETTINGS_FILE), new TextEncoder().encode(JSON.stringify(valid, null, 2)), 0o600);
    return valid;
  }
}

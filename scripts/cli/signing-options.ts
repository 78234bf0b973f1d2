import { readFileSync } from 'node:fs';
import type { ExternalSigner } from '../../shared/pdf-signature/external-signer';
import type { ValidationData } from '../../shared/pdf-signature/dss-increment';
import { p12Signer } from '../../node-shared/signing/p12-signer';
import { openTokenSigner } from '../../node-shared/signing/pkcs11/index';
import { fetchValidationData } from '../../node-shared/signing/revocation-fetch';
import { requestTimestamp } from '../../node-shared/signing/tsa-client';
import { loadTrustFolder } from '../../node-shared/signing/trust-folder';

/** The command lines' shared options for a key: a PKCS#12 file or a PKCS#11 token, and a TSA. */
export const signingOptionSpec = {
  p12: { type: 'string' },
  'pass-env': { type: 'string' },
  pkcs11: { type: 'string' },
  'token-label': { type: 'string' },
  'cert-id': { type: 'string' },
  'pin-env': { type: 'string' },
  tsa: { type: 'string' },
  trust: { type: 'string' },
} as const;

export interface SigningOptionValues {
  p12?: string;
  'pass-env'?: string;
  pkcs11?: string;
  'token-label'?: string;
  'cert-id'?: string;
  'pin-env'?: string;
  tsa?: string;
  trust?: string;
}

export class CliError extends Error {
  override name = 'CliError';
}

export const SIGNING_USAGE =
  '[--p12 <tệp.p12> --pass-env <BIẾN> | --pkcs11 <thư viện .so/.dll> [--token-label <nhãn>] [--cert-id <hex>] --pin-env <BIẾN>] [--tsa <url>] [--trust <thư mục>]';

export function wantsSignature(values: SigningOptionValues): boolean {
  return values.p12 !== undefined || values.pkcs11 !== undefined;
}

/**
 * Opens the key the options name. Secrets come only from environment variables, never from the
 * command line (where any user of the machine could read them in the process list).
 */
export async function openSigner(values: SigningOptionValues, env: NodeJS.ProcessEnv): Promise<{ signer: ExternalSigner; close(): void }> {
  if (values.p12 !== undefined && values.pkcs11 !== undefined) throw new CliError('Chọn một trong --p12 hoặc --pkcs11, không dùng cả hai.');
  const secret = (name: string | undefined, flag: string) => {
    if (!name) throw new CliError(`${flag} là bắt buộc (tên biến môi trường chứa bí mật).`);
    const value = env[name];
    if (value === undefined || value === '') throw new CliError(`Biến môi trường ${name} chưa được đặt.`);
    return value;
  };
  if (values.p12 !== undefined) {
    const passphrase = secret(values['pass-env'], '--pass-env');
    let p12: Uint8Array;
    try {
      p12 = new Uint8Array(readFileSync(values.p12));
    } catch {
      throw new CliError(`Không đọc được tệp chứng thư số: ${values.p12}`);
    }
    const signer = p12Signer(p12, passphrase);
    return { signer, close: () => {} };
  }
  if (values.pkcs11 !== undefined) {
    const pin = secret(values['pin-env'], '--pin-env');
    if (values['cert-id'] !== undefined && !/^[0-9a-fA-F]{1,128}$/.test(values['cert-id'])) throw new CliError('--cert-id phải là số hex (CKA_ID của chứng thư trên token).');
    const session = await openTokenSigner({ modulePath: values.pkcs11, tokenLabel: values['token-label'], certId: values['cert-id']?.toLowerCase(), pin });
    return { signer: session.signer, close: () => session.close() };
  }
  throw new CliError('Cần --p12 hoặc --pkcs11 để ký.');
}

export function checkTsaUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`--tsa không phải địa chỉ hợp lệ: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new CliError('--tsa phải là địa chỉ http:// hoặc https://');
  return parsed.toString();
}

/** The online parts of signing: the TSA, and revocation data for the DSS when a TSA is reachable. */
export function onlineHelpers(tsaUrl: string | undefined) {
  return {
    timestamp: tsaUrl ? (digest: Uint8Array) => requestTimestamp(tsaUrl, digest) : undefined,
    validationData: tsaUrl ? async (chain: Uint8Array[]): Promise<ValidationData> => fetchValidationData(chain) : undefined,
  };
}

export async function trustFrom(folder: string | undefined): Promise<{ anchors: Uint8Array[]; intermediates: Uint8Array[] }> {
  if (folder === undefined) return { anchors: [], intermediates: [] };
  const loaded = await loadTrustFolder(folder);
  if (loaded.anchors.length === 0) throw new CliError(`Thư mục ${folder} không có chứng thư gốc nào (.pem, .crt, .cer, .der).`);
  return loaded;
}

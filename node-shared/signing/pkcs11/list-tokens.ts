import { CKF_SERIAL_SESSION } from './cryptoki';
import { acquireModule } from './module-host';
import { toSigningError } from './pkcs11-errors';
import { presentTokens, readCertificates } from './token-objects';
import type { TokenDescription } from './types';

/**
 * The tokens plugged in through this PKCS#11 library and the certificates on each, read without
 * logging in (certificates are public objects). The library is finalized and unloaded before
 * this returns, whatever happens.
 */
export async function listTokens(modulePath: string): Promise<TokenDescription[]> {
  const lease = acquireModule(modulePath);
  const { pkcs11 } = lease;
  try {
    const tokens: TokenDescription[] = [];
    for (const token of presentTokens(pkcs11)) {
      const session = pkcs11.C_OpenSession(token.slot, CKF_SERIAL_SESSION);
      try {
        const certificates = readCertificates(pkcs11, session).map(({ id, label, parsed, canSign, der }) => ({ id, label, summary: parsed.summary, canSign, der }));
        tokens.push({ slotIndex: token.slotIndex, label: token.label, serial: token.serial, manufacturer: token.manufacturer, model: token.model, certificates });
      } finally {
        try {
          pkcs11.C_CloseSession(session);
        } catch {
          // The token went away after being read; what was read stands.
        }
      }
    }
    return tokens;
  } catch (error) {
    throw toSigningError(error, 'read');
  } finally {
    lease.release();
  }
}

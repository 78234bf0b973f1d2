import { SigningError } from '../../../node-shared/signing/certificate';
import { requestTimestamp } from '../../../node-shared/signing/tsa-client';
import { installedModules, listTokens, openTokenSigner } from '../../../node-shared/signing/pkcs11';
import type { SigningBackends } from './backends';

/**
 * The real Node-side signing parts, wired for the app. Each part not yet in node-shared refuses
 * with its own message rather than answering something made up.
 */
export function nodeSigningBackends(): SigningBackends {
  return {
    installedModules: async () => (await installedModules()).map((m) => ({ name: m.label, path: m.path })),
    listTokens,
    openTokenSigner,
    verifyDocument: () => {
      throw new SigningError('err.sign.verifierMissing');
    },
    timestamper: (tsaUrl) => (sha256) => requestTimestamp(tsaUrl, sha256),
    fetchValidationData: async () => {
      throw new SigningError('err.sign.tsaUnreachable');
    },
    fetchVerificationMaterial: async () => ({ certificates: [], crls: [], ocspResponses: [] }),
  };
}

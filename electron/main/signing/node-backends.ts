import { SigningError } from '../../../node-shared/signing/certificate';
import { requestTimestamp } from '../../../node-shared/signing/tsa-client';
import type { SigningBackends } from './backends';

/**
 * The real Node-side signing parts, wired for the app. Each part not yet in node-shared refuses
 * with its own message rather than answering something made up.
 */
export function nodeSigningBackends(): SigningBackends {
  return {
    installedModules: async () => {
      throw new SigningError('err.sign.moduleLoad');
    },
    listTokens: async () => {
      throw new SigningError('err.sign.moduleLoad');
    },
    openTokenSigner: async () => {
      throw new SigningError('err.sign.moduleLoad');
    },
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

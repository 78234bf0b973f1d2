import { verifyDocument } from '@shared/pdf-signature/verify-document';
import { installedModules, listTokens, openTokenSigner } from '../../../node-shared/signing/pkcs11';
import { fetchValidationData } from '../../../node-shared/signing/revocation-fetch';
import { loadTrustFolder } from '../../../node-shared/signing/trust-folder';
import { requestTimestamp } from '../../../node-shared/signing/tsa-client';
import { verifyWithRevocation } from '../../../node-shared/signing/verify-online';
import type { SigningBackends } from './backends';

/** The real Node-side signing parts (node-shared/signing, shared/pdf-signature), wired for the app. */
export function nodeSigningBackends(): SigningBackends {
  return {
    installedModules: async () => (await installedModules()).map((m) => ({ name: m.label, path: m.path })),
    listTokens,
    openTokenSigner,
    verifyDocument,
    timestamper: (tsaUrl) => (sha256) => requestTimestamp(tsaUrl, sha256),
    fetchValidationData: (chain) => fetchValidationData(chain),
    verifyOnline: (pdf, options) => verifyWithRevocation(pdf, options),
    loadTrustFolder,
  };
}

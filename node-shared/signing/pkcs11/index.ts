export { listTokens } from './list-tokens';
export { openTokenSigner } from './open-token-signer';
export { installedModules } from './installed-modules';
export type { OpenTokenSignerOptions, TokenCertificate, TokenDescription, TokenSession } from './types';

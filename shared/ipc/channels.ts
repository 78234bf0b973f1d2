/**
 * Every IPC channel between the renderer and the main process, named `feature.action`.
 * Main registers a handler for each; nothing else is ever listened to.
 */
export const IpcChannels = {
  appInfo: 'app.info',
  filesSave: 'files.save',
  signingStatus: 'signing.status',
  signingImport: 'signing.import',
  signingRemove: 'signing.remove',
  signingSign: 'signing.sign',
  signingSettingsGet: 'signing.settingsGet',
  signingSettingsSet: 'signing.settingsSet',
  signingModules: 'signing.modules',
  signingChooseModule: 'signing.chooseModule',
  signingTokens: 'signing.tokens',
  signingTrustList: 'signing.trustList',
  signingTrustAdd: 'signing.trustAdd',
  signingTrustRemove: 'signing.trustRemove',
  signingVerify: 'signing.verify',
  signingTimestamp: 'signing.timestamp',
  storageKeyOpen: 'storageKey.open',
} as const;
export type IpcChannel = (typeof IpcChannels)[keyof typeof IpcChannels];

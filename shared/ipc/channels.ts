/**
 * Every IPC channel between the renderer and the main process, named `feature.action`.
 * Main registers a handler for each; nothing else is ever listened to.
 */
export const IpcChannels = {
  appInfo: 'app.info',
  filesSave: 'files.save',
} as const;
export type IpcChannel = (typeof IpcChannels)[keyof typeof IpcChannels];

import { browserBridge } from './browser-bridge';

/** The preload object's type, taken from its source so the two can never drift apart. */
export type CongvuApi = typeof import('../../../electron/preload/index').api;

declare global {
  interface Window {
    congvu?: CongvuApi;
  }
}

/** The Electron preload bridge when running in the app, the browser implementation otherwise. */
export const bridge: CongvuApi = window.congvu ?? browserBridge;

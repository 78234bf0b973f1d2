/**
 * The app is served from its own scheme rather than file://, so it has a real origin (IndexedDB,
 * CSP 'self', fetch) and no access to the rest of the disk. The origin must never change: the
 * inspectors' IndexedDB data is keyed by it.
 */
export const APP_SCHEME = 'congvu';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Fixed folder name under the OS app-data directory; independent of the product name. */
export const USER_DATA_DIR_NAME = 'congvu';

/**
 * Version of every persisted or synced shape (IndexedDB rows, exports, hub payloads).
 * Bump it when a shape changes incompatibly, and teach readers to upgrade the old one.
 */
export const FORMAT_VERSION = 1 as const;
export type FormatVersion = typeof FORMAT_VERSION;

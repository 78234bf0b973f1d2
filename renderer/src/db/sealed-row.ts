import { openValue, sealValue } from './seal-codec';

/**
 * A row as stored when sealed: only what the primary key and the indexes read stays plain (no
 * index holds a name), everything else is in `sealed`. A row without it is one written before
 * sealing: read as it is, and sealed by the migration pass.
 */
export const SEALED_FIELD = 'sealed$';

export type KeyPaths = readonly string[];

/** The dotted key paths a store's primary key and indexes read. */
export function keyPathsOf(primary: string | readonly string[] | null, indexes: ReadonlyArray<string | readonly string[] | null>): KeyPaths {
  const out = new Set<string>();
  for (const p of [primary, ...indexes]) {
    if (p === null) continue;
    for (const one of typeof p === 'string' ? [p] : p) if (one !== '') out.add(one);
  }
  return [...out];
}

function readPath(row: unknown, path: string): unknown {
  let at: unknown = row;
  for (const step of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[step];
  }
  return at;
}

function writePath(row: Record<string, unknown>, path: string, value: unknown): void {
  const steps = path.split('.');
  let at = row;
  for (const step of steps.slice(0, -1)) {
    const next = at[step];
    if (typeof next !== 'object' || next === null) at[step] = {};
    at = at[step] as Record<string, unknown>;
  }
  at[steps.at(-1)!] = value;
}

export function isSealedRow(row: unknown): row is Record<string, unknown> & { [SEALED_FIELD]: ArrayBuffer } {
  return typeof row === 'object' && row !== null && (row as Record<string, unknown>)[SEALED_FIELD] instanceof ArrayBuffer;
}

export async function sealRow(key: CryptoKey, table: string, paths: KeyPaths, value: unknown): Promise<unknown> {
  if (typeof value !== 'object' || value === null || isSealedRow(value)) return value;
  const row: Record<string, unknown> = {};
  for (const path of paths) {
    const v = readPath(value, path);
    if (v !== undefined) writePath(row, path, v);
  }
  row[SEALED_FIELD] = await sealValue(key, table, value);
  return row;
}

export async function openRow(key: CryptoKey, table: string, paths: KeyPaths, row: unknown): Promise<unknown> {
  if (!isSealedRow(row)) return row;
  const value = await openValue(key, table, row[SEALED_FIELD]);
  if (typeof value !== 'object' || value === null) return value;
  // A generated key (++localId) is written by IndexedDB into the stored row, after sealing.
  for (const path of paths) {
    const v = readPath(row, path);
    if (v !== undefined && readPath(value, path) === undefined) writePath(value as Record<string, unknown>, path, v);
  }
  return value;
}

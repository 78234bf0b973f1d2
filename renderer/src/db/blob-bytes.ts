import type { BlobRow, CongvuDb } from './database';

/** Stored blobs as bytes by SHA-256; absent rows are left out (callers say what a gap means). */
export async function blobBytes(rows: ReadonlyArray<BlobRow | undefined>): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  await Promise.all(
    rows.map(async (row) => {
      if (row) out.set(row.sha256, new Uint8Array(await row.blob.arrayBuffer()));
    }),
  );
  return out;
}

export async function loadBlobBytes(db: CongvuDb, hashes: readonly string[]): Promise<Map<string, Uint8Array>> {
  return blobBytes(await db.blobs.bulkGet([...new Set(hashes)]));
}

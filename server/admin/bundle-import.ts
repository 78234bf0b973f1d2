import { checkPushRequest } from '@shared/sync/protocol';
import { BundleError, parseSyncBundle, type BundleLimits } from '@shared/sync/bundle';
import { sha256Text } from '../sha256-text';
import type { HubStore } from '../store/hub-store';

/** Device id recorded for records that came on a USB bundle rather than over the network. */
export const BUNDLE_DEVICE = 'usb-bundle';

export interface BundleImport {
  /** What was stored, held and refused, one refusal a line, for the administrator. */
  report: string;
  /** Records and blobs refused, or 1 for a bundle refused as a whole: the CLI exits non-zero then. */
  refused: number;
}

/**
 * Imports a hand-over bundle with the checks, idempotency and ownership rule of a push from
 * `deviceId` (the laptop the administrator says it came from, else BUNDLE_DEVICE). The zip is read
 * without trusting it (shared/zip/bounded-unzip.ts): a blob over the hub's limit refuses the bundle
 * before anything is inflated, and blobs are inflated and stored one at a time, each checked against
 * its hash; then each record. A record already held is counted, never duplicated.
 */
export async function importBundle(store: HubStore, bytes: Uint8Array, limits: BundleLimits, deviceId: string = BUNDLE_DEVICE): Promise<BundleImport> {
  let bundle;
  try {
    bundle = parseSyncBundle(bytes, limits);
  } catch (error) {
    if (!(error instanceof BundleError)) throw error;
    return { report: `Nothing imported: the bundle is refused — ${error.message.replace(/^err\.bundle\.(\w+)(: )?/, (_, why: string, colon?: string) => (colon ? '' : why))}.`, refused: 1 };
  }
  const records = { stored: 0, held: 0, refused: 0 };
  const blobs = { stored: 0, held: 0, refused: 0 };
  const refusals: string[] = [];
  for (const blob of bundle.blobs) {
    const read = blob.read();
    const outcome = read.ok ? await store.putBlob(blob.sha256, read.bytes) : null;
    if (outcome === 'created') blobs.stored += 1;
    else if (outcome === 'exists') blobs.held += 1;
    else {
      blobs.refused += 1;
      refusals.push(`blobs/${blob.sha256}: ${read.ok ? 'the bytes do not hash to the name' : read.problem}`);
    }
  }
  for (const entry of bundle.records) {
    const check = checkPushRequest(entry.id, entry.body, sha256Text);
    if (!check.ok) {
      records.refused += 1;
      refusals.push(`${entry.name}: ${check.code} — ${check.message}`);
      continue;
    }
    const outcome = await store.putInspection(deviceId, check.request);
    const { id, revision } = check.request.record.inspection;
    if (outcome.status === 201) records.stored += 1;
    else if (outcome.status === 200) records.held += 1;
    // The laptop pushed this very revision over the network already: the copy on the stick adds nothing.
    else if (outcome.status === 403 && (await store.heldHash(id, revision)) === check.request.contentHash) records.held += 1;
    else {
      records.refused += 1;
      const error = outcome.body.error as { code: string; message: string; missingBlobs?: string[] };
      refusals.push(`${entry.name}: ${error.code} — ${error.message}${error.missingBlobs ? ` (${error.missingBlobs.length} blob(s) missing from the bundle)` : ''}`);
    }
  }
  const lines = [
    `Records: ${records.stored} stored, ${records.held} already held, ${records.refused} refused.`,
    `Blobs: ${blobs.stored} stored, ${blobs.held} already held, ${blobs.refused} refused.`,
    ...(refusals.length ? ['Refused:', ...refusals.map((r) => `  ${r}`)] : []),
  ];
  return { report: lines.join('\n'), refused: records.refused + blobs.refused };
}

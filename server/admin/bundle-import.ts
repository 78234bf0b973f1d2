import { checkPushRequest } from '@shared/sync/protocol';
import { sha256Text } from '../sha256-text';
import { parseSyncBundle } from '@shared/sync/bundle';
import type { HubStore } from '../store/hub-store';

/** Device id recorded for records that came on a USB bundle rather than over the network. */
export const BUNDLE_DEVICE = 'usb-bundle';

/**
 * Imports a hand-over bundle with the checks, idempotency and ownership rule of a push from
 * `deviceId` (the laptop the administrator says it came from, else BUNDLE_DEVICE): blobs first (each checked
 * against its hash), then each record; a record already held is counted, never duplicated.
 */
export async function importBundle(store: HubStore, bytes: Uint8Array, deviceId: string = BUNDLE_DEVICE): Promise<string> {
  const bundle = parseSyncBundle(bytes);
  const counts = { created: 0, held: 0, conflict: 0, invalid: 0 };
  const problems: string[] = [];
  let badBlobs = bundle.badBlobs.length;
  for (const [sha, data] of bundle.blobs) if ((await store.putBlob(sha, data)) === 'mismatch') badBlobs += 1;
  for (const entry of bundle.records) {
    const check = checkPushRequest(entry.id, entry.body, sha256Text);
    if (!check.ok) {
      counts.invalid += 1;
      problems.push(`${entry.name}: ${check.code} — ${check.message}`);
      continue;
    }
    const outcome = await store.putInspection(deviceId, check.request);
    if (outcome.status === 201) counts.created += 1;
    else if (outcome.status === 200) counts.held += 1;
    else if (outcome.status === 409 || outcome.status === 403) {
      counts.conflict += 1;
      problems.push(`${entry.name}: ${outcome.body.error.code} — ${outcome.body.error.message}`);
    } else {
      counts.invalid += 1;
      problems.push(`${entry.name}: ${outcome.body.error.message} (${outcome.body.error.missingBlobs.length} blob(s) missing from the bundle)`);
    }
  }
  if (badBlobs) problems.push(`${badBlobs} blob(s) did not match their hash and were not imported`);
  return [`Imported ${counts.created} new record(s); ${counts.held} already held; ${counts.conflict} conflict(s); ${counts.invalid} invalid.`, ...problems].join('\n');
}

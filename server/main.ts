/**
 * The provincial hub. `npm run hub`: SQLite under HUB_DATA_DIR (default ./data), or PostgreSQL when
 * DATABASE_URL is set; HUB_PORT (default 8787), HUB_HOST (default 127.0.0.1), HUB_MAX_BLOB_MB;
 * HUB_IDLE_TIMEOUT_MS (a silent connection is closed, default 30 s), HUB_REQUEST_TIMEOUT_MS (a
 * request must arrive whole within, default 300 s), HUB_ENROLL_PER_MINUTE (enrollment attempts per
 * client address, default 10); HUB_TRUST_DIR (trusted root certificates, PEM or DER, that report
 * signers are checked against) and HUB_UNTRUSTED_SIGNER (`flag`, the default: a report whose signer
 * is outside it is kept and flagged for the reviewer; `refuse`: it is refused with 422).
 */
import { openHub } from './open-hub';
import { buildHub } from './app';
import { envMs } from './http-guards';
import { removeLeftoverParts } from './store/blob-files';
import { HubConfigError } from './trust-config';

const port = Number(process.env['HUB_PORT'] ?? 8787);
const host = process.env['HUB_HOST'] ?? '127.0.0.1';
const maxBlobMb = Number(process.env['HUB_MAX_BLOB_MB'] ?? 25);

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`HUB_PORT must be a port number, got "${process.env['HUB_PORT']}"`);
  process.exit(2);
}
if (!(maxBlobMb > 0)) {
  console.error(`HUB_MAX_BLOB_MB must be a positive number, got "${process.env['HUB_MAX_BLOB_MB']}"`);
  process.exit(2);
}

let timeouts: { idleTimeoutMs: number; requestTimeoutMs: number; enrollPerMinute: number };
try {
  timeouts = {
    idleTimeoutMs: envMs(process.env, 'HUB_IDLE_TIMEOUT_MS', 30_000),
    requestTimeoutMs: envMs(process.env, 'HUB_REQUEST_TIMEOUT_MS', 300_000),
    enrollPerMinute: envMs(process.env, 'HUB_ENROLL_PER_MINUTE', 10),
  };
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}

const opened = await openHub(process.env).catch((error: unknown) => {
  if (!(error instanceof HubConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
});
const { store, where, close, dataDir, trust } = opened;
if (trust.trustDir) console.log(`report signers are checked against ${trust.policy.anchors.length} root(s) in ${trust.trustDir}; an untrusted signer is ${trust.policy.untrustedSigner === 'refuse' ? 'refused' : 'flagged'}`);
for (const problem of trust.problems) console.warn(`trust folder: ${problem}`);
// Uploads cut off by a kill left their temporary files behind.
const removed = await removeLeftoverParts(dataDir);
if (removed > 0) console.log(`removed ${removed} unfinished upload file(s)`);
const hub = buildHub({ store, epoch: await store.epoch(), maxBlobBytes: Math.round(maxBlobMb * 1024 * 1024), logger: process.env['HUB_LOG'] === '1', ...timeouts });
const address = await hub.listen({ port, host });
console.log(`congvu hub listening on ${address} (${where})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void hub
      .close()
      .then(close)
      .then(() => process.exit(0));
  });
}

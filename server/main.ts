/**
 * The provincial hub. `npm run hub`: SQLite under HUB_DATA_DIR (default ./data), or PostgreSQL when
 * DATABASE_URL is set; HUB_PORT (default 8787), HUB_HOST (default 127.0.0.1), HUB_MAX_BLOB_MB;
 * HUB_IDLE_TIMEOUT_MS (a silent connection is closed, default 30 s), HUB_REQUEST_TIMEOUT_MS (a
 * request must arrive whole within, default 300 s), HUB_ENROLL_PER_MINUTE (enrollment attempts per
 * client address, default 10); HUB_TRUST_DIR (trusted root certificates, PEM or DER, that report
 * signers are checked against) and HUB_UNTRUSTED_SIGNER (`flag`, the default: a report whose signer
 * is outside it is kept and flagged for the reviewer; `refuse`: it is refused with 422).
 * The administration console at /admin: its build from HUB_CONSOLE_DIR (default out/admin, made by
 * `npm run build:admin`); HUB_TLS_CERT and HUB_TLS_KEY (PEM files) serve https; HUB_TRUST_PROXY=1
 * believes a proxy's X-Forwarded-Proto/Host; HUB_SIGNIN_PER_MINUTE (default 20) limits sign-ins
 * per client address.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
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
let signinPerMinute: number;
let https: { cert: Buffer; key: Buffer } | undefined;
const trustProxy = process.env['HUB_TRUST_PROXY'] === '1';
try {
  timeouts = {
    idleTimeoutMs: envMs(process.env, 'HUB_IDLE_TIMEOUT_MS', 30_000),
    requestTimeoutMs: envMs(process.env, 'HUB_REQUEST_TIMEOUT_MS', 300_000),
    enrollPerMinute: envMs(process.env, 'HUB_ENROLL_PER_MINUTE', 10),
  };
  signinPerMinute = envMs(process.env, 'HUB_SIGNIN_PER_MINUTE', 20);
  const cert = process.env['HUB_TLS_CERT'];
  const key = process.env['HUB_TLS_KEY'];
  if ((cert === undefined) !== (key === undefined)) throw new Error('HUB_TLS_CERT and HUB_TLS_KEY go together: set both (PEM files) or neither');
  if (cert !== undefined && key !== undefined) {
    try {
      https = { cert: readFileSync(cert), key: readFileSync(key) };
    } catch (error) {
      throw new Error(`Cannot read HUB_TLS_CERT/HUB_TLS_KEY: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  if (process.env['HUB_TRUST_PROXY'] !== undefined && !['0', '1'].includes(process.env['HUB_TRUST_PROXY'])) throw new Error(`HUB_TRUST_PROXY must be 1 or 0, got "${process.env['HUB_TRUST_PROXY']}"`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
const { version: hubVersion } = JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')) as { version: string };
const consoleDir = resolve(process.env['HUB_CONSOLE_DIR'] ?? resolve(import.meta.dirname, '../out/admin'));

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
const hub = buildHub({
  store,
  epoch: await store.epoch(),
  maxBlobBytes: Math.round(maxBlobMb * 1024 * 1024),
  logger: process.env['HUB_LOG'] === '1',
  ...timeouts,
  ...(https ? { https } : {}),
  console: { consoleDir, tls: https !== undefined, trustProxy, hubVersion, dataDir, signinPerMinute },
});
const address = await hub.listen({ port, host });
console.log(`congvu hub listening on ${address} (${where}); administration console at ${address}/admin`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void hub
      .close()
      .then(close)
      .then(() => process.exit(0));
  });
}

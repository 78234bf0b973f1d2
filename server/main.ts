/**
 * The provincial hub. `npm run hub`: HUB_DATA_DIR (default ./data), HUB_PORT (default 8787),
 * HUB_HOST (default 127.0.0.1).
 */
import { resolve } from 'node:path';
import { buildHub } from './app';
import { loadOrCreateEpoch } from './epoch';

const dataDir = resolve(process.env['HUB_DATA_DIR'] ?? 'data');
const port = Number(process.env['HUB_PORT'] ?? 8787);
const host = process.env['HUB_HOST'] ?? '127.0.0.1';

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`HUB_PORT must be a port number, got "${process.env['HUB_PORT']}"`);
  process.exit(2);
}

const hub = buildHub({ epoch: loadOrCreateEpoch(dataDir), logger: process.env['HUB_LOG'] === '1' });
const address = await hub.listen({ port, host });
console.log(`congvu hub listening on ${address} (data in ${dataDir})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void hub.close().then(() => process.exit(0));
  });
}

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropCluster } from './hub';

/**
 * One PostgreSQL cluster for the whole test run, made by the first suite that needs one (see
 * startPgCluster) and dropped here at the end; suites each get a database of their own on it.
 */
export default function setup(): () => Promise<void> {
  const runDir = mkdtempSync(join(tmpdir(), 'congvu-pg-run-'));
  process.env['CONGVU_PG_RUN_DIR'] = runDir;
  return async () => {
    const portFile = join(runDir, 'cluster.json');
    try {
      if (existsSync(portFile)) await dropCluster((JSON.parse(readFileSync(portFile, 'utf8')) as { name: string }).name);
    } finally {
      rmSync(runDir, { recursive: true, force: true });
    }
  };
}

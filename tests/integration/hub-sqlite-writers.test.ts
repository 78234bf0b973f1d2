import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHub } from '../../server/open-hub';
import { startHub, type RunningHub } from '../support/hub';

/**
 * The administrator's CLI writes to the hub's SQLite file from a process of its own while the hub
 * runs. A hub transaction that reads before it writes (enrollment) must wait for the other
 * writer, not fail with "database is locked" (a 500).
 */
describe('the hub on SQLite beside another writer', () => {
  let hub: RunningHub;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'congvu-writers-'));
    hub = await startHub({ HUB_DATA_DIR: dir });
  });
  afterAll(async () => {
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('enrolls every device while codes are being written from another process', async () => {
    // This test process is the other writer, as the CLI would be: its own connection to the file.
    const other = await openHub({ HUB_DATA_DIR: dir });
    try {
      const codes = await Promise.all(Array.from({ length: 40 }, (_, n) => other.store.createEnrollment('inspector', `Cán bộ ${n}`)));
      let writing = true;
      const writer = (async () => {
        let written = 0;
        while (writing) {
          await other.store.createEnrollment('reviewer', `Ghi song song ${written++}`);
          // Each write its own commit, with the hub's requests let in between.
          await new Promise((r) => setImmediate(r));
        }
        return written;
      })();
      const answers = await Promise.all(
        codes.map(async ({ code }, n) => {
          const res = await fetch(`${hub.url}/api/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName: `Máy ${n}` }) });
          return `${res.status} ${res.status === 201 ? '' : await res.text()}`.trim();
        }),
      );
      writing = false;
      expect(await writer).toBeGreaterThan(0);
      expect(answers).toEqual(Array(codes.length).fill('201'));
    } finally {
      await other.close();
    }
  });
});

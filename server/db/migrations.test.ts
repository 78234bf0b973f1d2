import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectHubDb } from './connect';
import { migrateHubDb } from './migrations';

describe('hub migration 0003-ownership (SQLite)', () => {
  it('binds each inspection already held to the device that pushed its first revision', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'congvu-migrate-'));
    const { db } = connectHubDb({ dataDir: dir });
    try {
      await migrateHubDb(db as never, 'sqlite', '0002-reports');
      const row = (id: string, revision: number, device: string) => ({ id, revision, content_hash: 'a'.repeat(64), record: '{}', unit_code: 'U1', device_id: device, received_at: `2026-11-2${revision}T00:00:00.000Z` });
      const a = '01900000-0000-7000-8000-00000000000a';
      const b = '01900000-0000-7000-8000-00000000000b';
      // Before issue 13 any device could push a later revision: the first one's device is the owner.
      await db.insertInto('inspections').values([row(a, 1, 'dev-1'), row(a, 2, 'dev-2'), row(b, 1, 'dev-2')]).execute();
      await migrateHubDb(db as never, 'sqlite');
      const owners = await db.selectFrom('inspection_owners').select(['inspection_id', 'device_id', 'since']).orderBy('inspection_id').execute();
      expect(owners).toEqual([
        { inspection_id: a, device_id: 'dev-1', since: '2026-11-21T00:00:00.000Z' },
        { inspection_id: b, device_id: 'dev-2', since: '2026-11-21T00:00:00.000Z' },
      ]);
      expect(await db.selectFrom('admin_log').selectAll().execute()).toEqual([]);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('hub migration 0004-report-signers (SQLite)', () => {
  it('keeps the reports already held, with no signer list and no flag', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'congvu-migrate-'));
    const { db } = connectHubDb({ dataDir: dir });
    try {
      await migrateHubDb(db as never, 'sqlite', '0003-ownership');
      const id = '01900000-0000-7000-8000-00000000000c';
      await db.insertInto('inspections').values({ id, revision: 1, content_hash: 'a'.repeat(64), record: '{}', unit_code: 'U1', device_id: 'dev-1', received_at: '2026-11-21T00:00:00.000Z' }).execute();
      await db.insertInto('blobs').values({ sha256: 'b'.repeat(64), size: 10, created_at: '2026-11-21T00:00:00.000Z' }).execute();
      await db.insertInto('inspection_reports').values({ inspection_id: id, revision: 1, sha256: 'b'.repeat(64), signer: 'Nguyen Van A', device_id: 'dev-1', received_at: '2026-11-21T00:01:00.000Z' }).execute();
      await migrateHubDb(db as never, 'sqlite');
      expect(await db.selectFrom('inspection_reports').select(['signer', 'signers', 'untrusted_signer']).execute()).toEqual([{ signer: 'Nguyen Van A', signers: '[]', untrusted_signer: 0 }]);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

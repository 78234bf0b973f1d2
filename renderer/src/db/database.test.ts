import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewInspectionInput } from '@shared/inspection/new-inspection';
import { sampleNewInspectionInput } from '@shared/inspection/sample';
import { builtInTemplates } from '@shared/templates';
import { createInspection } from '../features/inspections/mutations';
import { getInspection, listInspections } from '../features/inspections/queries';
import { requestPersistentStorage, PERSIST_KEY } from '../features/storage/persistence';
import { translate } from '../i18n/i18n';
import { CongvuDb } from './database';
import { describeStorageError } from './storage-errors';

let n = 0;
const dbs: CongvuDb[] = [];
function freshDb(name = `test-${++n}`): CongvuDb {
  const db = new CongvuDb(name);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

const input: NewInspectionInput = sampleNewInspectionInput();
const stampAt = (iso: string) => ({ arrivedAt: new Date(iso), monotonicMs: 1, now: new Date(iso) });

describe('local store', () => {
  it('installs the built-in templates and legal bases once', async () => {
    const db = freshDb('reference');
    await db.open();
    expect((await db.templates.toArray()).map((t) => `${t.id}@${t.version}`).sort()).toEqual(['GIO@1', 'MC@1', 'VH@1']);
    expect(await db.legalBases.count()).toBe(13);
    db.close();
    await db.open();
    expect(await db.templates.count()).toBe(3);
    expect(await db.legalBases.count()).toBe(13);
  });

  it('never overwrites a stored template version with different content', async () => {
    const db = freshDb('immutable');
    await db.open();
    const stored = structuredClone(builtInTemplates[0]!);
    stored.title.vi = 'Bản đã lưu trước';
    await db.templates.put(stored);
    db.close();
    await db.open();
    expect((await db.templates.get(['GIO', 1]))!.title.vi).toBe('Bản đã lưu trước');
  });

  it('creates inspections durably and lists the newest revision of each, latest arrival first', async () => {
    const db = freshDb();
    const first = await createInspection(db, input, stampAt('2026-11-20T01:00:00Z'));
    const second = await createInspection(db, { ...input, unit: { ...input.unit, code: '31472', name: 'Phường Cái Khế' } }, stampAt('2026-11-21T01:00:00Z'));
    const correction = { replacesRevision: 1, replacesHash: 'a'.repeat(64), reason: 'Sửa địa điểm' };
    await db.inspections.add({ ...first, revision: 2, place: 'Hội trường', correction });
    const list = await listInspections(db);
    expect(list.map((i) => [i.id, i.revision])).toEqual([
      [second.id, 1],
      [first.id, 2],
    ]);
    expect((await getInspection(db, first.id))!.place).toBe('Hội trường');
    expect(await getInspection(db, '019aadf8-51a0-7b2c-9d3e-0123456789ab')).toBeNull();
    expect((await db.units.toArray()).map((u) => u.name).sort()).toEqual(['Phường Cái Khế', 'UBND xã Tân Phước Hưng']);
  });

  it('stores the inspection and its unit together or not at all', async () => {
    const db = freshDb();
    const created = await createInspection(db, input, stampAt('2026-11-20T01:00:00Z'));
    await db.units.clear();
    // Same id and revision again: the inspection write fails, so the unit write must roll back too.
    await expect(
      db.transaction('rw', db.inspections, db.units, async () => {
        await db.units.put(created.unit);
        await db.inspections.add(created);
      }),
    ).rejects.toThrow();
    expect(await db.units.count()).toBe(0);
    expect(await db.inspections.count()).toBe(1);
  });

  it('records the persistent-storage answer', async () => {
    const db = freshDb();
    const storage = { persisted: async () => false, persist: async () => true } as unknown as StorageManager;
    const answer = await requestPersistentStorage(db, storage);
    expect(answer).toMatchObject({ supported: true, granted: true });
    expect((await db.settings.get(PERSIST_KEY))!.value).toEqual(answer);
    expect(await requestPersistentStorage(db, undefined)).toMatchObject({ supported: false, granted: false });
  });
});

describe('storage error messages', () => {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('vi', key, params);
  it('names a full disk plainly, in Vietnamese', () => {
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    expect(describeStorageError(quota, t)).toBe('Ổ đĩa hoặc bộ nhớ lưu trữ đã đầy');
    const wrapped = Object.assign(new Error('abort'), { name: 'AbortError', inner: { name: 'QuotaExceededError' } });
    expect(describeStorageError(wrapped, t)).toBe('Ổ đĩa hoặc bộ nhớ lưu trữ đã đầy');
    expect(describeStorageError(Object.assign(new Error('x'), { name: 'ConstraintError' }), t)).toBe('lỗi lưu trữ (ConstraintError: x)');
  });
});

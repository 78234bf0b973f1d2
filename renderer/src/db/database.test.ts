import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NewInspectionInput } from '@shared/inspection/new-inspection';
import { builtInTemplates } from '@shared/templates';
import { createInspection } from '../features/inspections/mutations';
import { getInspection, pageInspections } from '../features/inspections/queries';
import { requestPersistentStorage, PERSIST_KEY } from '../features/storage/persistence';
import { translate } from '../i18n/i18n';
import { CongvuDb, installReferenceData, refreshReviewFacts } from './database';
import { finalizeRecord } from '@shared/inspection/finalize';
import { sampleCompleteRecord, sampleNewInspectionInput } from '@shared/inspection/sample';
import { FACTS_VERSION, inspectionFacts, templatesByRef } from '@shared/review/facts';
import { describeError } from '../app/describe-error';

let n = 0;
const dbs: CongvuDb[] = [];
function freshDb(name = `test-${++n}`): CongvuDb {
  const db = new CongvuDb(name);
  dbs.push(db);
  return db;
}

/** A store as the app has it after start: reference data installed. */
async function readyDb(): Promise<CongvuDb> {
  const db = freshDb();
  await installReferenceData(db);
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
    await installReferenceData(db);
    expect((await db.templates.toArray()).map((t) => `${t.id}@${t.version}`).sort()).toEqual(['GIO@1', 'MC@1', 'MC@2', 'VH@1']);
    expect(await db.legalBases.count()).toBe(13);
    db.close();
    // A new instance (a relaunch) runs the install again; nothing is duplicated.
    const again = freshDb('reference');
    await installReferenceData(again);
    expect(await again.templates.count()).toBe(4);
    expect(await again.legalBases.count()).toBe(13);
  });

  it('never overwrites a stored template version with different content', async () => {
    const db = freshDb('immutable');
    await installReferenceData(db);
    const stored = structuredClone(builtInTemplates[0]!);
    stored.title.vi = 'Bản đã lưu trước';
    await db.templates.put(stored);
    db.close();
    const again = freshDb('immutable');
    await installReferenceData(again);
    expect((await again.templates.get(['GIO', 1]))!.title.vi).toBe('Bản đã lưu trước');
  });

  it('creates inspections durably and lists the newest revision of each, latest arrival first', async () => {
    const db = await readyDb();
    const first = await createInspection(db, input, stampAt('2026-11-20T01:00:00Z'));
    const second = await createInspection(db, { ...input, unit: { ...input.unit, code: '31472', name: 'Phường Cái Khế' } }, stampAt('2026-11-21T01:00:00Z'));
    const correction = { replacesRevision: 1, replacesHash: 'a'.repeat(64), reason: 'Sửa địa điểm' };
    await db.inspections.add({ ...first, revision: 2, place: 'Hội trường', correction });
    const page = await pageInspections(db, 100);
    expect(page.total).toBe(2);
    expect(page.more).toBe(false);
    expect(page.rows.map((i) => [i.id, i.revision])).toEqual([
      [second.id, 1],
      [first.id, 2],
    ]);
    expect((await getInspection(db, first.id))!.place).toBe('Hội trường');
    expect((await pageInspections(db, 1)).rows.map((i) => i.id)).toEqual([second.id]);
    expect((await pageInspections(db, 1)).more).toBe(true);
    expect((await pageInspections(db, 100, 'cái khế')).rows.map((i) => i.id)).toEqual([second.id]);
    expect(await getInspection(db, '019aadf8-51a0-7b2c-9d3e-0123456789ab')).toBeNull();
    expect((await db.units.toArray()).map((u) => u.name).sort()).toEqual(['Phường Cái Khế', 'UBND xã Tân Phước Hưng']);
  });

  it('stores a new inspection with all its rows, or nothing at all', async () => {
    const db = await readyDb();
    const withStaff = { ...input, unit: { ...input.unit, staff: [{ id: crypto.randomUUID(), name: 'Phạm Minh Khôi', position: '', department: '' }] } };
    // Every generated row id the same: the second row write fails midway through the transaction.
    const spy = vi.spyOn(crypto, 'randomUUID').mockReturnValue('3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f');
    await expect(createInspection(db, withStaff, stampAt('2026-11-20T01:00:00Z'))).rejects.toThrow();
    spy.mockRestore();
    for (const table of [db.inspections, db.rosterEntries, db.findings, db.units, db.auditLog]) expect(await table.count(), table.name).toBe(0);
  });

  it('keeps a known unit\'s staff list when the unit is typed in again without one', async () => {
    const db = await readyDb();
    const staff = [{ id: crypto.randomUUID(), name: 'Phạm Minh Khôi', position: '', department: '' }];
    await createInspection(db, { ...input, unit: { ...input.unit, staff } }, stampAt('2026-11-20T01:00:00Z'));
    await createInspection(db, input, stampAt('2026-11-21T01:00:00Z'));
    expect((await db.units.get(input.unit.code))!.staff).toEqual(staff);
  });

  it('records the persistent-storage answer', async () => {
    const db = await readyDb();
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
    expect(describeError(quota, t)).toBe('Ổ đĩa hoặc bộ nhớ lưu trữ đã đầy');
    const wrapped = Object.assign(new Error('abort'), { name: 'AbortError', inner: { name: 'QuotaExceededError' } });
    expect(describeError(wrapped, t)).toBe('Ổ đĩa hoặc bộ nhớ lưu trữ đã đầy');
    expect(describeError(Object.assign(new Error('x'), { name: 'ConstraintError' }), t)).toBe('lỗi lưu trữ (ConstraintError: x)');
  });
});

describe('a reviewer\'s stored facts', () => {
  it('are read again from their records once when the app reads records differently', async () => {
    const db = await readyDb();
    const record = finalizeRecord(sampleCompleteRecord(), templatesByRef(builtInTemplates), '2026-11-23T10:00:00.000+07:00');
    if (!record.ok) throw new Error('sample not finalizable');
    const r = record.record;
    await db.reviewInspections.put({ id: r.inspection.id, revision: 1, contentHash: r.inspection.contentHash!, receivedAt: '2026-11-24T00:00:00Z', seq: 1, state: 'verified', problems: [], record: r, blobs: [] });
    // Facts as an older app read them: no roll call among the violations.
    const stale = { ...inspectionFacts(r, templatesByRef(builtInTemplates)), factsVersion: 1, violations: 0, violated: [] };
    await db.reviewFacts.put(stale);
    await refreshReviewFacts(db);
    const fresh = (await db.reviewFacts.get([r.inspection.id, 1]))!;
    expect(fresh.factsVersion).toBe(FACTS_VERSION);
    expect(fresh.violated).toContain('GIO@1/GIO-03');
    // Once only: a later start leaves the rows alone.
    await db.reviewFacts.put({ ...fresh, violations: 99 });
    await refreshReviewFacts(db);
    expect((await db.reviewFacts.get([r.inspection.id, 1]))!.violations).toBe(99);
  });
});

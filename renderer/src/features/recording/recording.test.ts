import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findAuditBreak } from '@shared/audit/audit-chain';
import { recordContentHash } from '@shared/inspection/record';
import { sampleNewInspectionInput } from '@shared/inspection/sample';
import { CongvuDb, installReferenceData } from '../../db/database';
import { describeError } from '../../app/describe-error';
import { translate } from '../../i18n/i18n';
import { createInspection } from '../inspections/mutations';
import { RecordLockedError } from './draft-transaction';
import { loadRecord } from './load-record';
import {
  addRecommendation,
  adjustArrival,
  addRosterPerson,
  finalizeInspection,
  saveSignature,
  setAnswer,
  setIssue,
  setUnitRepresentatives,
  setFindingNote,
  startCorrection,
  updateRosterEntry,
} from './mutations';

let n = 0;
const dbs: CongvuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

async function setup() {
  const db = new CongvuDb(`recording-${++n}`);
  dbs.push(db);
  await installReferenceData(db);
  const input = sampleNewInspectionInput();
  input.templateRefs = ['GIO@1'];
  input.unit.staff = [
    { id: crypto.randomUUID(), name: 'Phạm Minh Khôi', position: 'Chủ tịch', department: '' },
    { id: crypto.randomUUID(), name: 'Võ Thị Thu Hằng', position: 'Công chức', department: 'Văn phòng' },
  ];
  const at = new Date('2026-11-23T00:35:00Z');
  const inspection = await createInspection(db, input, { arrivedAt: at, monotonicMs: 5, now: at });
  return { db, key: { id: inspection.id, revision: 1 } };
}

async function completeDraft(db: CongvuDb, key: { id: string; revision: number }) {
  const record = (await loadRecord(db, key))!;
  for (const entry of record.roster) await updateRosterEntry(db, key, entry.id, { status: 'present' });
  for (const f of record.findings) {
    if (f.answer !== null) continue;
    if (f.itemCode === 'GIO-05' || f.itemCode >= 'GIO-10') await setAnswer(db, key, f.id, { type: 'compliance', value: 'C' });
    else await setAnswer(db, key, f.id, { type: 'roster', rosterIds: [] });
  }
  await setIssue(db, key, { recordNumber: '15', issuer: { parentAgency: 'UBND thành phố Cần Thơ', agency: 'Sở Nội vụ', symbol: 'ĐKT' } });
  const rep = { id: crypto.randomUUID(), name: 'Phạm Minh Khôi', position: 'Chủ tịch' };
  await setUnitRepresentatives(db, key, [rep]);
  const blob = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' });
  for (const role of ['leader', 'recorder'] as const) {
    await saveSignature(db, key, { role, signerName: `Người ký ${role}`, signerPosition: '', mark: { kind: 'drawn', image: blob, sha256: 'c'.repeat(64) } });
  }
  await saveSignature(db, key, { role: 'unit-representative', signerName: rep.name, signerPosition: rep.position, mark: { kind: 'drawn', image: blob, sha256: 'c'.repeat(64) } });
}

describe('when the disk or quota is full', () => {
  it('the change is refused with a clear message and everything saved before stays as it was', async () => {
    const { db, key } = await setup();
    const record = (await loadRecord(db, key))!;
    const finding = record.findings.find((f) => f.itemCode === 'GIO-10')!;
    await setAnswer(db, key, finding.id, { type: 'compliance', value: 'C' });
    const auditBefore = await db.auditLog.count();
    const updatedBefore = (await loadRecord(db, key))!.inspection.updatedAt;
    const quota = vi.spyOn(db.findings, 'put').mockRejectedValue(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const failure = await setAnswer(db, key, finding.id, { type: 'compliance', value: 'NC' }).catch((e: unknown) => e);
    quota.mockRestore();
    expect(describeError(failure, (k, p) => translate('vi', k, p))).toBe('Ổ đĩa hoặc bộ nhớ lưu trữ đã đầy');
    expect((await db.findings.get(finding.id))!.answer).toEqual({ type: 'compliance', value: 'C' });
    expect(await db.auditLog.count()).toBe(auditBefore);
    expect((await loadRecord(db, key))!.inspection.updatedAt).toBe(updatedBefore);
  });
});

describe('recording an inspection', () => {
  it('starts with one roll-call line per staff member and one finding per item, prefilled where it can', async () => {
    const { db, key } = await setup();
    const record = (await loadRecord(db, key))!;
    expect(record.roster.map((r) => [r.seq, r.name, r.status])).toEqual([
      [0, 'Phạm Minh Khôi', 'unmarked'],
      [1, 'Võ Thị Thu Hằng', 'unmarked'],
    ]);
    // GIO: 13 items less the roll call itself (GIO-03) and the per-person late time (GIO-04).
    expect(record.findings).toHaveLength(11);
    const byCode = new Map(record.findings.map((f) => [f.itemCode, f]));
    expect(byCode.get('GIO-01')!.answer).toEqual({ type: 'time', value: record.inspection.arrival.at.slice(11, 16) });
    expect(byCode.get('GIO-02')!.answer).toEqual({ type: 'count', values: { staff: 2 } });
  });

  it('saves each change with an audit entry, and refuses invalid changes without storing them', async () => {
    const { db, key } = await setup();
    const record = (await loadRecord(db, key))!;
    const gio10 = record.findings.find((f) => f.itemCode === 'GIO-10')!;
    await setAnswer(db, key, gio10.id, { type: 'compliance', value: 'NC' });
    await setFindingNote(db, key, gio10.id, 'Không niêm yết giờ làm việc tại cổng trụ sở');
    await expect(updateRosterEntry(db, key, record.roster[0]!.id, { status: 'late' })).rejects.toThrow();
    await updateRosterEntry(db, key, record.roster[0]!.id, { status: 'late', arrivalTime: '07:58' });
    const id = await addRosterPerson(db, key, { name: 'Người mới đến', position: 'Hợp đồng' });
    const after = (await loadRecord(db, key))!;
    expect(after.findings.find((f) => f.id === gio10.id)).toMatchObject({ answer: { value: 'NC' }, note: 'Không niêm yết giờ làm việc tại cổng trụ sở' });
    expect(after.roster.map((r) => [r.name, r.status, r.arrivalTime])).toEqual([
      ['Phạm Minh Khôi', 'late', '07:58'],
      ['Võ Thị Thu Hằng', 'unmarked', undefined],
      ['Người mới đến', 'unmarked', undefined],
    ]);
    expect(after.roster[2]).toMatchObject({ id, seq: 2, addedOnSite: true });
    const log = await db.auditLog.where('inspectionId').equals(key.id).sortBy('seq');
    expect(log.map((e) => e.action)).toEqual(['inspection.create', 'finding.answer', 'finding.note', 'roster.update', 'roster.add']);
    expect(findAuditBreak(log)).toBe(-1);
  });

  it('changes the arrival time only with a reason, keeping the stamped time', async () => {
    const { db, key } = await setup();
    const before = (await loadRecord(db, key))!.inspection.arrival;
    await expect(adjustArrival(db, key, new Date('2026-11-23T00:30:00Z'), '  ')).rejects.toThrow('err.arrival.reasonRequired');
    await adjustArrival(db, key, new Date('2026-11-23T00:30:00Z'), 'Đồng hồ máy tính chạy nhanh 5 phút');
    const arrival = (await loadRecord(db, key))!.inspection.arrival;
    expect(new Date(arrival.at).toISOString()).toBe('2026-11-23T00:30:00.000Z');
    expect(arrival.monotonicMs).toBe(before.monotonicMs);
    expect(arrival.adjustments).toEqual([{ from: before.at, to: arrival.at, reason: 'Đồng hồ máy tính chạy nhanh 5 phút', at: expect.any(String) }]);
  });

  it('finalizes only a complete record, stores its hash, then refuses every edit', async () => {
    const { db, key } = await setup();
    const incomplete = await finalizeInspection(db, key);
    expect(incomplete.ok).toBe(false);
    await completeDraft(db, key);
    await addRecommendation(db, key, { target: { kind: 'unit' }, measure: 'remind', text: 'Chấn chỉnh giờ giấc làm việc', deadline: '2026-12-31' });
    const result = await finalizeInspection(db, key);
    expect(result).toMatchObject({ ok: true });
    const stored = (await loadRecord(db, key))!;
    expect(stored.inspection.status).toBe('finalized');
    expect(stored.inspection.contentHash).toBe(recordContentHash(stored));
    const finding = stored.findings[0]!;
    await expect(setAnswer(db, key, finding.id, { type: 'compliance', value: 'NC' })).rejects.toBeInstanceOf(RecordLockedError);
    await expect(setFindingNote(db, key, finding.id, 'sửa')).rejects.toBeInstanceOf(RecordLockedError);
    await expect(finalizeInspection(db, key)).rejects.toBeInstanceOf(RecordLockedError);
    expect((await loadRecord(db, key))!).toEqual(stored);
  });

  it('corrects a finalized record through a new revision that links to it', async () => {
    const { db, key } = await setup();
    await completeDraft(db, key);
    await finalizeInspection(db, key);
    const first = (await loadRecord(db, key))!;
    await expect(startCorrection(db, key, '  ')).rejects.toThrow('err.correction.reasonRequired');
    const next = await startCorrection(db, key, 'Ghi nhầm trạng thái điểm danh');
    expect(next).toEqual({ id: key.id, revision: 2 });
    const second = (await loadRecord(db, next))!;
    expect(second.inspection).toMatchObject({ status: 'draft', correction: { replacesRevision: 1, replacesHash: first.inspection.contentHash } });
    expect(second.findings).toHaveLength(first.findings.length);
    expect(second.signatures).toEqual([]);
    await expect(startCorrection(db, key, 'lần nữa')).rejects.toThrow('err.correction.exists');
    expect((await loadRecord(db, key))!).toEqual(first);
    const log = await db.auditLog.where('inspectionId').equals(key.id).sortBy('seq');
    expect(findAuditBreak(log)).toBe(-1);
    expect(log.at(-1)!.action).toBe('inspection.correction');
  });
});

import { FORMAT_VERSION } from '../format-version';
import { templateRef } from '../schemas';
import { currentBuiltInTemplates } from '../templates';
import { initialRows } from './initial-rows';
import { buildDraftInspection, type NewInspectionInput } from './new-inspection';
import type { InspectionRecord } from './record';

/**
 * A realistic "new inspection" form, with full Vietnamese diacritics, for tests, seeds and
 * benchmarks. Returns a fresh copy each time so callers may change it.
 */
export function sampleNewInspectionInput(): NewInspectionInput {
  return {
    unit: { code: '31471', name: 'UBND xã Tân Phước Hưng', level: 'commune', province: 'Cần Thơ', address: '', staff: [] },
    place: 'Trụ sở UBND xã Tân Phước Hưng',
    team: [
      { name: 'Nguyễn Thị Ánh Tuyết', position: 'Trưởng phòng', agency: 'Sở Nội vụ', role: 'leader' },
      { name: 'Trần Văn Đức', position: 'Chuyên viên', agency: 'Sở Nội vụ', role: 'member' },
      { name: 'Lê Hoàng Yến', position: 'Chuyên viên', agency: 'Sở Nội vụ', role: 'recorder' },
    ],
    legalBasisIds: ['CD968', 'CT26'],
    templateRefs: ['GIO@1', 'VH@1'],
  };
}

/**
 * A complete draft record, every item answered, roll call marked, three signatures: ready to
 * finalize. For tests, seeds and benchmarks. `staff` people on the roster (default 8).
 */
export function sampleCompleteRecord(options: { staff?: number; arrivedAt?: Date } = {}): InspectionRecord {
  const staffCount = options.staff ?? 8;
  const input = sampleNewInspectionInput();
  input.templateRefs = currentBuiltInTemplates.map(templateRef);
  const names = ['Phạm Minh Khôi', 'Võ Thị Thu Hằng', 'Đặng Quốc Bảo', 'Huỳnh Ngọc Ánh', 'Trương Văn Lợi', 'Ngô Thị Diễm', 'Lý Gia Huy', 'Dương Mỹ Linh'];
  input.unit.staff = Array.from({ length: staffCount }, (_, i) => ({
    id: globalThis.crypto.randomUUID(),
    name: `${names[i % names.length]}${i >= names.length ? ` ${Math.floor(i / names.length) + 1}` : ''}`,
    position: i === 0 ? 'Chủ tịch UBND xã' : 'Công chức',
    department: i % 2 ? 'Văn phòng - Thống kê' : 'Tư pháp - Hộ tịch',
  }));
  const arrivedAt = options.arrivedAt ?? new Date('2026-11-23T00:35:00Z');
  const inspection = buildDraftInspection(input, { arrivedAt, monotonicMs: 1000, now: arrivedAt });
  const representative = { id: globalThis.crypto.randomUUID(), name: names[0]!, position: 'Chủ tịch UBND xã' };
  inspection.unitRepresentatives = [representative];
  inspection.recordNumber = '15';
  inspection.issuer = { parentAgency: 'UBND thành phố Cần Thơ', agency: 'Sở Nội vụ', symbol: 'ĐKT' };
  const newId = () => globalThis.crypto.randomUUID();
  const { roster, findings } = initialRows(inspection, currentBuiltInTemplates, newId);
  const statuses = ['present', 'present', 'late', 'excused', 'on-mission', 'unexcused'] as const;
  roster.forEach((r, i) => {
    r.status = statuses[i % statuses.length]!;
    if (r.status === 'late') r.arrivalTime = '07:52';
    if (r.status === 'excused') r.verification = 'leave-form';
  });
  const items = new Map(currentBuiltInTemplates.flatMap((t) => t.sections.flatMap((s) => s.items)).map((i) => [i.code, i]));
  for (const f of findings) {
    const item = items.get(f.itemCode)!;
    if (f.answer !== null) continue;
    switch (item.answerType) {
      case 'compliance':
        f.answer = { type: 'compliance', value: f.itemCode === 'VH-09' ? 'NC' : 'C' };
        if (f.itemCode === 'VH-09') f.note = 'Phòng Tư pháp - Hộ tịch để hồ sơ trên sàn, lối đi chật.';
        break;
      case 'count':
        // Numbers that meet the item's rule, if it has one (the staff assigned are all at the counters, no late file without an apology).
        f.answer = { type: 'count', values: Object.fromEntries(item.countFields!.map((c, i) => [c.key, item.compliantWhen ? (c.key === 'withoutApology' ? 0 : 2) : i + 1])) };
        break;
      case 'time':
        f.answer = { type: 'time', value: '07:45' };
        break;
      case 'text':
        f.answer = { type: 'text', value: 'Không có ý kiến' };
        break;
      case 'roster':
        f.answer = { type: 'roster', rosterIds: f.itemCode === 'VH-01' && roster[1] ? [roster[1].id] : [] };
        break;
    }
  }
  const at = inspection.createdAt;
  const scope = { inspectionId: inspection.id, revision: inspection.revision };
  const sig = (role: 'leader' | 'recorder' | 'unit-representative', signerName: string, n: number) => ({
    id: newId(),
    ...scope,
    role,
    signerName,
    signerPosition: role === 'unit-representative' ? representative.position : '',
    mark: { kind: 'drawn' as const, imageSha256: String(n).repeat(64) },
    at,
  });
  return {
    formatVersion: FORMAT_VERSION,
    inspection,
    roster,
    findings,
    recommendations: [
      { id: newId(), ...scope, target: { kind: 'finding', itemCode: 'VH-09' }, measure: 'remedy', text: 'Sắp xếp lại hồ sơ, giữ lối đi thông thoáng.', deadline: '2026-12-15', createdAt: at },
    ],
    attachments: [],
    signatures: [sig('unit-representative', names[0]!, 1), sig('recorder', 'Lê Hoàng Yến', 2), sig('leader', 'Nguyễn Thị Ánh Tuyết', 3)],
  };
}

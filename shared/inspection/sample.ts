import type { NewInspectionInput } from './new-inspection';

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

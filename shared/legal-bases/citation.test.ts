import { describe, expect, it } from 'vitest';
import { legalBasisSchema } from '../schemas/legal-basis';
import { legalBasisCitation } from './citation';
import { defaultLegalBases } from './default-legal-bases';

const byId = new Map(defaultLegalBases.map((b) => [b.id, b]));

describe('legal bases as the record cites them', () => {
  it('cites a law by its title, other documents by kind, number, date, issuer and subject', () => {
    expect(legalBasisCitation(byId.get('L80')!)).toBe('Căn cứ Luật Cán bộ, công chức số 80/2025/QH15 ngày 24 tháng 6 năm 2025;');
    expect(legalBasisCitation(byId.get('ND30')!)).toBe('Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;');
    expect(legalBasisCitation(byId.get('QD1847')!)).toBe('Căn cứ Quyết định số 1847/QĐ-TTg ngày 27 tháng 12 năm 2018 của Thủ tướng Chính phủ phê duyệt Đề án Văn hóa công vụ;');
    expect(legalBasisCitation(byId.get('ND172')!)).toBe('Căn cứ Nghị định số 172/2025/NĐ-CP ngày 30 tháng 6 năm 2025 của Chính phủ quy định về xử lý kỷ luật cán bộ, công chức;');
  });

  it('gives every built-in basis its date', () => {
    for (const b of defaultLegalBases) expect(legalBasisCitation(b), b.id).toMatch(/ ngày \d{2} tháng \d{1,2} năm \d{4}/);
  });

  it('does not say "về" twice when a subject handed down starts with it', () => {
    const basis = legalBasisSchema.parse({ ...byId.get('ND30')!, subject: { vi: 'Về công tác văn thư', en: 'Clerical work' } });
    expect(legalBasisCitation(basis)).toBe('Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;');
  });
});

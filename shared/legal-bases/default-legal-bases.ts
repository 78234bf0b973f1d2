import { legalBasisSchema, type LegalBasis } from '../schemas/legal-basis';

/**
 * Legal bases as of late 2025 (see shared/domain/checklists.md). They change, so they are data with
 * effective dates, never logic. The `source` tag is the reference's own (R read, R2 second-hand,
 * G general knowledge). Dates of issue the reference leaves out (QĐ129, Luật 80, NĐ172, NĐ73,
 * QĐ188, Luật 44) are the documents' published dates, as every citation in the record needs one.
 */
const raw: LegalBasis[] = [
  {
    id: 'CD968', shortName: '968', number: '968/CĐ-TTg',
    kind: { vi: 'Công điện', en: 'Official Dispatch' },
    issuer: { vi: 'Thủ tướng Chính phủ', en: 'the Prime Minister' },
    issuedOn: '2023-10-16', effectiveFrom: null, effectiveTo: null, source: 'R',
    subject: {
      vi: 'Chấn chỉnh, tăng cường kỷ luật, kỷ cương hành chính trong các cơ quan hành chính nhà nước; kiểm tra đột xuất việc thực thi công vụ',
      en: 'Rectify and strengthen discipline in state administrative agencies; surprise inspections of public service',
    },
  },
  {
    id: 'CT26', shortName: 'CT26', number: '26/CT-TTg',
    kind: { vi: 'Chỉ thị', en: 'Directive' },
    issuer: { vi: 'Thủ tướng Chính phủ', en: 'the Prime Minister' },
    issuedOn: '2016-09-05', effectiveFrom: null, effectiveTo: null, source: 'R',
    subject: {
      vi: 'Tăng cường kỷ luật, kỷ cương trong các cơ quan hành chính nhà nước các cấp',
      en: 'Strengthen discipline in state administrative agencies at all levels',
    },
  },
  {
    id: 'ND30', shortName: 'NĐ30', number: '30/2020/NĐ-CP',
    kind: { vi: 'Nghị định', en: 'Decree' },
    issuer: { vi: 'Chính phủ', en: 'the Government' },
    issuedOn: '2020-03-05', effectiveFrom: null, effectiveTo: null, source: 'R',
    subject: { vi: 'Công tác văn thư', en: 'Clerical work and the format of administrative documents' },
  },
  {
    id: 'QD1847', shortName: 'QĐ1847', number: '1847/QĐ-TTg',
    kind: { vi: 'Quyết định', en: 'Decision' },
    issuer: { vi: 'Thủ tướng Chính phủ', en: 'the Prime Minister' },
    issuedOn: '2018-12-27', effectiveFrom: null, effectiveTo: null, source: 'R2',
    subject: { vi: 'Phê duyệt Đề án Văn hóa công vụ', en: 'Public-service culture scheme' },
  },
  {
    id: 'QD129', shortName: 'QĐ129', number: '129/2007/QĐ-TTg',
    kind: { vi: 'Quyết định', en: 'Decision' },
    issuer: { vi: 'Thủ tướng Chính phủ', en: 'the Prime Minister' },
    issuedOn: '2007-08-02', effectiveFrom: null, effectiveTo: null, source: 'G',
    subject: {
      vi: 'Ban hành Quy chế văn hóa công sở tại các cơ quan hành chính nhà nước',
      en: 'Office culture in state administrative agencies (name card, nameplate, no smoking)',
    },
  },
  {
    id: 'QD03', shortName: 'QĐ03', number: '03/2007/QĐ-BNV',
    kind: { vi: 'Quyết định', en: 'Decision' },
    issuer: { vi: 'Bộ trưởng Bộ Nội vụ', en: 'the Minister of Home Affairs' },
    issuedOn: '2007-02-26', effectiveFrom: null, effectiveTo: null, source: 'R',
    subject: {
      vi: 'Ban hành Quy tắc ứng xử của cán bộ, công chức, viên chức làm việc trong bộ máy chính quyền địa phương',
      en: 'Code of conduct for staff of local government',
    },
  },
  {
    id: 'L80', shortName: 'Luật 80', number: '80/2025/QH15',
    kind: { vi: 'Luật', en: 'Law' },
    issuedOn: '2025-06-24', effectiveFrom: '2025-07-01', effectiveTo: null, source: 'R2',
    subject: { vi: 'Luật Cán bộ, công chức', en: 'Law on Cadres and Civil Servants' },
  },
  {
    id: 'ND172', shortName: 'NĐ172', number: '172/2025/NĐ-CP',
    kind: { vi: 'Nghị định', en: 'Decree' },
    issuer: { vi: 'Chính phủ', en: 'the Government' },
    issuedOn: '2025-06-30', effectiveFrom: '2025-07-01', effectiveTo: null, source: 'R',
    subject: { vi: 'Quy định về xử lý kỷ luật cán bộ, công chức', en: 'Discipline of cadres and civil servants' },
  },
  {
    id: 'ND118', shortName: 'NĐ118', number: '118/2025/NĐ-CP',
    kind: { vi: 'Nghị định', en: 'Decree' },
    issuer: { vi: 'Chính phủ', en: 'the Government' },
    issuedOn: '2025-06-09', effectiveFrom: null, effectiveTo: null, source: 'R',
    subject: {
      vi: 'Thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia',
      en: 'One-stop-shop mechanism and Public Administration Service Centres',
    },
  },
  {
    id: 'TT03', shortName: 'TT03', number: '03/2025/TT-VPCP',
    kind: { vi: 'Thông tư', en: 'Circular' },
    issuer: { vi: 'Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ', en: 'the Minister-Chairman of the Government Office' },
    issuedOn: '2025-09-15', effectiveFrom: null, effectiveTo: null, source: 'R',
    subject: {
      vi: 'Nhiệm vụ, biểu mẫu của Trung tâm Phục vụ hành chính công cấp xã',
      en: 'Duties and forms of the commune service centre',
    },
  },
  {
    id: 'ND73', shortName: 'NĐ73', number: '73/2023/NĐ-CP',
    kind: { vi: 'Nghị định', en: 'Decree' },
    issuer: { vi: 'Chính phủ', en: 'the Government' },
    issuedOn: '2023-09-29', effectiveFrom: null, effectiveTo: null, source: 'R',
    subject: {
      vi: 'Khuyến khích, bảo vệ cán bộ năng động, sáng tạo, dám nghĩ, dám làm, dám chịu trách nhiệm vì lợi ích chung',
      en: 'Encouraging and protecting dynamic, creative officials',
    },
  },
  {
    id: 'QD188', shortName: 'QĐ188', number: '188/1999/QĐ-TTg',
    kind: { vi: 'Quyết định', en: 'Decision' },
    issuer: { vi: 'Thủ tướng Chính phủ', en: 'the Prime Minister' },
    issuedOn: '1999-09-17', effectiveFrom: null, effectiveTo: null, source: 'G',
    subject: { vi: 'Thực hiện chế độ tuần làm việc 40 giờ', en: '40-hour working week' },
  },
  {
    id: 'L44', shortName: 'Luật 44', number: '44/2019/QH14',
    kind: { vi: 'Luật', en: 'Law' },
    issuedOn: '2019-06-14', effectiveFrom: '2020-01-01', effectiveTo: null, source: 'G',
    subject: {
      vi: 'Luật Phòng, chống tác hại của rượu, bia',
      en: 'Law on prevention and control of harmful effects of alcoholic beverages',
    },
  },
];

/** Bumped whenever the data below changes, so installed copies are brought up to date once. */
export const DEFAULT_LEGAL_BASES_VERSION = 2;

export const defaultLegalBases: readonly LegalBasis[] = Object.freeze(raw.map((b) => legalBasisSchema.parse(b)));

/** The bases a surprise inspection of public service is normally conducted under. */
export const defaultInspectionBasisIds: readonly string[] = ['CD968', 'CT26'];

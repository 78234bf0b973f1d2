import type { LegalBasis } from '../schemas/legal-basis';
import { vnDateWords } from '../report/vn-date';

/** Subjects that start with what the document does read on without "về" ("… của Chính phủ quy định về …"). */
// Followed by a space or the end, not \b: JavaScript's \b knows only ASCII letters ("về\b" never matches).
const VERB_LEAD = /^(ban hành|phê duyệt|quy định|hướng dẫn|về|sửa đổi|bổ sung|bãi bỏ|thành lập)(?=\s|$)/iu;

const isLaw = (b: LegalBasis) => /^(bộ )?luật$/iu.test(b.kind.vi.trim());

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

/**
 * A legal basis as the record cites it: "Căn cứ Luật Cán bộ, công chức số 80/2025/QH15 ngày 24
 * tháng 6 năm 2025;" or "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ
 * về công tác văn thư;". A basis without a known date says so rather than print an empty date.
 */
export function legalBasisCitation(b: LegalBasis): string {
  const date = b.issuedOn ? ` ${vnDateWords(b.issuedOn)}` : '';
  if (isLaw(b)) return `Căn cứ ${b.subject.vi} số ${b.number}${date};`;
  const subject = b.subject.vi.trim();
  const about = VERB_LEAD.test(subject) ? lowerFirst(subject) : `về ${lowerFirst(subject)}`;
  const by = b.issuer ? ` của ${b.issuer.vi}` : '';
  return `Căn cứ ${b.kind.vi} số ${b.number}${date}${by} ${about};`;
}

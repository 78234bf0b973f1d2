import type { LocalText } from '../schemas/common';
import type { SheetOut } from './cells';
import { workbookSheets } from './layout';

/** The sheet the written workbook ends with, telling the author how to fill every column; the reader skips it. */
export const GUIDE_SHEET = { name: 'Hướng dẫn', aliases: ['Instructions'] } as const;

const t = (vi: string, en: string): LocalText => ({ vi, en });
const date = t('Ngày dd/mm/yyyy; để trống nếu chưa xác minh.', 'A date dd/mm/yyyy; empty when not verified.');

const HINTS: Record<string, LocalText> = {
  'template.id': t('2–10 chữ in hoa hoặc số, bắt đầu bằng chữ (ví dụ MCT); mã phần và mã mục bắt đầu bằng mã này.', '2–10 capitals or digits, starting with a letter (e.g. MCT); section and item codes start with it.'),
  'template.version': t('Số nguyên từ 1. Sửa một mẫu đã ban hành thì tăng phiên bản.', 'A whole number from 1. A change to a published template needs a higher version.'),
  'template.titleVi': t('Tên danh mục bằng tiếng Việt.', 'The checklist’s name in Vietnamese.'),
  'template.titleEn': t('Tên danh mục bằng tiếng Anh.', 'The checklist’s name in English.'),
  'template.publishedAt': t('Ngày dd/mm/yyyy, có thể kèm giờ HH:mm (giờ Việt Nam).', 'A date dd/mm/yyyy, optionally with a time HH:mm (Vietnam time).'),
  'template.format': t('Ghi 1 (phiên bản của cách bố trí bảng tính này).', 'Write 1 (the version of this workbook layout).'),
  'sections.code': t('Mã mẫu, gạch nối, 1–4 chữ hoặc số (ví dụ MCT-A). Thứ tự các dòng là thứ tự các phần.', 'Template id, a hyphen, 1–4 letters or digits (e.g. MCT-A). Rows are in the sections’ order.'),
  'sections.titleVi': t('Tên phần bằng tiếng Việt.', 'The section’s title in Vietnamese.'),
  'sections.titleEn': t('Tên phần bằng tiếng Anh.', 'The section’s title in English.'),
  'items.code': t('Mã mẫu, gạch nối, 2 hoặc 3 chữ số (ví dụ MCT-01); không trùng nhau.', 'Template id, a hyphen, 2 or 3 digits (e.g. MCT-01); each once.'),
  'items.section': t('Mã một phần của trang Phần. Trong mỗi phần, các mục theo thứ tự dòng.', 'A section code from the Sections sheet. Within a section, items follow the rows’ order.'),
  'items.textVi': t('Nội dung kiểm tra bằng tiếng Việt, tối đa 1.000 ký tự.', 'What is checked, in Vietnamese, at most 1,000 characters.'),
  'items.textEn': t('Nội dung kiểm tra bằng tiếng Anh.', 'What is checked, in English.'),
  'items.answerType': t('Tuân thủ (C/NC/NA), Số liệu, Giờ, Ghi chép hoặc Danh sách CBCC.', 'Tuân thủ (compliance), Số liệu (count), Giờ (time), Ghi chép (text) or Danh sách CBCC (staff list).'),
  'items.critical': t('Có hoặc Không; để trống là Không.', 'Có (yes) or Không (no); empty is no.'),
  'items.required': t('Có hoặc Không; để trống là Có.', 'Có (yes) or Không (no); empty is yes.'),
  'items.wording': t('Yêu cầu (nội dung nêu quy định) hoặc Vi phạm (nội dung nêu hành vi vi phạm); để trống là Yêu cầu.', 'Yêu cầu (the text names the rule) or Vi phạm (it names the breach); empty is Yêu cầu.'),
  'items.legalRefs': t('Mã căn cứ, có thể kèm điều, khoản sau dấu hai chấm, cách nhau bằng dấu chấm phẩy: ND30: Điều 5 khoản 6; L80.', 'Basis ids, each optionally followed by a colon and the provision, separated by semicolons: ND30: Điều 5 khoản 6; L80.'),
  'items.noteVi': t('Căn cứ không phải văn bản (ví dụ Thực tiễn kiểm tra); ghi cả hai thứ tiếng hoặc để trống cả hai.', 'A basis that is not a document (e.g. inspection practice); both languages or neither.'),
  'items.noteEn': t('Như cột trước, bằng tiếng Anh.', 'As the previous column, in English.'),
  'items.rosterKind': t('Chỉ với mục Danh sách CBCC: Điểm danh hoặc Người vi phạm.', 'Staff-list items only: Điểm danh (roll call) or Người vi phạm (who breached the rule).'),
  'items.perRosterRow': t('Chỉ với mục Giờ: Có nếu hỏi giờ của từng người trong danh sách.', 'Time items only: Có (yes) to ask the time of each person on the list.'),
  'items.prefill': t('Giờ Đoàn đến (mục Giờ) hoặc Số CBCC (mục Số liệu có đúng một số): điền sẵn khi bắt đầu kiểm tra.', 'Giờ Đoàn đến (a time item) or Số CBCC (a count item with one number): filled in when the inspection starts.'),
  'items.compliantWhen': t('Chỉ với mục Số liệu: điều kiện theo khóa ở trang Số liệu, cách nhau bằng dấu chấm phẩy, ví dụ taiQuay >= duocGiao; treHan = 0 (dùng =, <>, <, <=, >, >=). Để trống: chỉ ghi số, không đánh giá.', 'Count items only: conditions on the keys of the Count fields sheet, separated by semicolons, e.g. atCounter >= assigned; overdue = 0 (=, <>, <, <=, >, >=). Empty: numbers recorded, not judged.'),
  'countFields.item': t('Mã một mục Số liệu; mỗi số một dòng, theo thứ tự hỏi.', 'A count item’s code; one row per number, in the order asked.'),
  'countFields.key': t('Chữ thường không dấu, rồi chữ hoặc số (ví dụ taiQuay); dùng trong Điều kiện đạt.', 'A lowercase ASCII letter, then letters or digits (e.g. atCounter); used in the rule.'),
  'countFields.labelVi': t('Tên số liệu bằng tiếng Việt.', 'The number’s label in Vietnamese.'),
  'countFields.labelEn': t('Tên số liệu bằng tiếng Anh.', 'The number’s label in English.'),
  'countFields.unitVi': t('Đơn vị tính bằng tiếng Việt (người, hồ sơ, phút).', 'Its unit in Vietnamese (người, hồ sơ, phút).'),
  'countFields.unitEn': t('Đơn vị tính bằng tiếng Anh.', 'Its unit in English.'),
  'legalBases.id': t('2–16 chữ in hoa không dấu hoặc số (ví dụ ND30); là mã dùng trong cột Căn cứ pháp lý của trang Mục kiểm tra.', '2–16 ASCII capitals or digits (e.g. ND30); the id the Items sheet cites.'),
  'legalBases.shortName': t('Như khi trích dẫn (ví dụ NĐ30), tối đa 20 ký tự.', 'As cited (e.g. NĐ30), at most 20 characters.'),
  'legalBases.number': t('Như in trên văn bản (ví dụ 30/2020/NĐ-CP).', 'As printed (e.g. 30/2020/NĐ-CP).'),
  'legalBases.kindVi': t('Luật, Nghị định, Quyết định, Thông tư…', 'Luật, Nghị định, Quyết định, Thông tư… (in Vietnamese).'),
  'legalBases.kindEn': t('Loại văn bản bằng tiếng Anh (Law, Decree…).', 'The kind in English (Law, Decree…).'),
  'legalBases.issuerVi': t('Cơ quan ban hành; để trống với Luật.', 'Who issued it; empty for a law.'),
  'legalBases.issuerEn': t('Cơ quan ban hành bằng tiếng Anh.', 'Who issued it, in English.'),
  'legalBases.issuedOn': date,
  'legalBases.subjectVi': t('Với Luật: tên Luật; văn bản khác: trích yếu nội dung.', 'For a law, its title; otherwise what it is about.'),
  'legalBases.subjectEn': t('Như cột trước, bằng tiếng Anh.', 'As the previous column, in English.'),
  'legalBases.effectiveFrom': date,
  'legalBases.effectiveTo': t('Ngày dd/mm/yyyy; để trống khi còn hiệu lực.', 'A date dd/mm/yyyy; empty while in force.'),
  'legalBases.source': t('R: đã đọc văn bản; R2: qua nguồn khác; G: hiểu biết chung.', 'R: read in the source; R2: second-hand; G: general knowledge.'),
};

/** Every column of every sheet, whether it must be filled, and how. */
export function guideSheet(): SheetOut {
  return {
    name: GUIDE_SHEET.name,
    columns: [
      { header: 'Trang', width: 16, format: 'text' },
      { header: 'Cột', width: 30, format: 'text' },
      { header: 'Bắt buộc', width: 10, format: 'text' },
      { header: 'Cách ghi', width: 70, format: 'text' },
      { header: 'How to fill it in', width: 60, format: 'text' },
    ],
    rows: workbookSheets.flatMap((s) =>
      s.columns.map((c) => {
        const hint = HINTS[`${s.key}.${c.key}`]!;
        return [s.name, c.label, c.required ? 'Có' : null, hint.vi, hint.en];
      }),
    ),
  };
}

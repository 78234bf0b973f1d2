import { jsPDF } from 'jspdf';
import { drawDocumentHeader } from './document-header';
import { FlowWriter } from './flow-writer';
import { outputPdf, registerFonts, type ReportFonts } from './fonts';
import { CONTENT_WIDTH, PAGE } from './page-geometry';
import { numberPages } from './pdf-furniture';
import { drawPagedTable, measureTable, tableLead, type PagedTableSpec } from './paged-table';
import type { InspectionSummary } from './summary';
import { pdfDate, vnDate, vnDateWords } from './vn-date';

export interface SummaryPdfInput {
  summary: InspectionSummary;
  fonts: ReportFonts;
  parentAgency: string;
  agency: string;
  /** "Cần Thơ": the place in the date line. */
  place: string;
  preparedBy: string;
  /** Local ISO date-time of the report. */
  at: string;
}

/** A section heading kept on the page of the start of its table, the table paged as the record's are. */
function headedTable(w: FlowWriter, heading: string, spec: PagedTableSpec): void {
  const style = { style: 'bold' as const, after: 3 };
  const table = measureTable(w, spec);
  w.ensure(w.paragraphHeight(heading, style) + tableLead(table));
  w.paragraph(heading, style);
  drawPagedTable(w, table);
  w.space(17);
}

/** A section that has nothing to list: its heading and one sentence, on the same page. */
function section(w: FlowWriter, heading: string, sentence: string): void {
  const style = { style: 'bold' as const, after: 3 };
  w.ensure(w.paragraphHeight(heading, style) + w.bodyHeight(sentence));
  w.paragraph(heading, style);
  w.body(sentence);
}

/** The team lead's summary over selected inspections, as a Decree 30 style report (báo cáo). */
export function buildSummaryPdf(input: SummaryPdfInput): Uint8Array {
  const { summary: s } = input;
  const doc = new jsPDF({ unit: 'mm', format: 'a4', compress: true, putOnlyUsedFonts: true });
  registerFonts(doc, input.fonts);
  doc.setProperties({ title: 'Báo cáo kết quả kiểm tra công vụ', creator: 'congvu' });
  doc.setCreationDate(pdfDate(input.at));
  const w = new FlowWriter(doc);
  drawDocumentHeader(w, { parentAgency: input.parentAgency, agency: input.agency, numberLine: 'Số:        /BC-ĐKT', dateLine: `${input.place}, ${vnDateWords(input.at)}` });
  w.paragraph('BÁO CÁO', { style: 'bold', size: 14, align: 'center', after: 0 });
  w.paragraph('Kết quả kiểm tra đột xuất việc thực thi công vụ', { style: 'bold', size: 14, align: 'center', after: 0 });
  w.paragraph(s.period ? `(từ ngày ${vnDate(s.period.from)} đến ngày ${vnDate(s.period.to)})` : '(không có cuộc kiểm tra nào)', { style: 'italic', size: 13, align: 'center', after: 10 });

  const totalViolations = s.units.reduce((n, u) => n + u.violations, 0);
  const staff = s.units.reduce((n, u) => n + u.staff, 0);
  const late = s.units.reduce((n, u) => n + u.late, 0);
  const unexcused = s.units.reduce((n, u) => n + u.unexcused, 0);
  const overdue = s.recommendations.filter((r) => r.overdue).length;
  w.paragraph('I. TỔNG QUAN', { style: 'bold', after: 3 });
  w.body(`Đoàn kiểm tra đã tiến hành ${s.inspections.length} cuộc kiểm tra tại ${s.units.length} đơn vị; phát hiện ${totalViolations} nội dung vi phạm; điểm danh ${staff} lượt cán bộ, công chức, trong đó đi muộn ${late}, vắng không lý do ${unexcused}; ${s.officials.length} cán bộ, công chức có tên trong các vi phạm; ${s.recommendations.length} kiến nghị, trong đó ${overdue} kiến nghị đã quá thời hạn khắc phục.`);

  headedTable(w, 'II. KẾT QUẢ THEO ĐƠN VỊ', {
    head: [['STT', 'Đơn vị', 'Số cuộc', 'Vi phạm', 'Số người', 'Có mặt', 'Đi muộn', 'Vắng KLD']],
    body: s.units.map((u, i) => [String(i + 1), w.printable(u.unitName), u.inspections, u.violations, u.staff, u.present, u.late, u.unexcused].map(String)),
    columnStyles: { 0: { halign: 'center', cellWidth: 10 }, 2: { halign: 'right' }, 3: { halign: 'right' }, 4: { halign: 'right' }, 5: { halign: 'right' }, 6: { halign: 'right' }, 7: { halign: 'right' } },
  });

  const violated = s.items.filter((i) => i.violations > 0);
  if (violated.length === 0) section(w, 'III. VI PHẠM THEO NỘI DUNG KIỂM TRA', 'Không phát hiện nội dung vi phạm.');
  else {
    headedTable(w, 'III. VI PHẠM THEO NỘI DUNG KIỂM TRA', {
      head: [['Mã', 'Nội dung', 'Số lần kiểm tra', 'Số lần vi phạm']],
      body: violated.map((i) => [i.code, w.printable(`${i.text}${i.critical ? ' (*)' : ''}`), String(i.checked), String(i.violations)]),
      columnStyles: { 0: { cellWidth: 18 }, 2: { halign: 'right', cellWidth: 24 }, 3: { halign: 'right', cellWidth: 24 } },
    });
  }

  if (s.officials.length === 0) section(w, 'IV. CÁN BỘ, CÔNG CHỨC CÓ VI PHẠM', 'Không có cán bộ, công chức nào có tên trong các vi phạm.');
  else {
    headedTable(w, 'IV. CÁN BỘ, CÔNG CHỨC CÓ VI PHẠM', {
      head: [['STT', 'Họ và tên', 'Chức vụ', 'Đơn vị', 'Số lần', 'Nội dung']],
      body: s.officials.map((o, i) => [String(i + 1), w.printable(o.name), w.printable(o.position), w.printable(o.unitName), String(o.violations), w.printable(o.what.join('\n'))]),
      columnStyles: { 0: { halign: 'center', cellWidth: 10 }, 1: { cellWidth: 32 }, 4: { halign: 'right', cellWidth: 14 }, 5: { cellWidth: 55 } },
    });
  }

  if (s.recommendations.length === 0) section(w, 'V. KIẾN NGHỊ VÀ THỜI HẠN KHẮC PHỤC', 'Không có kiến nghị.');
  else {
    headedTable(w, 'V. KIẾN NGHỊ VÀ THỜI HẠN KHẮC PHỤC', {
      head: [['STT', 'Đơn vị', 'Đối tượng', 'Biện pháp', 'Nội dung', 'Thời hạn']],
      // An overdue recommendation stands out in bold.
      body: s.recommendations.map((r, i) =>
        [String(i + 1), w.printable(r.unitName), w.printable(r.target), r.measure, w.printable(r.text), r.deadline ? `${vnDate(r.deadline)}${r.overdue ? '\n(quá hạn)' : ''}` : '—'].map((content) => ({
          content,
          styles: { fontStyle: r.overdue ? ('bold' as const) : ('normal' as const) },
        })),
      ),
      columnStyles: { 0: { halign: 'center', cellWidth: 10 }, 5: { cellWidth: 22 } },
    });
  }

  w.ensure(40);
  const cx = PAGE.left + CONTENT_WIDTH * 0.75;
  w.setFont('bold', 13);
  doc.text('NGƯỜI LẬP BÁO CÁO', cx - doc.getTextWidth('NGƯỜI LẬP BÁO CÁO') / 2, w.y + 5);
  const name = w.printable(input.preparedBy);
  doc.text(name, cx - doc.getTextWidth(name) / 2, w.y + 30);
  w.y += 36;
  numberPages(w, `Báo cáo tổng hợp ${s.inspections.length} cuộc kiểm tra - lập bằng congvu`);
  return outputPdf(doc);
}

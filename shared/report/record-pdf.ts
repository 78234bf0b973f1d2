import { jsPDF } from 'jspdf';
import type { RowInput } from 'jspdf-autotable';
import { itemResults } from '../inspection/item-results';
import type { InspectionRecord } from '../inspection/record';
import { rollCallCounts, rollCallOrder } from '../inspection/roll-call';
import { legalBasisCitation } from '../legal-bases/citation';
import { templateRef, type LegalBasis, type Template } from '../schemas';
import { drawDocumentHeader } from './document-header';
import { FlowWriter, type TextStyle } from './flow-writer';
import { numberPages } from './pdf-furniture';
import { outputPdf, registerFonts, type ReportFonts } from './fonts';
import { BLANK, issuerOf, placeName, printedIssuer, recordNumberLine } from './issuer';
import { attendanceLabel, measureLabel, teamRoleLabel, verificationLabel } from './labels';
import { involvedText, resultCellText } from './answer-text';
import { drawPagedTable, measureTable, tableLead, type PagedTableSpec } from './paged-table';
import { closingAndSignatures, photoAppendix, recipients, type BlobSource } from './record-pdf-closing';
import { pdfDate, vnDate, vnDateTime, vnDateWords, vnTimeWords } from './vn-date';

export type { BlobSource } from './record-pdf-closing';

export interface RecordPdfInput {
  record: InspectionRecord;
  templates: readonly Template[];
  legalBases: readonly LegalBasis[];
  fonts: ReportFonts;
  /** Bytes of the record's blobs (drawn signatures, photos and their report copies). */
  blob: BlobSource;
}

/** Photos in the appendix, numbered in the order they were taken. */
function numberPhotos(record: InspectionRecord): Map<string, number> {
  const photos = record.attachments.filter((a) => a.mime.startsWith('image/'));
  return new Map(photos.map((a, i) => [a.sha256, i + 1]));
}

function header(w: FlowWriter, record: InspectionRecord): void {
  const i = record.inspection;
  const issuer = printedIssuer(i);
  drawDocumentHeader(w, {
    parentAgency: issuer.parentAgency || BLANK,
    agency: issuer.agency || BLANK,
    numberLine: recordNumberLine(i),
    dateLine: `${placeName(i)}, ${vnDateWords(i.finalizedAt ?? i.arrival.at)}`,
  });
  w.paragraph('BIÊN BẢN', { style: 'bold', size: 14, align: 'center', after: 0 });
  w.paragraph('Kiểm tra đột xuất việc thực thi công vụ', { style: 'bold', size: 14, align: 'center', after: 0 });
  w.paragraph(`tại ${i.unit.name}`, { style: 'bold', size: 14, align: 'center', after: i.correction ? 0 : 10 });
  if (i.correction) {
    w.paragraph(`(Bản sửa đổi lần ${i.revision - 1})`, { style: 'bold', size: 13, align: 'center', after: 8 });
    w.body(`Biên bản này sửa đổi, thay thế biên bản lập lần ${i.correction.replacesRevision} có mã SHA-256 ${i.correction.replacesHash}.`, { style: 'italic' });
    w.body(`Lý do sửa đổi: ${i.correction.reason}`, { style: 'italic', after: 8 });
  }
}

function composition(w: FlowWriter, record: InspectionRecord, legalBases: readonly LegalBasis[]): void {
  const i = record.inspection;
  w.body(`Vào hồi ${vnTimeWords(i.arrival.at)}, ${vnDateWords(i.arrival.at)}, tại ${i.place}, Đoàn kiểm tra tiến hành kiểm tra đột xuất việc thực thi công vụ tại ${i.unit.name}${i.unit.province ? `, ${i.unit.province}` : ''}.`);
  for (const adj of i.arrival.adjustments) {
    w.body(`Thời điểm đến được điều chỉnh từ ${vnDateTime(adj.from)} thành ${vnDateTime(adj.to)}. Lý do: ${adj.reason}`, { size: 12 });
  }
  const byId = new Map(legalBases.map((b) => [b.id, b]));
  for (const id of i.legalBasisIds) {
    const basis = byId.get(id);
    w.body(basis ? legalBasisCitation(basis) : `Căn cứ văn bản ${id};`, { style: 'italic' });
  }
  w.paragraph('I. THÀNH PHẦN', { style: 'bold', after: 3 });
  w.body('1. Đoàn kiểm tra:', { style: 'bold', after: 3 });
  const order = { leader: 0, member: 1, recorder: 2 } as const;
  for (const m of [...i.team].sort((a, b) => order[a.role] - order[b.role])) {
    const who = [m.name, m.position, m.agency].filter(Boolean).join(', ');
    w.body(`- ${who} - ${teamRoleLabel[m.role]};`, { after: 2 });
  }
  w.space(4);
  w.body('2. Đại diện đơn vị được kiểm tra:', { style: 'bold', after: 3 });
  if (i.unitRepresentatives.length === 0) w.body(`- ${BLANK} (chưa ghi đại diện đơn vị).`, { style: 'italic', after: 2 });
  for (const r of i.unitRepresentatives) w.body(`- ${[r.name, r.position].filter(Boolean).join(', ')};`, { after: 2 });
  w.space(4);
}

type Heading = [text: string, style: TextStyle];

/** Column widths (mm) of the two tables, fixed so that every page of a table lines up alike. */
export const ROLL_CALL_COLUMNS = { 0: { halign: 'center', cellWidth: 10 }, 1: { cellWidth: 40 }, 2: { cellWidth: 40 }, 3: { cellWidth: 24 }, 4: { halign: 'center', cellWidth: 15 }, 5: { cellWidth: 36 } } as const;
export const FINDING_COLUMNS = { 0: { cellWidth: 17 }, 1: { cellWidth: 66 }, 2: { cellWidth: 34 }, 3: { cellWidth: 48 } } as const;

/** Headings kept on the same page as the start of the table under them. */
function headedTable(w: FlowWriter, headings: Heading[], spec: PagedTableSpec): void {
  const table = measureTable(w, spec);
  w.ensure(headings.reduce((h, [text, style]) => h + w.bodyHeight(text, style), 0) + tableLead(table));
  for (const [text, style] of headings) w.body(text, style);
  drawPagedTable(w, table);
}

function rollCall(w: FlowWriter, record: InspectionRecord): void {
  const c = rollCallCounts(record.roster);
  const headings: Heading[] = [
    ['II. NỘI DUNG KIỂM TRA', { style: 'bold', after: 3, indent: 0 }],
    ['1. Kết quả điểm danh', { style: 'bold', after: 3 }],
  ];
  const summary = `Tổng số cán bộ, công chức theo danh sách: ${c.total} người; có mặt: ${c.present}; đi muộn: ${c.late}; vắng có lý do: ${c.excused}; đi công tác: ${c['on-mission']}; vắng không lý do: ${c.unexcused}${c.unmarked ? `; chưa điểm danh: ${c.unmarked}` : ''}.`;
  if (record.roster.length === 0) {
    for (const [text, style] of [...headings, [summary, {}] as Heading]) w.body(text, style);
    return;
  }
  const body: RowInput[] = rollCallOrder(record.roster).map((r, n) => [
    String(n + 1),
    w.printable(r.name + (r.addedOnSite ? ' (bổ sung tại chỗ)' : '')),
    w.printable([r.position, r.department].filter(Boolean).join(', ')),
    attendanceLabel[r.status],
    r.arrivalTime ?? '',
    w.printable([r.verification ? verificationLabel[r.verification] : '', r.note].filter(Boolean).join('. ')),
  ]);
  headedTable(w, [...headings, [summary, {}]], {
    head: [['STT', 'Họ và tên', 'Chức vụ, bộ phận', 'Tình trạng', 'Giờ đến', 'Xác minh, ghi chú']],
    body,
    columnStyles: ROLL_CALL_COLUMNS,
  });
  w.space(12);
}

function findings(w: FlowWriter, input: RecordPdfInput, photoNo: Map<string, number>): void {
  const { record } = input;
  const names = new Map(record.roster.map((r) => [r.id, r.name]));
  const name = (id: string) => names.get(id) ?? '(không rõ)';
  const shortName = new Map(input.legalBases.map((b) => [b.id, b.shortName]));
  const byRef = new Map(input.templates.map((t) => [templateRef(t), t]));
  let anyCritical = false;
  const lead: Heading = ['2. Kết quả kiểm tra theo từng nội dung', { style: 'bold', after: 3 }];
  itemResults(record, byRef).forEach(({ ref, template, items }, n) => {
    const headings: Heading[] = n === 0 ? [lead] : [];
    if (!template) {
      for (const [text, style] of headings) w.body(text, style);
      w.body(`2.${n + 1}. Bộ câu hỏi ${ref}: không có trong danh mục của máy này, không in được chi tiết.`, { style: 'italic' });
      return;
    }
    const body: RowInput[] = [];
    const keepWithNext = new Set<number>();
    let section = '';
    for (const result of items) {
      const { item, finding } = result;
      if (result.section.code !== section) {
        section = result.section.code;
        keepWithNext.add(body.length);
        body.push([{ content: w.printable(result.section.title.vi), colSpan: 4, styles: { fontStyle: 'bold' } }]);
      }
      anyCritical ||= item.critical;
      const refs = [...item.legalRefs.map((r) => [shortName.get(r.basisId) ?? r.basisId, r.provision].filter(Boolean).join(' ')), item.basisNote?.vi].filter(Boolean).join('; ');
      const photos = record.attachments
        .filter((a) => a.itemCode === item.code || finding?.attachmentHashes.includes(a.sha256))
        .map((a) => photoNo.get(a.sha256))
        .filter((x): x is number => x !== undefined);
      const involved = involvedText(result, name);
      const notes = [finding?.note.trim() ?? '', involved ? (result.rollCall ? involved : `Người liên quan: ${involved}`) : '', photos.length ? `Ảnh số ${photos.join(', ')} (phụ lục)` : ''].filter(Boolean);
      body.push([
        item.code,
        w.printable(`${item.text.vi}${item.critical ? ' (*)' : ''}${refs ? `\nCăn cứ: ${refs}` : ''}`),
        w.printable(resultCellText(result, name)),
        w.printable(notes.join('\n')),
      ]);
    }
    headedTable(w, [...headings, [`2.${n + 1}. ${template.title.vi}`, { style: 'bolditalic', after: 3 }]], {
      head: [['Mã', 'Nội dung kiểm tra', 'Kết quả', 'Ghi chú, người liên quan']],
      body,
      keepWithNext,
      columnStyles: FINDING_COLUMNS,
    });
    w.space(12);
  });
  if (anyCritical) w.paragraph('(*) Nội dung trọng yếu.', { style: 'italic', size: 11 });
}

function conclusions(w: FlowWriter, record: InspectionRecord): void {
  w.ensure(30);
  w.paragraph('III. KẾT LUẬN VÀ KIẾN NGHỊ', { style: 'bold', after: 3 });
  const conclusion = record.inspection.conclusion.trim();
  if (conclusion) for (const para of conclusion.split(/\n+/)) w.body(para);
  else w.body('Đoàn kiểm tra không có kết luận bổ sung.');
  if (record.recommendations.length === 0) {
    w.body('Đoàn kiểm tra không có kiến nghị.');
    return;
  }
  w.ensure(20);
  w.body('Kiến nghị:', { style: 'bold', after: 3 });
  const names = new Map(record.roster.map((r) => [r.id, r.name]));
  record.recommendations.forEach((r, n) => {
    const target = r.target.kind === 'unit' ? record.inspection.unit.name : r.target.kind === 'person' ? (names.get(r.target.rosterId) ?? '(không rõ)') : `nội dung ${r.target.itemCode}`;
    const deadline = r.deadline ? ` Thời hạn khắc phục: ${vnDate(r.deadline)}.` : '';
    w.body(`${n + 1}. ${measureLabel[r.measure]} đối với ${target}: ${r.text.trim().replace(/\.$/, '')}.${deadline}`, { after: 3 });
  });
}

/**
 * The inspection record (biên bản kiểm tra) in the Decree 30/2020 layout, as PDF bytes. Runs the
 * same in the browser and in Node. For a finalized record the output is the same every time.
 */
export function buildRecordPdf(input: RecordPdfInput): Uint8Array {
  const { record } = input;
  const doc = new jsPDF({ unit: 'mm', format: 'a4', orientation: 'portrait', compress: true, putOnlyUsedFonts: true });
  registerFonts(doc, input.fonts);
  const i = record.inspection;
  doc.setProperties({ title: `Biên bản kiểm tra ${i.unit.name}`, subject: 'Kiểm tra đột xuất việc thực thi công vụ', creator: 'congvu', author: issuerOf(i).agency });
  doc.setCreationDate(pdfDate(i.finalizedAt ?? i.updatedAt));
  if (i.contentHash) doc.setFileId(i.contentHash.slice(0, 32).toUpperCase());
  doc.setLineHeightFactor(1.2);
  const w = new FlowWriter(doc);
  const photoNo = numberPhotos(record);
  header(w, record);
  composition(w, record, input.legalBases);
  rollCall(w, record);
  findings(w, input, photoNo);
  conclusions(w, record);
  closingAndSignatures(w, record, input.blob);
  recipients(w, record);
  photoAppendix(w, record, input.blob, photoNo);
  // The record's hash in every footer: a printed page can be matched to the signed file.
  const hash = i.contentHash;
  if (hash) numberPages(w, `Mã SHA-256 của biên bản: ${hash}`);
  else numberPages(w, 'BẢN NHÁP - biên bản chưa hoàn tất, chưa có mã SHA-256', { emphasise: true, draftMark: true });
  return outputPdf(doc);
}

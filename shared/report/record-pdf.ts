import { jsPDF } from 'jspdf';
import { autoTable, type RowInput } from 'jspdf-autotable';
import type { InspectionRecord } from '../inspection/record';
import { templateRef, type LegalBasis, type Signature, type Template } from '../schemas';
import { drawDocumentHeader } from './document-header';
import { FlowWriter } from './flow-writer';
import { afterTable, numberPages, tableStyles } from './pdf-furniture';
import { outputPdf, registerFonts, type ReportFonts } from './fonts';
import { imageInfo } from './image-info';
import { placeName, recordNumberLine, resolvedIssuer } from './issuer';
import { attendanceLabel, measureLabel, signatureTitle, teamRoleLabel, verificationLabel } from './labels';
import { answerText } from './answer-text';
import { CONTENT_WIDTH, PAGE, PT } from './page-geometry';
import { pdfDate, vnDate, vnDateTime, vnDateWords, vnTimeWords } from './vn-date';

export type BlobSource = (sha256: string) => Uint8Array | undefined;

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

function legalBasisLine(b: LegalBasis): string {
  const issued = b.issuedOn ? ` ngày ${vnDate(b.issuedOn)}` : '';
  return `Căn cứ ${b.kind.vi} số ${b.number}${issued} về ${b.subject.vi.charAt(0).toLocaleLowerCase('vi')}${b.subject.vi.slice(1)};`;
}

function header(w: FlowWriter, record: InspectionRecord): void {
  const issuer = resolvedIssuer(record.inspection);
  const day = record.inspection.finalizedAt ?? record.inspection.arrival.at;
  drawDocumentHeader(w, {
    parentAgency: issuer.parentAgency,
    agency: issuer.agency,
    numberLine: recordNumberLine(record.inspection),
    dateLine: `${placeName(record.inspection)}, ${vnDateWords(day)}`,
  });
  w.paragraph('BIÊN BẢN', { style: 'bold', size: 14, align: 'center', after: 0 });
  w.paragraph('Kiểm tra đột xuất việc thực thi công vụ', { style: 'bold', size: 14, align: 'center', after: 0 });
  w.paragraph(`tại ${record.inspection.unit.name}`, { style: 'bold', size: 14, align: 'center', after: 10 });
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
    w.body(basis ? legalBasisLine(basis) : `Căn cứ văn bản ${id};`, { style: 'italic' });
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
  if (i.unitRepresentatives.length === 0) w.body('- Không có đại diện đơn vị tham dự.', { after: 2 });
  for (const r of i.unitRepresentatives) w.body(`- ${[r.name, r.position].filter(Boolean).join(', ')};`, { after: 2 });
  w.space(4);
}

function rollCall(w: FlowWriter, record: InspectionRecord): void {
  const counts = Object.fromEntries(Object.keys(attendanceLabel).map((k) => [k, 0])) as Record<keyof typeof attendanceLabel, number>;
  for (const r of record.roster) counts[r.status] += 1;
  w.paragraph('II. NỘI DUNG KIỂM TRA', { style: 'bold', after: 3 });
  w.body('1. Kết quả điểm danh', { style: 'bold', after: 3 });
  w.body(
    `Tổng số cán bộ, công chức theo danh sách: ${record.roster.length} người; có mặt: ${counts.present}; đi muộn: ${counts.late}; vắng có lý do: ${counts.excused}; đi công tác: ${counts['on-mission']}; vắng không lý do: ${counts.unexcused}${counts.unmarked ? `; chưa điểm danh: ${counts.unmarked}` : ''}.`,
  );
  if (record.roster.length === 0) return;
  const body: RowInput[] = [...record.roster]
    .sort((a, b) => a.seq - b.seq)
    .map((r, n) => [
      String(n + 1),
      w.printable(r.name + (r.addedOnSite ? ' (bổ sung tại chỗ)' : '')),
      w.printable([r.position, r.department].filter(Boolean).join(', ')),
      attendanceLabel[r.status],
      r.arrivalTime ?? '',
      w.printable([r.verification ? verificationLabel[r.verification] : '', r.note].filter(Boolean).join('. ')),
    ]);
  autoTable(w.doc, {
    ...tableStyles(),
    startY: w.y,
    head: [['STT', 'Họ và tên', 'Chức vụ, bộ phận', 'Tình trạng', 'Giờ đến', 'Xác minh, ghi chú']],
    body,
    columnStyles: { 0: { halign: 'center', cellWidth: 10 }, 1: { cellWidth: 38 }, 3: { cellWidth: 24 }, 4: { halign: 'center', cellWidth: 15 } },
  });
  afterTable(w, 6 * PT * 2);
}

function findings(w: FlowWriter, input: RecordPdfInput, photoNo: Map<string, number>): void {
  const { record, templates } = input;
  const name = (id: string) => record.roster.find((r) => r.id === id)?.name ?? '(không rõ)';
  const shortName = new Map(input.legalBases.map((b) => [b.id, b.shortName]));
  const byRef = new Map(templates.map((t) => [templateRef(t), t]));
  w.body('2. Kết quả kiểm tra theo từng nội dung', { style: 'bold', after: 3 });
  let anyCritical = false;
  record.inspection.templateRefs.forEach((ref, n) => {
    const tpl = byRef.get(ref);
    w.ensure(20);
    if (!tpl) {
      w.body(`2.${n + 1}. Bộ câu hỏi ${ref}: không có trong danh mục của máy này, không in được chi tiết.`, { style: 'italic' });
      return;
    }
    w.body(`2.${n + 1}. ${tpl.title.vi}`, { style: 'bolditalic', after: 3 });
    const body: RowInput[] = [];
    for (const section of tpl.sections) {
      body.push([{ content: w.printable(section.title.vi), colSpan: 4, styles: { fontStyle: 'bold' } }]);
      for (const item of section.items) {
        if (item.perRosterRow) continue;
        const finding = record.findings.find((f) => f.templateRef === ref && f.itemCode === item.code);
        anyCritical ||= item.critical;
        const refs = [...item.legalRefs.map((r) => [shortName.get(r.basisId) ?? r.basisId, r.provision].filter(Boolean).join(' ')), item.basisNote?.vi].filter(Boolean).join('; ');
        const photos = input.record.attachments
          .filter((a) => a.itemCode === item.code || finding?.attachmentHashes.includes(a.sha256))
          .map((a) => photoNo.get(a.sha256))
          .filter((x): x is number => x !== undefined);
        const involved = (finding?.involvedRosterIds ?? []).map(name);
        const notes = [
          finding?.note ?? '',
          involved.length ? `Người liên quan: ${involved.join('; ')}` : '',
          photos.length ? `Ảnh số ${photos.join(', ')} (phụ lục)` : '',
        ].filter(Boolean);
        body.push([
          item.code,
          w.printable(`${item.text.vi}${item.critical ? ' (*)' : ''}${refs ? `\nCăn cứ: ${refs}` : ''}`),
          w.printable(answerText(item, finding, name)),
          w.printable(notes.join('\n')),
        ]);
      }
    }
    autoTable(w.doc, {
      ...tableStyles(),
      startY: w.y,
      head: [['Mã', 'Nội dung kiểm tra', 'Kết quả', 'Ghi chú, người liên quan']],
      body,
      columnStyles: { 0: { cellWidth: 17 }, 1: { cellWidth: 68 }, 2: { cellWidth: 32 } },
    });
    afterTable(w);
  });
  if (anyCritical) w.paragraph('(*) Nội dung trọng yếu.', { style: 'italic', size: 11 });
}

function conclusions(w: FlowWriter, record: InspectionRecord): void {
  w.ensure(20);
  w.paragraph('III. KẾT LUẬN VÀ KIẾN NGHỊ', { style: 'bold', after: 3 });
  const conclusion = record.inspection.conclusion.trim();
  if (conclusion) for (const para of conclusion.split(/\n+/)) w.body(para);
  else w.body('Đoàn kiểm tra không có kết luận bổ sung.');
  if (record.recommendations.length === 0) {
    w.body('Đoàn kiểm tra không có kiến nghị.');
    return;
  }
  w.body('Kiến nghị:', { style: 'bold', after: 3 });
  const name = (id: string) => record.roster.find((r) => r.id === id)?.name ?? '(không rõ)';
  record.recommendations.forEach((r, n) => {
    const target =
      r.target.kind === 'unit' ? record.inspection.unit.name : r.target.kind === 'person' ? `${name(r.target.rosterId)}` : `nội dung ${r.target.itemCode}`;
    const deadline = r.deadline ? ` Thời hạn khắc phục: ${vnDate(r.deadline)}.` : '';
    w.body(`${n + 1}. ${measureLabel[r.measure]} đối với ${target}: ${r.text.trim().replace(/\.$/, '')}.${deadline}`, { after: 3 });
  });
}

function closing(w: FlowWriter, record: InspectionRecord): void {
  const i = record.inspection;
  for (const s of record.signatures) {
    if (s.mark.kind === 'refused') {
      w.body(`${s.signerName}${s.signerPosition ? `, ${s.signerPosition}` : ''} từ chối ký biên bản. Lý do: ${s.mark.reason.trim().replace(/\.$/, '')}. Người chứng kiến: ${s.mark.witness}.`);
    }
  }
  const end = i.finalizedAt ?? i.updatedAt;
  const copies = String(i.copies).padStart(2, '0');
  w.body(
    `Biên bản kết thúc vào hồi ${vnTimeWords(end)}, ${vnDateWords(end)}, được lập thành ${copies} bản có giá trị như nhau, đã đọc lại cho những người có tên trên cùng nghe, thống nhất và ký tên dưới đây; đơn vị được kiểm tra giữ 01 bản.`,
  );
}

function signatureBlocks(w: FlowWriter, record: InspectionRecord, blob: BlobSource): void {
  const { doc } = w;
  const order = ['unit-representative', 'recorder', 'leader'] as const;
  const team = record.inspection.team;
  const expected: Array<{ role: (typeof order)[number]; name: string; signature?: Signature }> = [];
  for (const role of order) {
    const signed = record.signatures.filter((s) => s.role === role);
    if (signed.length > 0) for (const s of signed) expected.push({ role, name: s.signerName, signature: s });
    else if (role === 'unit-representative') for (const r of record.inspection.unitRepresentatives) expected.push({ role, name: r.name });
    else expected.push({ role, name: team.find((m) => m.role === role)?.name ?? '' });
  }
  const colWidth = CONTENT_WIDTH / 3;
  const blockHeight = 52;
  for (let row = 0; row < expected.length; row += 3) {
    w.ensure(blockHeight);
    const top = w.y;
    w.setFont('bold', 12);
    const rowEntries = expected.slice(row, row + 3);
    const titleRows = Math.max(...rowEntries.map((e) => (doc.splitTextToSize(signatureTitle[e.role], colWidth - 4) as string[]).length));
    rowEntries.forEach((e, k) => {
      const cx = PAGE.left + colWidth * k + colWidth / 2;
      const center = (text: string, y: number) => doc.text(text, cx - doc.getTextWidth(text) / 2, y);
      w.setFont('bold', 12);
      const titleLines = doc.splitTextToSize(signatureTitle[e.role], colWidth - 4) as string[];
      titleLines.forEach((l, n) => center(l, top + 4 + n * w.lineHeight(12)));
      const boxTop = top + 4 + titleRows * w.lineHeight(12);
      const boxHeight = 24;
      const mark = e.signature?.mark;
      if (mark?.kind === 'drawn') {
        const bytes = blob(mark.imageSha256);
        const info = bytes && imageInfo(bytes);
        if (bytes && info) {
          const scale = Math.min((colWidth - 8) / info.width, boxHeight / info.height);
          doc.addImage(bytes, info.format, cx - (info.width * scale) / 2, boxTop + (boxHeight - info.height * scale) / 2, info.width * scale, info.height * scale, undefined, 'FAST');
        } else {
          w.setFont('italic', 10);
          center('(đã ký trên máy)', boxTop + boxHeight / 2);
        }
      } else if (mark?.kind === 'refused') {
        w.setFont('italic', 10);
        const lines = doc.splitTextToSize(w.printable(`(Từ chối ký. Lý do: ${mark.reason}. Người chứng kiến: ${mark.witness})`), colWidth - 6) as string[];
        lines.slice(0, 5).forEach((l, n) => center(l, boxTop + 5 + n * w.lineHeight(10)));
      }
      w.setFont('bold', 12.5);
      const nameLines = doc.splitTextToSize(w.printable(e.name), colWidth - 4) as string[];
      nameLines.forEach((l, n) => center(l, boxTop + boxHeight + 6 + n * w.lineHeight(12.5)));
    });
    w.y = top + blockHeight;
  }
}

function recipients(w: FlowWriter, record: InspectionRecord): void {
  w.ensure(30);
  w.paragraph('Nơi nhận:', { style: 'bolditalic', size: 12, after: 0 });
  const leader = record.inspection.team.find((m) => m.role === 'leader');
  const lines = [`- ${record.inspection.unit.name};`, leader ? `- Trưởng đoàn kiểm tra;` : '', '- Lưu: VT, Hồ sơ.'].filter(Boolean);
  for (const l of lines) w.paragraph(l, { size: 11, after: 0 });
}

function photoAppendix(w: FlowWriter, input: RecordPdfInput, photoNo: Map<string, number>): void {
  const photos = input.record.attachments.filter((a) => photoNo.has(a.sha256));
  if (photos.length === 0) return;
  w.newPage();
  w.paragraph('PHỤ LỤC: ẢNH MINH CHỨNG', { style: 'bold', size: 13.5, align: 'center', after: 8 });
  const maxHeight = 95;
  for (const a of photos) {
    const source = a.reportCopySha256 ?? a.sha256;
    const bytes = input.blob(source);
    const info = bytes && imageInfo(bytes);
    const caption = [
      `Ảnh số ${photoNo.get(a.sha256)}${a.itemCode ? ` (nội dung ${a.itemCode})` : ''}${a.caption ? `: ${a.caption}` : ''}.`,
      a.takenAt ? `Thời điểm chụp: ${vnDateTime(a.takenAt)}.` : '',
      `SHA-256 bản gốc: ${a.sha256}`,
    ].filter(Boolean);
    if (!bytes || !info) {
      w.paragraph(`${caption.join(' ')} (Không in được ảnh: ${bytes ? 'định dạng không hỗ trợ' : 'thiếu tệp ảnh'}.)`, { size: 11, style: 'italic' });
      continue;
    }
    const scale = Math.min(CONTENT_WIDTH / info.width, maxHeight / info.height);
    const width = info.width * scale;
    const height = info.height * scale;
    w.ensure(height + 14);
    w.doc.addImage(bytes, info.format, PAGE.left + (CONTENT_WIDTH - width) / 2, w.y, width, height, source, 'FAST');
    w.y += height + 2;
    w.paragraph(caption.join(' '), { size: 10.5, style: 'italic', align: 'center', after: 8 });
  }
}

/** The record's hash in every footer: a printed page can be matched to the signed file. */
function pageFurniture(w: FlowWriter, record: InspectionRecord): void {
  const hash = record.inspection.contentHash;
  numberPages(w, hash ? `Mã SHA-256 của biên bản: ${hash}` : 'BẢN NHÁP - biên bản chưa hoàn tất, chưa có mã SHA-256', !hash);
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
  doc.setProperties({ title: `Biên bản kiểm tra ${i.unit.name}`, subject: 'Kiểm tra đột xuất việc thực thi công vụ', creator: 'congvu', author: resolvedIssuer(i).agency });
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
  closing(w, record);
  signatureBlocks(w, record, input.blob);
  recipients(w, record);
  photoAppendix(w, input, photoNo);
  pageFurniture(w, record);
  return outputPdf(doc);
}

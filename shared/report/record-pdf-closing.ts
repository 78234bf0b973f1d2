import type { InspectionRecord } from '../inspection/record';
import type { Signature, SignatureRole } from '../schemas';
import type { FlowWriter } from './flow-writer';
import { imageInfo } from './image-info';
import { signatureTitle } from './labels';
import { CONTENT_WIDTH, PAGE } from './page-geometry';
import { vnDateTime, vnDateWords, vnTimeWords } from './vn-date';

export type BlobSource = (sha256: string) => Uint8Array | undefined;

const BLOCK_HEIGHT = 52;
const order: readonly SignatureRole[] = ['unit-representative', 'recorder', 'leader'];

interface Block {
  role: SignatureRole;
  name: string;
  signature?: Signature;
}

/**
 * Who signs under each title: whoever signed (or refused), else who is expected to — the listed
 * representatives of the unit, the recorder and the leader of the team.
 */
function signatureBlocksOf(record: InspectionRecord): Block[] {
  const { team, unitRepresentatives } = record.inspection;
  const blocks: Block[] = [];
  for (const role of order) {
    const signed = record.signatures.filter((s) => s.role === role);
    if (signed.length > 0) for (const s of signed) blocks.push({ role, name: s.signerName, signature: s });
    else if (role === 'unit-representative') {
      if (unitRepresentatives.length === 0) blocks.push({ role, name: '' });
      for (const r of unitRepresentatives) blocks.push({ role, name: r.name });
    } else blocks.push({ role, name: team.find((m) => m.role === role)?.name ?? '' });
  }
  return blocks;
}

function drawBlockRow(w: FlowWriter, row: Block[], blob: BlobSource): void {
  const { doc } = w;
  const colWidth = CONTENT_WIDTH / 3;
  const top = w.y;
  w.setFont('bold', 12);
  const titleRows = Math.max(...row.map((e) => (doc.splitTextToSize(signatureTitle[e.role], colWidth - 4) as string[]).length));
  row.forEach((e, k) => {
    const cx = PAGE.left + colWidth * k + colWidth / 2;
    const center = (text: string, y: number) => doc.text(text, cx - doc.getTextWidth(text) / 2, y);
    w.setFont('bold', 12);
    (doc.splitTextToSize(signatureTitle[e.role], colWidth - 4) as string[]).forEach((l, n) => center(l, top + 4 + n * w.lineHeight(12)));
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
    (doc.splitTextToSize(w.printable(e.name), colWidth - 4) as string[]).forEach((l, n) => center(l, boxTop + boxHeight + 6 + n * w.lineHeight(12.5)));
  });
  w.y = top + BLOCK_HEIGHT;
}

/**
 * The refusals to sign, the closing line, and the signature blocks: the closing line is kept on
 * the page of the first row of signatures, so no page holds signatures alone.
 */
export function closingAndSignatures(w: FlowWriter, record: InspectionRecord, blob: BlobSource): void {
  const i = record.inspection;
  for (const s of record.signatures) {
    if (s.mark.kind === 'refused') {
      w.body(`${s.signerName}${s.signerPosition ? `, ${s.signerPosition}` : ''} từ chối ký biên bản. Lý do: ${s.mark.reason.trim().replace(/\.$/, '')}. Người chứng kiến: ${s.mark.witness}.`);
    }
  }
  const end = i.finalizedAt ?? i.updatedAt;
  const copies = String(i.copies).padStart(2, '0');
  const closing = `Biên bản kết thúc vào hồi ${vnTimeWords(end)}, ${vnDateWords(end)}, được lập thành ${copies} bản có giá trị như nhau, đã đọc lại cho những người có tên trên cùng nghe, thống nhất và ký tên dưới đây; đơn vị được kiểm tra giữ 01 bản.`;
  w.ensure(w.bodyHeight(closing) + BLOCK_HEIGHT);
  w.body(closing);
  const blocks = signatureBlocksOf(record);
  for (let row = 0; row < blocks.length; row += 3) {
    w.ensure(BLOCK_HEIGHT);
    drawBlockRow(w, blocks.slice(row, row + 3), blob);
  }
}

export function recipients(w: FlowWriter, record: InspectionRecord): void {
  w.ensure(30);
  w.paragraph('Nơi nhận:', { style: 'bolditalic', size: 12, after: 0 });
  for (const l of [`- ${record.inspection.unit.name};`, '- Trưởng đoàn kiểm tra;', '- Lưu: VT, Hồ sơ.']) w.paragraph(l, { size: 11, after: 0 });
}

export function photoAppendix(w: FlowWriter, record: InspectionRecord, blob: BlobSource, photoNo: Map<string, number>): void {
  const photos = record.attachments.filter((a) => photoNo.has(a.sha256));
  if (photos.length === 0) return;
  w.newPage();
  w.paragraph('PHỤ LỤC: ẢNH MINH CHỨNG', { style: 'bold', size: 13.5, align: 'center', after: 8 });
  const maxHeight = 95;
  for (const a of photos) {
    const source = a.reportCopySha256 ?? a.sha256;
    const bytes = blob(source);
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

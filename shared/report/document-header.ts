import type { FlowWriter } from './flow-writer';
import { CONTENT_WIDTH, PAGE } from './page-geometry';

export interface DocumentHeader {
  parentAgency: string;
  agency: string;
  /** "Số: …/BB-…" */
  numberLine: string;
  /** "Xã …, ngày … tháng … năm …" */
  dateLine: string;
}

/**
 * The two-column head of a Decree 30/2020 document: the agencies on the left with a short rule and
 * the number; the national title and motto on the right with a rule as long as the motto; the
 * place and date in italics. Leaves the writer below it.
 */
export function drawDocumentHeader(w: FlowWriter, h: DocumentHeader): void {
  const { doc } = w;
  const nation = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
  // The national title sits flush with the right margin; the agencies wrap within what is left of
  // the line, so a long name ("UBND THÀNH PHỐ CẦN THƠ") never runs into the title.
  w.setFont('bold', 12.5);
  const nationWidth = doc.getTextWidth(nation);
  // 1.5 mm in from the margin: glyph side bearings must not cross it.
  const rightCenter = PAGE.left + CONTENT_WIDTH - 1.5 - nationWidth / 2;
  const leftWidth = CONTENT_WIDTH - nationWidth - 8;
  const leftCenter = PAGE.left + leftWidth / 2;
  const top = PAGE.top;
  const lh = w.lineHeight(12.5);
  const center = (text: string, cx: number, y: number) => doc.text(text, cx - doc.getTextWidth(text) / 2, y);

  w.setFont('normal', 12.5);
  const parentLines = doc.splitTextToSize(w.printable(h.parentAgency.toLocaleUpperCase('vi')), leftWidth) as string[];
  parentLines.forEach((l, i) => center(l, leftCenter, top + 4 + i * lh));
  w.setFont('bold', 12.5);
  const agencyLines = doc.splitTextToSize(w.printable(h.agency.toLocaleUpperCase('vi')), leftWidth) as string[];
  const agencyTop = top + 4 + parentLines.length * lh;
  agencyLines.forEach((l, i) => center(l, leftCenter, agencyTop + i * lh));
  const ruleY = agencyTop + (agencyLines.length - 1) * lh + 1.6;
  doc.setLineWidth(0.3);
  doc.line(leftCenter - 12, ruleY, leftCenter + 12, ruleY);
  w.setFont('normal', 13);
  center(w.printable(h.numberLine), leftCenter, ruleY + 6.5);

  w.setFont('bold', 12.5);
  center(nation, rightCenter, top + 4);
  w.setFont('bold', 13.5);
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  center(motto, rightCenter, top + 4 + lh);
  const mottoWidth = doc.getTextWidth(motto);
  doc.line(rightCenter - mottoWidth / 2, top + 4 + lh + 1.6, rightCenter + mottoWidth / 2, top + 4 + lh + 1.6);
  w.setFont('italic', 13.5);
  center(w.printable(h.dateLine), rightCenter, ruleY + 6.5);
  w.y = ruleY + 16;
}

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
  const leftCenter = PAGE.left + 35;
  const rightCenter = PAGE.left + 35 + (CONTENT_WIDTH - 35) / 2 + 10;
  const top = PAGE.top;
  const lh = w.lineHeight(12.5);
  const center = (text: string, cx: number, y: number) => doc.text(text, cx - doc.getTextWidth(text) / 2, y);

  w.setFont('normal', 12.5);
  const parentLines = doc.splitTextToSize(w.printable(h.parentAgency.toLocaleUpperCase('vi')), 72) as string[];
  parentLines.forEach((l, i) => center(l, leftCenter, top + 4 + i * lh));
  w.setFont('bold', 12.5);
  const agencyLines = doc.splitTextToSize(w.printable(h.agency.toLocaleUpperCase('vi')), 72) as string[];
  const agencyTop = top + 4 + parentLines.length * lh;
  agencyLines.forEach((l, i) => center(l, leftCenter, agencyTop + i * lh));
  const ruleY = agencyTop + (agencyLines.length - 1) * lh + 1.6;
  doc.setLineWidth(0.3);
  doc.line(leftCenter - 12, ruleY, leftCenter + 12, ruleY);
  w.setFont('normal', 13);
  center(w.printable(h.numberLine), leftCenter, ruleY + 6.5);

  w.setFont('bold', 12.5);
  center('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightCenter, top + 4);
  w.setFont('bold', 13.5);
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  center(motto, rightCenter, top + 4 + lh);
  const mottoWidth = doc.getTextWidth(motto);
  doc.line(rightCenter - mottoWidth / 2, top + 4 + lh + 1.6, rightCenter + mottoWidth / 2, top + 4 + lh + 1.6);
  w.setFont('italic', 13.5);
  center(w.printable(h.dateLine), rightCenter, ruleY + 6.5);
  w.y = ruleY + 16;
}

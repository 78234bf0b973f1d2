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
 * A record number ("Số: 123456/2026/KT-SNV/BB-ĐKT") broken after a slash or a space where it is
 * too long for its column, rather than in the middle of a symbol.
 */
function breakAfterSlashes(w: FlowWriter, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const part of text.split(/(?<=[/ ])/)) {
    if (line && w.doc.getTextWidth(line + part) > width) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += part;
  }
  lines.push(line);
  // A part longer than the whole column is cut where it must be.
  return lines.flatMap((l) => w.doc.splitTextToSize(l, width) as string[]);
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
  // The number and the place-and-date line wrap within their own columns, however long they are.
  w.setFont('normal', 13);
  const numberLines = breakAfterSlashes(w, w.printable(h.numberLine), leftWidth);
  numberLines.forEach((l, i) => center(l, leftCenter, ruleY + 6.5 + i * w.lineHeight(13)));

  w.setFont('bold', 12.5);
  center(nation, rightCenter, top + 4);
  w.setFont('bold', 13.5);
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  center(motto, rightCenter, top + 4 + lh);
  const mottoWidth = doc.getTextWidth(motto);
  doc.line(rightCenter - mottoWidth / 2, top + 4 + lh + 1.6, rightCenter + mottoWidth / 2, top + 4 + lh + 1.6);
  w.setFont('italic', 13.5);
  const rightWidth = CONTENT_WIDTH - leftWidth - 4;
  const dateLines = doc.splitTextToSize(w.printable(h.dateLine), rightWidth) as string[];
  dateLines.forEach((l, i) => center(l, PAGE.left + leftWidth + 4 + rightWidth / 2, ruleY + 6.5 + i * w.lineHeight(13.5)));
  w.y = ruleY + 16 + Math.max((numberLines.length - 1) * w.lineHeight(13), (dateLines.length - 1) * w.lineHeight(13.5));
}

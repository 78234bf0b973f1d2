import { GState } from 'jspdf';
import { FONT_FAMILY } from './fonts';
import type { FlowWriter } from './flow-writer';
import { CONTENT_WIDTH, PAGE } from './page-geometry';

const TABLE_FONT = 11;

/** Ruled tables in the document's font, black on white, rows kept whole across pages. */
export function tableStyles() {
  return {
    theme: 'grid' as const,
    rowPageBreak: 'avoid' as const,
    margin: { left: PAGE.left, right: PAGE.right, top: PAGE.top, bottom: PAGE.bottom },
    styles: { font: FONT_FAMILY, fontStyle: 'normal' as const, fontSize: TABLE_FONT, textColor: 0, lineColor: 0, lineWidth: 0.15, cellPadding: 1.2, overflow: 'linebreak' as const },
    headStyles: { fontStyle: 'bold' as const, fillColor: 255, textColor: 0, halign: 'center' as const, valign: 'middle' as const },
  };
}

/** The diagonal mark across every page of a record that is not final. */
export const DRAFT_MARK = 'BẢN NHÁP';

function drawDraftMark(w: FlowWriter): void {
  const { doc } = w;
  doc.saveGraphicsState();
  doc.setGState(new GState({ opacity: 0.3 }));
  w.setFont('bold', 96);
  doc.setTextColor(110);
  // Centred on the page along its diagonal (45°), as a stamp would sit.
  const width = doc.getTextWidth(DRAFT_MARK);
  const half = width / 2 / Math.SQRT2;
  doc.text(DRAFT_MARK, PAGE.width / 2 - half + 8, PAGE.height / 2 + half + 8, { angle: 45 });
  doc.restoreGraphicsState();
  doc.setTextColor(0);
}

/**
 * Page numbers as Decree 30/2020 sets them: centred in the top margin from page 2, none on page 1,
 * no other numbering. A footer line on every page (the record's hash), and the draft mark if asked.
 */
export function numberPages(w: FlowWriter, footer: string, options: { emphasise?: boolean; draftMark?: boolean } = {}): void {
  const { doc } = w;
  const pages = doc.getNumberOfPages();
  for (let p = 1; p <= pages; p++) {
    doc.setPage(p);
    if (options.draftMark) drawDraftMark(w);
    if (p > 1) {
      w.setFont('normal', 13);
      const n = String(p);
      doc.text(n, PAGE.left + CONTENT_WIDTH / 2 - doc.getTextWidth(n) / 2, 12);
    }
    w.setFont(options.emphasise ? 'bold' : 'normal', 8);
    doc.text(w.printable(footer), PAGE.left, PAGE.height - 10);
  }
}

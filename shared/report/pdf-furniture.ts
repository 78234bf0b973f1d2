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

/** Where the last table ended, to carry on writing below it. */
export function afterTable(w: FlowWriter, gap = 4): void {
  w.y = (w.doc as unknown as { lastAutoTable: { finalY: number } }).lastAutoTable.finalY + gap;
}

/** Page numbers from page 2, centred in the top margin (Decree 30); a footer line on every page. */
export function numberPages(w: FlowWriter, footer: string, emphasise = false): void {
  const { doc } = w;
  const pages = doc.getNumberOfPages();
  for (let p = 1; p <= pages; p++) {
    doc.setPage(p);
    if (p > 1) {
      w.setFont('normal', 13);
      const n = String(p);
      doc.text(n, PAGE.left + CONTENT_WIDTH / 2 - doc.getTextWidth(n) / 2, 12);
    }
    w.setFont(emphasise ? 'bold' : 'normal', 8);
    doc.text(w.printable(footer), PAGE.left, PAGE.height - 10);
    const of = `Trang ${p}/${pages}`;
    doc.text(of, PAGE.width - PAGE.right - doc.getTextWidth(of), PAGE.height - 10);
  }
}

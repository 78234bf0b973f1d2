import { execFileSync } from 'node:child_process';

/** A word as poppler places it on the page, in millimetres from the top left. */
export interface PdfWord {
  page: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

const mm = (pt: string) => (Number(pt) * 25.4) / 72;
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Every word of a PDF with its page and box, read by `pdftotext -bbox`. */
export function pdfWords(path: string): PdfWord[] {
  const out = execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const words: PdfWord[] = [];
  out.split('<page ').slice(1).forEach((chunk, p) => {
    for (const m of chunk.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      words.push({ page: p + 1, x0: mm(m[1]!), y0: mm(m[2]!), x1: mm(m[3]!), y1: mm(m[4]!), text: unescape(m[5]!) });
    }
  });
  return words;
}

/** Reading order across pages: page, then line (2 mm bands), then left to right. */
export function inReadingOrder(words: readonly PdfWord[]): PdfWord[] {
  return [...words].sort((a, b) => a.page - b.page || Math.round(a.y0 / 2) - Math.round(b.y0 / 2) || a.y0 - b.y0 || a.x0 - b.x0);
}

export const joinWords = (words: readonly PdfWord[]) => inReadingOrder(words).map((w) => w.text).join(' ');

/** Where a word sits in the flow of the document, to compare positions across pages. */
export const flowPos = (w: Pick<PdfWord, 'page' | 'y0'>) => w.page * 1000 + w.y0;

/** The first word that starts a phrase (matching its following words), by position in the flow. */
export function findPhrase(words: readonly PdfWord[], phrase: string): PdfWord | undefined {
  const parts = phrase.split(' ');
  const ordered = inReadingOrder(words);
  return ordered.find((_, i) => parts.every((p, k) => ordered[i + k]?.text === p));
}

export interface TableRow {
  page: number;
  top: number;
  /** The words of each column, in reading order, joined by spaces. */
  cells: string[];
}

/**
 * Rows of a ruled table between two points of the flow: a row starts at a word in the first column
 * that `isRowStart` accepts, and ends at the next word in that column (the next row, a title row,
 * the head repeated on a new page, the text after the table) or the page's footer. `columns` are
 * the columns' left edges in mm; the first column holds one word per row (a code, a number).
 */
export function tableRows(words: readonly PdfWord[], from: number, to: number, columns: readonly number[], isRowStart: (w: PdfWord) => boolean, footerTop = 297 - 15): TableRow[] {
  const inside = words.filter((w) => flowPos(w) > from && flowPos(w) < to && w.y0 < footerTop);
  const firstColumn = inside.filter((w) => w.x0 >= columns[0]! - 1 && w.x0 < columns[1]!);
  const starts = firstColumn.filter(isRowStart).sort((a, b) => flowPos(a) - flowPos(b));
  // Anything else in the first column ends a row: a title row spanning the table, the head row
  // repeated on a new page, the text after the table.
  const breaks = [...firstColumn].sort((a, b) => flowPos(a) - flowPos(b));
  return starts.map((start) => {
    const next = breaks.find((b) => flowPos(b) > flowPos(start) + 0.5 && b.page === start.page);
    const bottom = next ? next.y0 - 0.3 : footerTop;
    const band = inside.filter((w) => w.page === start.page && w.y0 >= start.y0 - 0.6 && w.y0 < bottom);
    const cells = columns.map((left, c) => joinWords(band.filter((w) => w.x0 >= left && w.x0 < (columns[c + 1] ?? 999))));
    return { page: start.page, top: start.y0, cells };
  });
}

import type { jsPDF } from 'jspdf';
import { FONT_FAMILY } from './fonts';
import { CONTENT_WIDTH, INDENT, PAGE, PT } from './page-geometry';

export type FontStyle = 'normal' | 'bold' | 'italic' | 'bolditalic';

export interface TextStyle {
  size?: number;
  style?: FontStyle;
  align?: 'left' | 'center' | 'right' | 'justify';
  /** First-line indent in mm. */
  indent?: number;
  /** Space after the paragraph, in points. */
  after?: number;
  /** Left offset from the margin, in mm (for lists and columns). */
  x?: number;
  width?: number;
}

const LINE_FACTOR = 1.2;

/**
 * Writes flowing text down the page with the record's typography: Vietnamese text shaped by the
 * embedded font, justified by spreading words (jsPDF's own justification does not work with
 * embedded Unicode fonts), new pages when the bottom margin is reached.
 */
export class FlowWriter {
  y: number = PAGE.top;
  private readonly coverage: Map<string, Record<number, number> | undefined> = new Map();

  constructor(readonly doc: jsPDF) {}

  setFont(style: FontStyle, size: number): void {
    this.doc.setFont(FONT_FAMILY, style);
    this.doc.setFontSize(size);
  }

  /**
   * Text as the font can print it: NFC, control characters dropped, tabs as spaces, and anything
   * the font has no glyph for (emoji, for instance) shown as "?" instead of vanishing.
   */
  printable(text: string): string {
    const font = this.doc.getFont();
    const key = `${font.fontName}/${font.fontStyle}`;
    if (!this.coverage.has(key)) {
      const meta = (this.doc.internal as unknown as { getFont(): { metadata?: { cmap?: { unicode?: { codeMap?: Record<number, number> } } } } }).getFont().metadata;
      this.coverage.set(key, meta?.cmap?.unicode?.codeMap);
    }
    const map = this.coverage.get(key);
    let out = '';
    for (const ch of text.normalize('NFC').replace(/\t/g, ' ').replace(/\r\n?/g, '\n')) {
      const cp = ch.codePointAt(0)!;
      if (cp === 10) out += '\n';
      else if (cp < 32 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0x200d) continue;
      else out += map === undefined || map[cp] !== undefined ? ch : '?';
    }
    return out;
  }

  lineHeight(size: number): number {
    return size * LINE_FACTOR * PT;
  }

  /** Moves to a new page if less than `height` mm is left above the bottom margin. */
  ensure(height: number): void {
    if (this.y + height > PAGE.height - PAGE.bottom) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.y = PAGE.top;
  }

  space(points: number): void {
    this.y += points * PT;
  }

  /** Greedy word wrap with a first-line indent; words longer than a line are cut. */
  wrap(text: string, width: number, indent: number): string[][] {
    const lines: string[][] = [];
    for (const paragraph of text.split('\n')) {
      let line: string[] = [];
      let used = 0;
      let limit = width - (lines.length === 0 ? indent : 0);
      const space = this.doc.getTextWidth(' ');
      const push = () => {
        lines.push(line);
        line = [];
        used = 0;
        limit = width;
      };
      for (let word of paragraph.split(/ +/).filter((w) => w.length > 0)) {
        let w = this.doc.getTextWidth(word);
        while (w > limit) {
          if (line.length > 0) push();
          let cut = word.length;
          while (cut > 1 && this.doc.getTextWidth(word.slice(0, cut)) > limit) cut = Math.floor(cut * 0.9);
          lines.push([word.slice(0, cut)]);
          limit = width;
          word = word.slice(cut);
          w = this.doc.getTextWidth(word);
        }
        if (word.length === 0) continue;
        if (line.length > 0 && used + space + w > limit) push();
        used += (line.length > 0 ? space : 0) + w;
        line.push(word);
      }
      lines.push(line);
    }
    return lines;
  }

  /** The height a paragraph will take, space after included: to keep it on one page with what follows. */
  paragraphHeight(text: string, style: TextStyle = {}): number {
    const size = style.size ?? 13;
    this.setFont(style.style ?? 'normal', size);
    const width = style.width ?? CONTENT_WIDTH - (style.x ?? 0);
    return this.wrap(this.printable(text), width, style.indent ?? 0).length * this.lineHeight(size) + (style.after ?? 6) * PT;
  }

  /** The same for a body paragraph. */
  bodyHeight(text: string, style: TextStyle = {}): number {
    return this.paragraphHeight(text, { indent: INDENT, ...style });
  }

  paragraph(text: string, style: TextStyle = {}): void {
    const size = style.size ?? 13;
    this.setFont(style.style ?? 'normal', size);
    const x0 = PAGE.left + (style.x ?? 0);
    const width = style.width ?? CONTENT_WIDTH - (style.x ?? 0);
    const indent = style.indent ?? 0;
    const align = style.align ?? 'left';
    const lines = this.wrap(this.printable(text), width, indent);
    const lh = this.lineHeight(size);
    lines.forEach((words, i) => {
      this.ensure(lh);
      const baseline = this.y + size * PT * 0.8;
      const lead = i === 0 ? indent : 0;
      const last = i === lines.length - 1 || lines[i + 1]!.length === 0 || words.length === 0;
      if (align === 'justify' && !last && words.length > 1) {
        const total = words.reduce((sum, w) => sum + this.doc.getTextWidth(w), 0);
        const gap = (width - lead - total) / (words.length - 1);
        let x = x0 + lead;
        for (const w of words) {
          this.doc.text(w, x, baseline);
          x += this.doc.getTextWidth(w) + gap;
        }
      } else {
        const line = words.join(' ');
        const w = this.doc.getTextWidth(line);
        const x = align === 'center' ? x0 + (width - w) / 2 : align === 'right' ? x0 + width - w : x0 + lead;
        if (line.length > 0) this.doc.text(line, x, baseline);
      }
      this.y += lh;
    });
    this.space(style.after ?? 6);
  }

  /** Body text as Decree 30 sets it: 13 pt, justified, 1.27 cm first-line indent. */
  body(text: string, style: TextStyle = {}): void {
    this.paragraph(text, { align: 'justify', indent: INDENT, ...style });
  }
}

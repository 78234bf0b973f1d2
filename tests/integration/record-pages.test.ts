import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectionRecord } from '../../shared/inspection/record';
import { defaultLegalBases } from '../../shared/legal-bases/default-legal-bases';
import { buildRecordPdf } from '../../shared/report/record-pdf';
import { builtInTemplates } from '../../shared/templates';
import { pdfWords, type PdfWord } from '../support/pdf-words';
import { buildRecord, signatureBlobs, type RecordSpec } from '../support/record-arbitrary';
import { loadFonts } from '../support/report-fixture';

/**
 * The record's pages as they print, rendered by pdftoppm and read pixel by pixel: page numbers
 * only in the top margin, centred, from page 2; the draft mark across every page of a draft and
 * of no final record; and the table heads repeated at the top of every page a table continues on.
 */
const DPI = 50;
const px = (mm: number) => Math.round((mm / 25.4) * DPI);
const dir = mkdtempSync(join(tmpdir(), 'congvu-pages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Gray {
  width: number;
  height: number;
  at(x: number, y: number): number;
}

/** A binary PGM (P5) as pdftoppm -gray writes it. */
function readPgm(path: string): Gray {
  const bytes = readFileSync(path);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const offset = header[0].length;
  return { width, height, at: (x, y) => bytes[offset + y * width + x]! };
}

function render(name: string, record: InspectionRecord): { pages: Gray[]; words: PdfWord[] } {
  const blobs = signatureBlobs();
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, buildRecordPdf({ record, templates: builtInTemplates, legalBases: defaultLegalBases, fonts: loadFonts(), blob: (sha) => blobs.get(sha) }));
  execFileSync('pdftoppm', ['-gray', '-r', String(DPI), path, join(dir, name)]);
  const files = readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.pgm')).sort();
  return { pages: files.map((f) => readPgm(join(dir, f))), words: pdfWords(path) };
}

/** Pixels darker than `below` in a box (mm), as [x, y] in pixels. */
function ink(page: Gray, box: { x0: number; y0: number; x1: number; y1: number }, below = 128): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (let y = px(box.y0); y < Math.min(page.height, px(box.y1)); y++) for (let x = px(box.x0); x < Math.min(page.width, px(box.x1)); x++) if (page.at(x, y) < below) found.push([x, y]);
  return found;
}

/**
 * The mark's own grey (grey 110 at 30 % over white, about 211) in runs of several pixels, as the
 * strokes of its large letters make, over the middle of the page: text's anti-aliased edges are
 * greys too, but seldom the same one four pixels in a row.
 */
function markPixels(page: Gray): number {
  let n = 0;
  for (let y = px(40); y < px(260); y++) {
    let run = 0;
    for (let x = px(35); x < px(190); x++) {
      const v = page.at(x, y);
      run = v >= 200 && v <= 222 ? run + 1 : 0;
      if (run >= 4) n++;
    }
  }
  return n;
}

const spec = (stage: RecordSpec['stage']): RecordSpec => ({ seed: 4242, templates: ['GIO', 'VH', 'MC'], staff: 16, addedOnSite: 1, representatives: 2, stage, unitSigner: 'drawn', teamSigners: 'drawn', recommendations: 3, issuerComplete: true });

describe('the record as it prints', () => {
  let final: ReturnType<typeof render>;
  let draft: ReturnType<typeof render>;
  beforeAll(() => {
    final = render('final', buildRecord(spec('finalized')));
    draft = render('draft', buildRecord(spec('correction-draft')));
  }, 120_000);

  it('numbers pages only from page 2, centred in the top margin, and nowhere else', () => {
    for (const { pages } of [final, draft]) {
      expect(pages.length).toBeGreaterThan(3);
      pages.forEach((page, i) => {
        const top = ink(page, { x0: 0, y0: 0, x1: 210, y1: 18 });
        if (i === 0) expect(top, 'page 1 top margin').toHaveLength(0);
        else {
          expect(top.length, `page ${i + 1} number`).toBeGreaterThan(0);
          const centre = (Math.min(...top.map(([x]) => x)) + Math.max(...top.map(([x]) => x))) / 2;
          expect(Math.abs(centre - px(30 + 165 / 2)), `page ${i + 1} number centred`).toBeLessThanOrEqual(px(2));
        }
        // Nothing at the foot's right, where a "Trang x/y" would stand.
        expect(ink(page, { x0: 160, y0: 282, x1: 200, y1: 292 }), `page ${i + 1} foot right`).toHaveLength(0);
      });
    }
  });

  it('marks every page of a draft across its middle, and no page of a final record', () => {
    const inFinal = final.pages.map(markPixels);
    const inDraft = draft.pages.map(markPixels);
    for (const [i, n] of inDraft.entries()) expect(n, `draft page ${i + 1} (final pages: ${inFinal.join(', ')})`).toBeGreaterThan(Math.max(...inFinal) * 5 + 300);
  });

  it('repeats the head of a table right above the first row of each table on every page', () => {
    const heads = { code: ['Mã', 'Nội', 'dung', 'Kết', 'quả', 'Ghi', 'chú,'], number: ['STT', 'Họ', 'tên', 'Tình', 'trạng', 'Xác', 'minh,'] };
    const isRow = (w: PdfWord) => /^([A-Z]{2,5}-\d{2}|\d+)$/.test(w.text) && w.x0 < 40;
    for (const { words, pages } of [final, draft]) {
      let checked = 0;
      for (let p = 1; p <= pages.length; p++) {
        const here = words.filter((w) => w.page === p && w.y1 - w.y0 < 10 && w.y0 > 18 && w.y0 < 297 - 15);
        // The leftmost word of each line at the tables' left edge, top to bottom.
        const edge = here.filter((w) => w.x0 < 40).sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
        const lines = edge.filter((w, k) => k === 0 || Math.abs(w.y0 - edge[k - 1]!.y0) > 1);
        // A section's title row spans the table from its left edge; it does not start a table.
        const isSectionTitle = (w: PdfWord) => !isRow(w) && w.x0 < 33 && !['Mã', 'STT'].includes(w.text);
        lines.forEach((line, k) => {
          if (!isRow(line)) return;
          let j = k - 1;
          while (j >= 0 && isSectionTitle(lines[j]!)) j -= 1;
          if (j >= 0 && isRow(lines[j]!)) return;
          // The first row of a table on this page (after its head, and perhaps a section's title):
          // the head's words stand just above it.
          const band = here.filter((w) => w.y0 < line.y0 - 0.5 && w.y0 > line.y0 - 25).map((w) => w.text);
          for (const word of /^\d+$/.test(line.text) ? heads.number : heads.code) expect(band, `page ${p}: "${word}" above ${line.text}`).toContain(word);
          checked += 1;
        });
      }
      // At least where each of the four tables (roll call, GIO, VH, MC) starts, and on the pages they continue on.
      expect(checked).toBeGreaterThanOrEqual(Math.max(4, pages.length - 1));
    }
  });
});

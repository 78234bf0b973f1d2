import { readFileSync } from 'node:fs';
import { jsPDF } from 'jspdf';
import { describe, expect, it, vi } from 'vitest';
import { FONT_FAMILY, FONT_FILES, outputPdf, registerFonts, type ReportFonts } from './fonts';

const read = (key: keyof ReportFonts) => new Uint8Array(readFileSync(new URL(`../../build/fonts/${FONT_FILES[key]}`, import.meta.url)));
const fonts: ReportFonts = { regular: read('regular'), bold: read('bold'), italic: read('italic'), boldItalic: read('boldItalic') };

function sampleDoc(withFonts: ReportFonts = fonts): jsPDF {
  const doc = new jsPDF({ unit: 'mm', format: 'a4', compress: true, putOnlyUsedFonts: true });
  registerFonts(doc, withFonts);
  doc.setCreationDate(new Date(Date.UTC(2026, 10, 23, 3)));
  doc.setFileId('0123456789ABCDEF0123456789ABCDEF');
  doc.text('Cộng hòa xã hội chủ nghĩa Việt Nam', 20, 20);
  doc.setFont(FONT_FAMILY, 'bold');
  doc.text('BIÊN BẢN', 20, 30);
  return doc;
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('report fonts in jsPDF', () => {
  it('embeds each style used as a subset under its own tagged PostScript name', () => {
    const pdf = latin1(outputPdf(sampleDoc()));
    const names = [...pdf.matchAll(/\/FontName \/([A-Z]{6})\+(\S+)/g)].map((m) => m[2]);
    expect(names).toEqual(['LiberationSerif', 'LiberationSerif-Bold']);
    const tags = [...pdf.matchAll(/\/BaseFont \/([A-Z]{6})\+/g)].map((m) => m[1]);
    // Type0 font and its CID font carry the same name: two of each style.
    expect(tags).toHaveLength(4);
    expect(new Set(tags).size).toBe(2);
    expect(pdf).not.toMatch(/\/BaseFont \/LiberationSerif\b/);
    // A handful of glyphs: the font programs are a few kilobytes, not the 370 KB of the files.
    for (const [, length] of pdf.matchAll(/\/Length1 (\d+)/g)) expect(Number(length)).toBeLessThan(40_000);
  });

  it('gives the same bytes on every output, and answers to the family name afterwards', () => {
    const doc = sampleDoc();
    const first = outputPdf(doc);
    expect(doc.getFont().fontName).toBe(FONT_FAMILY);
    expect(Buffer.compare(Buffer.from(outputPdf(doc)), Buffer.from(first))).toBe(0);
    expect(Buffer.compare(Buffer.from(outputPdf(sampleDoc())), Buffer.from(first))).toBe(0);
  });

  it('throws rather than give a PDF without its font when a font cannot be subset', () => {
    // A loca whose last entry points past glyf: jsPDF opens the font, the subsetter refuses it.
    const broken = fonts.regular.slice();
    const view = new DataView(broken.buffer);
    const tables = new Map<string, number>();
    for (let i = 0; i < view.getUint16(4); i++) tables.set(String.fromCharCode(...broken.subarray(12 + 16 * i, 16 + 16 * i)), view.getUint32(20 + 16 * i));
    const numGlyphs = view.getUint16(tables.get('maxp')! + 4);
    view.setUint32(tables.get('loca')! + 4 * numGlyphs, 0x7fffffff);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(() => outputPdf(sampleDoc({ ...fonts, regular: broken }))).toThrow('A report font could not be embedded');
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });
});

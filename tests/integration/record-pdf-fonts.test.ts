import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFRef } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRecordPdf } from '../support/sign-record';
import type { ReportFonts } from '../../shared/report/fonts';
import type { InspectionRecord } from '../../shared/inspection/record';
import { buildSamplePdf, loadFonts, sampleRecordWithBlobs } from '../support/report-fixture';
import { makeTestIdentity } from '../support/test-certificate';

/**
 * The biên bản embeds its fonts as subsets: small, and drawn and read back exactly as with the
 * whole font files, which the test puts back in place of the subsets to compare.
 */
const dir = mkdtempSync(join(tmpdir(), 'congvu-fonts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let record: InspectionRecord;
let pdf: Uint8Array;
let signed: Uint8Array;

function write(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

beforeAll(async () => {
  const sample = sampleRecordWithBlobs({ photos: 0, staff: 20 });
  record = sample.record;
  pdf = buildSamplePdf(record, sample.blobs);
  const identity = makeTestIdentity();
  signed = await signRecordPdf(pdf, identity, { meta: { reason: 'Ký biên bản kiểm tra công vụ', location: 'Xã Tân Phước Hưng', name: 'Nguyễn Thị Ánh Tuyết', role: 'leader' } });
});

const STYLE_OF: Record<string, keyof ReportFonts> = {
  LiberationSerif: 'regular',
  'LiberationSerif-Bold': 'bold',
  'LiberationSerif-Italic': 'italic',
  'LiberationSerif-BoldItalic': 'boldItalic',
};

/** Each embedded font program: its style, where it is, and its size in the file. */
function fontPrograms(doc: PDFDocument) {
  return doc.context.enumerateIndirectObjects().flatMap(([, object]) => {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) return [];
    const name = object.lookup(PDFName.of('FontName'), PDFName).decodeText().replace(/^[A-Z]{6}\+/, '');
    const ref = object.get(PDFName.of('FontFile2')) as PDFRef;
    const program = doc.context.lookup(ref);
    if (!(program instanceof PDFRawStream)) throw new Error(`${name}: FontFile2 is not a stream`);
    return [{ style: STYLE_OF[name]!, ref, size: program.contents.length }];
  });
}

/** The same PDF with each embedded subset replaced by the whole font file it was cut from. */
async function withWholeFonts(bytes: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes);
  const fonts = loadFonts();
  const programs = fontPrograms(doc);
  expect(programs).toHaveLength(4);
  for (const { style, ref } of programs) doc.context.assign(ref, doc.context.flateStream(fonts[style], { Length1: fonts[style].length }));
  return doc.save({ useObjectStreams: false });
}

function renderPages(path: string, prefix: string): Buffer[] {
  execFileSync('pdftoppm', ['-png', '-r', '60', path, join(dir, prefix)]);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => readFileSync(join(dir, f)));
}

const pdftotext = (path: string) => execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });

describe('fonts of the record PDF', () => {
  it('are all embedded subsets with a ToUnicode map, each style under its own tagged name', () => {
    const out = execFileSync('pdffonts', [write('record.pdf', pdf)], { encoding: 'utf8' });
    const rows = out.trim().split('\n').slice(2).map((line) => line.trim().split(/\s+/));
    expect(rows.map((r) => r[0]!.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(Object.keys(STYLE_OF).sort());
    for (const row of rows) {
      expect(row[0], row.join(' ')).toMatch(/^[A-Z]{6}\+LiberationSerif/);
      // name, "CID TrueType", encoding, then emb sub uni.
      expect(row.slice(4, 7), row.join(' ')).toEqual(['yes', 'yes', 'yes']);
    }
    expect(new Set(rows.map((r) => r[0])).size).toBe(4);
  });

  it('keep a record without photos under 250 KB, signed', async () => {
    expect(signed.length).toBeLessThanOrEqual(250 * 1024);
    // The four font programs together, compressed as they are in the file (the whole fonts were 120 KB).
    const programs = fontPrograms(await PDFDocument.load(pdf));
    expect(programs).toHaveLength(4);
    expect(programs.reduce((n, p) => n + p.size, 0)).toBeLessThan(60 * 1024);
  });

  it('give back exactly the text, and draw exactly the pixels, that the whole fonts do', async () => {
    const subsetPath = write('subset.pdf', pdf);
    const wholePath = write('whole.pdf', await withWholeFonts(pdf));
    expect(readFileSync(wholePath).length).toBeGreaterThan(pdf.length + 500_000);
    const text = pdftotext(subsetPath);
    expect(text).toBe(pdftotext(wholePath));
    expect(text).toBe(text.normalize('NFC'));
    expect(text).not.toContain('\uFFFD');
    const words = text.replace(/\s+/g, ' ');
    for (const expected of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', record.inspection.unit.name, ...record.roster.map((r) => r.name), ...record.inspection.team.map((m) => m.name)]) {
      expect(words, expected).toContain(expected);
    }
    const subsetPages = renderPages(subsetPath, 'subset');
    const wholePages = renderPages(wholePath, 'whole');
    expect(subsetPages.length).toBeGreaterThan(1);
    expect(subsetPages).toHaveLength(wholePages.length);
    subsetPages.forEach((png, page) => expect(Buffer.compare(png, wholePages[page]!), `page ${page + 1}`).toBe(0));
  });

  it('leave the signed file valid for pdfsig and qpdf', () => {
    const path = write('signed.pdf', signed);
    const verdict = spawnSync('pdfsig', [path], { encoding: 'utf8' }).stdout;
    expect(verdict).toContain('Signature is Valid');
    expect(verdict).toContain('Total document signed');
    const check = spawnSync('qpdf', ['--check', path], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain('No syntax or stream encoding errors');
  });
});

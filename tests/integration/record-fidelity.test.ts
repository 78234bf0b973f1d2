import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import type { InspectionRecord } from '../../shared/inspection/record';
import { defaultLegalBases } from '../../shared/legal-bases/default-legal-bases';
import { attendanceLabel, measureLabel } from '../../shared/report/labels';
import { buildRecordPdf } from '../../shared/report/record-pdf';
import { summarizeInspections } from '../../shared/report/summary';
import { vnDate } from '../../shared/report/vn-date';
import { buildDashboard } from '../../shared/review/dashboard';
import { csvZipBytes, xlsxBytes } from '../../shared/review/export-files';
import { exportSheets } from '../../shared/review/export-sheets';
import { inspectionFacts, templatesByRef } from '../../shared/review/facts';
import { builtInTemplates } from '../../shared/templates';
import { findPhrase, flowPos, joinWords, pdfWords, tableRows, type PdfWord } from '../support/pdf-words';
import { buildRecord, recordSpec, signatureBlobs } from '../support/record-arbitrary';
import { expectedItems } from '../support/record-oracle';
import { loadFonts } from '../support/report-fixture';

/**
 * The record is true: for hundreds of generated records (every answer type, every roll-call state,
 * representatives present, absent or refusing, drafts, finalized records, corrections), each fact
 * appears in its place in the PDF, the department's export and the team lead's summary, and
 * nothing contradicts the record. The seed is fixed so CI is repeatable; FIDELITY_SEED and
 * FIDELITY_RUNS explore further.
 */
const SEED = Number(process.env['FIDELITY_SEED'] ?? 20261204);
const RUNS = Number(process.env['FIDELITY_RUNS'] ?? 150);
const dir = mkdtempSync(join(tmpdir(), 'congvu-fidelity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fonts = loadFonts();
const blobs = signatureBlobs();
const byRef = templatesByRef(builtInTemplates);
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Column left edges (mm) of the record's two tables, as record-pdf lays them out. */
const ROLL_CALL = [30, 40, 80, 120, 144, 159];
const FINDINGS = [30, 47, 113, 147];
const CODE = /^[A-Z]{2,5}-\d{2}$/;

function between(words: readonly PdfWord[], from: string, to: string): [number, number] {
  const a = findPhrase(words, from);
  const b = findPhrase(words, to);
  if (!a || !b) throw new Error(`missing "${from}" or "${to}"`);
  return [flowPos(a), flowPos(b)];
}

/**
 * No heading, head row or section title ends a page: every line of a table's first column that
 * is not a row (those are kept whole) has the next line on its own page.
 */
function checkKeptTogether(words: readonly PdfWord[], from: number, to: number, columns: readonly number[], isRow: (w: PdfWord) => boolean, what: string): void {
  const first = words.filter((w) => flowPos(w) > from && flowPos(w) < to && w.x0 >= columns[0]! - 1 && w.x0 < columns[1]!).sort((a, b) => flowPos(a) - flowPos(b) || a.x0 - b.x0);
  // The leftmost word of each line.
  const lines = first.filter((w, k) => k === 0 || w.page !== first[k - 1]!.page || Math.abs(w.y0 - first[k - 1]!.y0) > 1);
  lines.forEach((line, k) => {
    const next = lines[k + 1];
    if (!isRow(line) && next) expect(next.page, `${what}: "${line.text}" at the foot of page ${line.page}`).toBe(line.page);
  });
}

function checkPdf(record: InspectionRecord, path: string): void {
  const i = record.inspection;
  const all = pdfWords(path);
  // The draft mark's huge diagonal letters are not part of the text's flow.
  const mark = all.filter((w) => w.y1 - w.y0 > 10);
  const pages = new Set(all.map((w) => w.page));
  expect(new Set(mark.map((w) => w.page)), 'the draft mark on every page, and only on a draft').toEqual(i.status === 'draft' ? pages : new Set());
  // Page numbers: none on page 1, the page's number alone and centred in the top margin of the others.
  const top = all.filter((w) => w.y1 < 19 && !mark.includes(w));
  for (const p of pages) {
    const here = top.filter((w) => w.page === p);
    expect(here.map((w) => w.text), `page ${p} top margin`).toEqual(p === 1 ? [] : [String(p)]);
    if (p > 1) expect(Math.abs((here[0]!.x0 + here[0]!.x1) / 2 - (30 + 165 / 2))).toBeLessThan(1);
  }
  // The footer: the record's hash (or the draft notice) on every page.
  const footer = all.filter((w) => w.y0 > 297 - 15 && !mark.includes(w));
  for (const p of pages) expect(joinWords(footer.filter((w) => w.page === p)), `page ${p} footer`).toBe(i.contentHash ? `Mã SHA-256 của biên bản: ${i.contentHash}` : 'BẢN NHÁP - biên bản chưa hoàn tất, chưa có mã SHA-256');
  const words = all.filter((w) => !mark.includes(w) && !top.includes(w) && !footer.includes(w));
  const text = flat(joinWords(words));
  // Everything inside the margins (30 mm left, 15 mm right; a little slack for side bearings), and
  // the header's two columns apart: nothing of the left column reaches the national title's.
  for (const w of all.filter((x) => !mark.includes(x))) expect([w.x0 >= 29.5 && w.x1 <= 195.5, w.text, w.page]).toEqual([true, w.text, w.page]);
  const nation = all.find((w) => w.page === 1 && w.text === 'CỘNG')!;
  const title = all.find((w) => w.page === 1 && w.text === 'BIÊN')!;
  for (const w of all.filter((x) => x.page === 1 && x.y0 < title.y0 - 1 && x.x1 <= nation.x0 + 0.5)) expect(w.x1, `"${w.text}" runs into the title's column`).toBeLessThan(nation.x0);
  const templates = i.templateRefs.map((ref) => byRef.get(ref)!);

  // Who issues it, and whether it is final.
  if (i.issuer?.agency) {
    // A long number may break after a slash.
    expect(text.replace(/\/ /g, '/')).toContain(`Số: ${i.recordNumber}/BB-${i.issuer.symbol}`);
    expect(text).toContain(i.issuer.agency.toLocaleUpperCase('vi'));
  } else expect(text).toContain('Số: ……/BB-……');
  if (i.correction) {
    expect(text).toContain(`(Bản sửa đổi lần ${i.revision - 1})`);
    expect(text).toContain(`Lý do sửa đổi: ${i.correction.reason}`);
    expect(text).toContain(i.correction.replacesHash);
  } else expect(text).not.toContain('Bản sửa đổi');
  expect(text, 'a second page numbering').not.toMatch(/Trang \d+\/\d+/);

  // I.2 lists exactly the unit's representatives.
  const reps = text.slice(text.indexOf('2. Đại diện đơn vị được kiểm tra:') + '2. Đại diện đơn vị được kiểm tra:'.length, text.indexOf('II. NỘI DUNG KIỂM TRA')).trim();
  const listed = i.unitRepresentatives.map((r) => `- ${[r.name, r.position].filter(Boolean).join(', ')};`).join(' ');
  expect(reps).toBe(listed || '- …… (chưa ghi đại diện đơn vị).');
  expect(text).not.toContain('Không có đại diện đơn vị tham dự');

  // The roll call: its figures and one row per person, in order.
  const count = (s: string) => record.roster.filter((r) => r.status === s).length;
  expect(text).toContain(`Tổng số cán bộ, công chức theo danh sách: ${record.roster.length} người; có mặt: ${count('present')}; đi muộn: ${count('late')}; vắng có lý do: ${count('excused')}; đi công tác: ${count('on-mission')}; vắng không lý do: ${count('unexcused')}`);
  const roster = [...record.roster].sort((a, b) => a.seq - b.seq);
  if (roster.length > 0) {
    const [from, to] = between(words, '1. Kết quả điểm danh', '2. Kết quả kiểm tra theo từng nội dung');
    const isRow = (w: PdfWord) => /^\d+$/.test(w.text) && w.x0 < 38;
    checkKeptTogether(words, from, to, ROLL_CALL, isRow, 'roll call');
    const rows = tableRows(words, from, to, ROLL_CALL, isRow);
    expect(rows.map((r) => r.cells[0])).toEqual(roster.map((_, n) => String(n + 1)));
    rows.forEach((row, n) => {
      const r = roster[n]!;
      expect(row.cells[1]).toBe(r.name + (r.addedOnSite ? ' (bổ sung tại chỗ)' : ''));
      expect(row.cells[3]).toBe(attendanceLabel[r.status]);
      expect(row.cells[4]).toBe(r.arrivalTime ?? '');
    });
  }

  // Every item of every checklist, once, in order, with its judgement, figures and people.
  const expected = expectedItems(record, templates);
  const [from, to] = between(words, '2. Kết quả kiểm tra theo từng nội dung', 'III. KẾT LUẬN VÀ KIẾN NGHỊ');
  checkKeptTogether(words, from, to, FINDINGS, (w) => CODE.test(w.text), 'findings');
  const rows = tableRows(words, from, to, FINDINGS, (w) => CODE.test(w.text));
  expect(rows.map((r) => r.cells[0])).toEqual(expected.map((e) => e.code));
  rows.forEach((row, n) => {
    const e = expected[n]!;
    const result = row.cells[2]!;
    if (e.verdict) expect(result.startsWith(e.verdict), `${e.code}: "${result}" should start with "${e.verdict}"`).toBe(true);
    else expect(result, e.code).not.toMatch(/^(Đạt|Không đạt|Có vi phạm|Không vi phạm|Không áp dụng|Chưa kiểm tra)\b/u);
    for (const s of e.shows) expect(result, e.code).toContain(s);
    for (const name of e.names) expect(row.cells[3], `${e.code} names ${name}`).toContain(name);
  });

  // Conclusions and recommendations, with their deadlines as dd/mm/yyyy.
  const names = new Map(record.roster.map((r) => [r.id, r.name]));
  record.recommendations.forEach((r, n) => {
    const target = r.target.kind === 'unit' ? i.unit.name : r.target.kind === 'person' ? names.get(r.target.rosterId)! : `nội dung ${r.target.itemCode}`;
    expect(text).toContain(`${n + 1}. ${measureLabel[r.measure]} đối với ${target}: ${r.text}.${r.deadline ? ` Thời hạn khắc phục: ${vnDate(r.deadline)}.` : ''}`);
  });
  if (record.recommendations.length === 0) expect(text).toContain('Đoàn kiểm tra không có kiến nghị.');

  // Under the closing line: who signed or refused, as the record says, and nobody else for the unit.
  const closing = text.slice(text.indexOf('Biên bản kết thúc vào hồi'));
  for (const s of record.signatures) {
    expect(closing).toContain(s.signerName);
    if (s.mark.kind === 'refused') expect(text).toContain(`${s.signerName}${s.signerPosition ? `, ${s.signerPosition}` : ''} từ chối ký biên bản. Lý do: ${s.mark.reason}`);
  }
  const unitSigner = record.signatures.find((s) => s.role === 'unit-representative');
  if (unitSigner) expect(i.unitRepresentatives.map((r) => r.name)).toContain(unitSigner.signerName);
  for (const m of i.team.filter((x) => x.role !== 'member')) expect(closing).toContain(m.name);
}

describe('the record PDF says exactly what was recorded', () => {
  it(`holds for ${RUNS} generated records`, () => {
    let n = 0;
    fc.assert(
      fc.property(recordSpec, (spec) => {
        const record = buildRecord(spec);
        const path = join(dir, `record-${n++ % 4}.pdf`);
        writeFileSync(path, buildRecordPdf({ record, templates: builtInTemplates, legalBases: defaultLegalBases, fonts, blob: (sha) => blobs.get(sha) }));
        checkPdf(record, path);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 600_000);
});

describe('the department export and the team-lead summary say what the records say', () => {
  const records = fc.sample(recordSpec, { seed: SEED + 1, numRuns: 80 }).map((spec) => buildRecord(spec));
  const facts = records.map((r) => inspectionFacts(r, byRef));
  const dashboard = buildDashboard(facts, byRef, {}, '2026-12-04');
  const sheets = () => exportSheets({ facts, dashboard: () => dashboard, records: async function* () { yield* records; }, templates: byRef });
  const expected = new Map(records.map((r) => [`${r.inspection.id}@${r.inspection.revision}`, expectedItems(r, r.inspection.templateRefs.map((ref) => byRef.get(ref)!))]));

  it('has one row per checklist item of every record in the XLSX, with its result, judgement and people', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsxBytes(sheets())).buffer as ArrayBuffer);
    const sheet = workbook.getWorksheet('Kết quả kiểm tra')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const rows = new Map<string, ExcelJS.Row[]>();
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const key = `${row.getCell(1).text}@${row.getCell(2).text}`;
      rows.set(key, [...(rows.get(key) ?? []), row]);
    });
    for (const record of records) {
      const key = `${record.inspection.id}@${record.inspection.revision}`;
      const want = expected.get(key)!;
      const got = rows.get(key) ?? [];
      expect(got.map((r) => r.getCell(col('Mã nội dung')).text), key).toEqual(want.map((e) => e.code));
      got.forEach((row, n) => {
        const e = want[n]!;
        expect(row.getCell(col('Đánh giá')).text, `${key} ${e.code}`).toBe(e.verdict);
        for (const s of e.shows) expect(row.getCell(col('Kết quả')).text, `${key} ${e.code}`).toContain(s);
        for (const name of e.names) expect(row.getCell(col('Người liên quan')).text, `${key} ${e.code}`).toContain(name);
      });
    }
    // Roll call: one row per person of every record.
    expect(workbook.getWorksheet('Điểm danh')!.rowCount - 1).toBe(records.reduce((n, r) => n + r.roster.length, 0));
    // Per inspection: the figures the dashboard counts.
    const inspections = workbook.getWorksheet('Cuộc kiểm tra')!;
    const ih = (inspections.getRow(1).values as unknown[]).slice(1);
    inspections.eachRow((row, n) => {
      if (n === 1) return;
      const record = records.find((r) => r.inspection.id === row.getCell(1).text && String(r.inspection.revision) === row.getCell(2).text)!;
      const want = expected.get(`${record.inspection.id}@${record.inspection.revision}`)!;
      expect(Number(row.getCell(ih.indexOf('Số vi phạm') + 1).value)).toBe(want.filter((e) => e.judged && e.violation).length);
      expect(Number(row.getCell(ih.indexOf('Đi muộn') + 1).value)).toBe(record.roster.filter((r) => r.status === 'late').length);
      expect(Number(row.getCell(ih.indexOf('Vắng không lý do') + 1).value)).toBe(record.roster.filter((r) => r.status === 'unexcused').length);
    });
    expect(inspections.rowCount - 1).toBe(records.length);
  });

  it('writes the same rows to CSV', async () => {
    const files = unzipSync(await csvZipBytes(sheets()));
    const lines = (name: string) => strFromU8(files[name]!).split('\r\n').filter((l, n) => n > 0 && l !== '');
    const itemRows = [...expected.values()].reduce((n, e) => n + e.length, 0);
    // Quoted cells may hold line breaks: count the rows by their leading inspection id instead.
    const ids = new Set(records.map((r) => r.inspection.id));
    expect(lines('ket-qua-kiem-tra.csv').filter((l) => ids.has(l.slice(0, 36))).length).toBe(itemRows);
    expect(lines('diem-danh.csv').filter((l) => ids.has(l.slice(0, 36))).length).toBe(records.reduce((n, r) => n + r.roster.length, 0));
  });

  it('counts in the team-lead summary exactly the violations the records hold, item by item', () => {
    const summary = summarizeInspections(records, builtInTemplates, '2026-12-04');
    const perItem = new Map<string, number>();
    // Counted per item, whichever version of its checklist a record used (MC@1 and MC@2 alike).
    for (const e of [...expected.values()].flat()) if (e.judged && e.violation) perItem.set(e.code, (perItem.get(e.code) ?? 0) + 1);
    expect(new Map(summary.items.filter((x) => x.violations > 0).map((x) => [x.code, x.violations]))).toEqual(perItem);
    expect(new Set(summary.items.map((x) => x.code)).size).toBe(summary.items.length);
    // One entry per person named in a breach: the people a list answer names, else those involved
    // (for the roll call, who was late or absent without reason).
    const rosterItems = new Set(builtInTemplates.flatMap((t) => t.sections.flatMap((x) => x.items)).filter((it) => it.answerType === 'roster' && it.rosterKind === 'violation').map((it) => it.code));
    const breaches = [...expected.values()].flat().filter((e) => e.judged && e.violation).reduce((n, e) => n + (rosterItems.has(e.code) ? e.shows.length : e.names.length), 0);
    expect(breaches).toBeGreaterThan(0);
    expect(summary.officials.reduce((n, o) => n + o.violations, 0)).toBe(breaches);
  });
});

import type { InspectionRecord } from '../inspection/record';
import type { Template } from '../schemas';
import { attendanceLabel } from '../report/labels';
import { itemResults } from '../inspection/item-results';
import { rollCallOrder } from '../inspection/roll-call';
import { findingText, involvedText, verdictColumn } from '../report/answer-text';
import { isoDay } from '../time/local-iso';
import { vnDate } from '../report/vn-date';
import type { Dashboard } from './dashboard';
import type { InspectionFacts } from './facts';

/**
 * A column's cells: text or numbers as they come, or days (YYYY-MM-DD in the rows) written as real
 * date cells shown dd/mm/yyyy in the workbook, and as dd/mm/yyyy text in the CSV.
 */
export interface ExportColumn {
  header: string;
  width: number;
  type?: 'day';
}

/** One sheet of the department's export: Vietnamese headers and rows produced on demand. */
export interface ExportSheet {
  name: string;
  /** File name for the CSV form (ASCII). */
  file: string;
  columns: ExportColumn[];
  rows: () => AsyncIterable<unknown[]>;
}

/** Where the full records come from, one at a time: the reviewer's IndexedDB, or the hub's database. */
export type RecordSource = () => AsyncIterable<InspectionRecord>;

/** Columns several sheets share, so that they read the same everywhere. */
const COL = {
  id: { header: 'Mã cuộc kiểm tra', width: 38 },
  revision: { header: 'Lần lập', width: 8 },
  day: { header: 'Ngày kiểm tra', width: 13, type: 'day' },
  unitCode: { header: 'Mã đơn vị', width: 12 },
  unitName: { header: 'Đơn vị', width: 36 },
  name: { header: 'Họ và tên', width: 28 },
  position: { header: 'Chức vụ', width: 24 },
} as const;

/** Below Excel's 32,767 characters per cell. */
const MAX_DETAIL_CHARS = 30_000;

/** One line per entry; past the limit, the count of the entries left out is written instead. */
export function listWithin(lines: readonly string[], max: number, separator = '\n'): string {
  let out = '';
  for (const [k, line] of lines.entries()) {
    const next = out ? `${out}${separator}${line}` : line;
    if (next.length > max) return `${out}${separator}… và ${lines.length - k} mục khác`;
    out = next;
  }
  return out;
}

/** Item codes in their natural order (GIO-2 before GIO-10); one collator, made once. */
const byCode = new Intl.Collator('en', { numeric: true });

async function* fromArray(rows: unknown[][]): AsyncIterable<unknown[]> {
  yield* rows;
}

/**
 * The sheets the department exports: inspections, findings, roll call, officials in breach and
 * recommendations. Findings and roll call are read record by record, so a large export is
 * streamed rather than held in memory.
 */
export function exportSheets(input: {
  /** Read when their sheet is written: the hub fills them while writing the findings. */
  facts: readonly InspectionFacts[];
  dashboard: () => Dashboard;
  records: RecordSource;
  templates: ReadonlyMap<string, Template>;
  reviewStatus?: ReadonlyMap<string, string>;
  signedReport?: ReadonlySet<string>;
}): ExportSheet[] {
  const { facts, dashboard, records, templates } = input;
  return [
    {
      name: 'Cuộc kiểm tra',
      file: 'cuoc-kiem-tra.csv',
      columns: [
        COL.id,
        COL.revision,
        COL.day,
        COL.unitCode,
        COL.unitName,
        { header: 'Trưởng đoàn', width: 24 },
        { header: 'Bộ câu hỏi', width: 18 },
        { header: 'Số người điểm danh', width: 12 },
        { header: 'Có mặt', width: 9 },
        { header: 'Đi muộn', width: 9 },
        { header: 'Vắng không lý do', width: 12 },
        { header: 'Muộn quá 30 phút', width: 12 },
        { header: 'Muộn lâu nhất (phút)', width: 12 },
        { header: 'Số vi phạm', width: 10 },
        { header: 'Tình trạng xem xét', width: 18 },
        { header: 'Biên bản ký số', width: 12 },
        { header: 'SHA-256 biên bản', width: 66 },
      ],
      rows: () =>
        fromArray(
          [...facts]
            .sort((a, b) => a.day.localeCompare(b.day) || a.unitCode.localeCompare(b.unitCode))
            .map((f) => [
              f.id,
              f.revision,
              f.day,
              f.unitCode,
              f.unitName,
              f.leader,
              f.templateIds.join(', '),
              f.staff,
              f.present,
              f.late,
              f.unexcused,
              f.lateOver30,
              f.maxLateMinutes,
              f.violations,
              input.reviewStatus?.get(f.id) ?? '',
              input.signedReport?.has(`${f.id}@${f.revision}`) ? 'Có' : '',
              f.contentHash,
            ]),
        ),
    },
    {
      name: 'Kết quả kiểm tra',
      file: 'ket-qua-kiem-tra.csv',
      columns: [
        COL.id,
        COL.revision,
        COL.day,
        COL.unitCode,
        COL.unitName,
        { header: 'Bộ câu hỏi', width: 14 },
        { header: 'Mã nội dung', width: 11 },
        { header: 'Nội dung kiểm tra', width: 60 },
        { header: 'Kết quả', width: 30 },
        { header: 'Đánh giá', width: 14 },
        { header: 'Ghi chú', width: 40 },
        { header: 'Người liên quan', width: 30 },
      ],
      rows: async function* () {
        for await (const record of records()) {
          const i = record.inspection;
          const names = new Map(record.roster.map((r) => [r.id, r.name]));
          const name = (id: string) => names.get(id) ?? '?';
          const lead = [i.id, i.revision, isoDay(i.arrival.at), i.unit.code, i.unit.name];
          for (const { ref, template, items } of itemResults(record, templates)) {
            if (!template) {
              // A checklist never handed down here: its answers are written as stored.
              const findings = record.findings.filter((f) => f.templateRef === ref).sort((a, b) => byCode.compare(a.itemCode, b.itemCode));
              for (const f of findings) yield [...lead, ref, f.itemCode, '', f.answer ? JSON.stringify(f.answer) : '', '', f.note, ''];
              continue;
            }
            for (const r of items) {
              // What was found, and the judgement beside it: a yes/no answer is its judgement alone.
              yield [...lead, ref, r.item.code, r.item.text.vi, findingText(r, name), verdictColumn(r), r.finding?.note ?? '', involvedText(r, name)];
            }
          }
        }
      },
    },
    {
      name: 'Điểm danh',
      file: 'diem-danh.csv',
      columns: [
        COL.id,
        COL.day,
        COL.unitCode,
        COL.unitName,
        { header: 'STT', width: 6 },
        COL.name,
        COL.position,
        { header: 'Phòng, ban', width: 20 },
        { header: 'Tình trạng', width: 18 },
        { header: 'Giờ đến', width: 9 },
        { header: 'Ghi chú', width: 30 },
      ],
      rows: async function* () {
        for await (const record of records()) {
          const i = record.inspection;
          for (const r of rollCallOrder(record.roster)) {
            yield [i.id, isoDay(i.arrival.at), i.unit.code, i.unit.name, r.seq + 1, r.name, r.position, r.department, attendanceLabel[r.status] ?? r.status, r.arrivalTime ?? '', r.note];
          }
        }
      },
    },
    {
      name: 'Cán bộ vi phạm',
      file: 'can-bo-vi-pham.csv',
      columns: [
        COL.name,
        COL.position,
        COL.unitName,
        { header: 'Số lần vi phạm', width: 12 },
        { header: 'Chi tiết', width: 80 },
      ],
      rows: () => fromArray(dashboard().summary.officials.map((o) => [o.name, o.position, o.unitName, o.violations, listWithin(o.what, MAX_DETAIL_CHARS)])),
    },
    {
      name: 'Kiến nghị',
      file: 'kien-nghi.csv',
      columns: [
        COL.unitName,
        COL.day,
        { header: 'Đối tượng', width: 28 },
        { header: 'Biện pháp', width: 24 },
        { header: 'Nội dung kiến nghị', width: 60 },
        { header: 'Thời hạn khắc phục', width: 14, type: 'day' },
        { header: 'Quá hạn', width: 9 },
      ],
      rows: () => fromArray(dashboard().summary.recommendations.map((r) => [r.unitName, r.day, r.target, r.measure, r.text, r.deadline ?? '', r.overdue ? 'Quá hạn' : ''])),
    },
  ];
}

/** A day as a day column holds it: YYYY-MM-DD, nothing else. */
export const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function csvCell(value: unknown, column: ExportColumn | undefined): string {
  const s = value === null || value === undefined ? '' : column?.type === 'day' && typeof value === 'string' && ISO_DAY.test(value) ? vnDate(value) : String(value);
  // A leading = + - @ (or a tab or return before one) would run as a formula when the file is
  // opened in Excel: such a cell starts with an apostrophe, which Excel shows as text.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One sheet as CSV text, in chunks: UTF-8 with a byte-order mark so that Excel reads the Vietnamese. */
export async function* sheetCsv(sheet: ExportSheet): AsyncIterable<string> {
  yield `\uFEFF${sheet.columns.map((c) => csvCell(c.header, undefined)).join(',')}\r\n`;
  let chunk = '';
  for await (const row of sheet.rows()) {
    chunk += `${row.map((value, c) => csvCell(value, sheet.columns[c])).join(',')}\r\n`;
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

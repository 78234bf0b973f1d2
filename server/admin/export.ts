import { writeFile } from 'node:fs/promises';
import { inspectionRecordSchema } from '@shared/inspection/record';
import type { HubStore } from '../store/hub-store';

const HEADERS = ['Mã cuộc kiểm tra', 'Lần lập', 'Mã đơn vị', 'Đơn vị', 'Ngày kiểm tra', 'Bộ câu hỏi', 'Mã nội dung', 'Kết quả', 'Ghi chú', 'SHA-256 biên bản', 'Hub nhận lúc'];

function answerText(answer: unknown): string {
  if (answer === null || typeof answer !== 'object') return '';
  const a = answer as { type: string; value?: unknown; values?: Record<string, number>; rosterIds?: string[] };
  if (a.type === 'count') return Object.entries(a.values ?? {}).map(([k, v]) => `${k}=${v}`).join('; ');
  if (a.type === 'roster') return `${a.rosterIds?.length ?? 0} người`;
  return String(a.value ?? '');
}

const csvCell = (v: unknown) => {
  const s = String(v ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One row per finding of every record held, with its inspection's details (the reviewers' raw data). */
export async function exportInspections(store: HubStore, format: 'csv' | 'xlsx', out: string): Promise<string> {
  const rows: unknown[][] = [];
  const stored = await store.db.selectFrom('inspections').select(['record', 'received_at']).orderBy('received_at').execute();
  for (const s of stored) {
    const record = inspectionRecordSchema.parse(JSON.parse(s.record));
    const i = record.inspection;
    for (const f of [...record.findings].sort((a, b) => `${a.templateRef}${a.itemCode}`.localeCompare(`${b.templateRef}${b.itemCode}`))) {
      rows.push([i.id, i.revision, i.unit.code, i.unit.name, i.arrival.at.slice(0, 10), f.templateRef, f.itemCode, answerText(f.answer), f.note, i.contentHash, s.received_at]);
    }
  }
  if (format === 'csv') {
    // A byte-order mark so that Excel opens the Vietnamese text as UTF-8.
    await writeFile(out, `\uFEFF${[HEADERS, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`, 'utf8');
  } else {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useSharedStrings: false });
    const sheet = workbook.addWorksheet('Kết quả kiểm tra');
    sheet.addRow(HEADERS).commit();
    for (const r of rows) sheet.addRow(r).commit();
    sheet.commit();
    await workbook.commit();
  }
  return `Wrote ${rows.length} finding row(s) from ${stored.length} record(s) to ${out}.`;
}

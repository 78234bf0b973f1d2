import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openHub } from '../../server/open-hub';
import { pushRequestFor } from '../../shared/sync/protocol';
import { currentBuiltInTemplates } from '../../shared/templates';
import { hubCli } from '../support/hub';
import { sampleRecordWithBlobs } from '../support/report-fixture';

/**
 * The department's exports from the hub's command line, read back as a clerk would open them:
 * one row per checklist item, Vietnamese headers, filters, and plain refusals of bad options.
 */
describe('hub CLI export', () => {
  it("exports the department's sheets as XLSX and CSV, and the period report as PDF, from the command line", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'congvu-hubexport-'));
    const env = { HUB_DATA_DIR: dataDir };
    try {
      const hub = await openHub(env);
      const { record, blobs } = sampleRecordWithBlobs();
      for (const [sha, bytes] of blobs) await hub.store.putBlob(sha, bytes);
      expect((await hub.store.putInspection('cli-test', pushRequestFor(record))).status).toBe(201);
      await hub.close();
      const day = record.inspection.arrival.at.slice(0, 10);
      // One row per checklist item: the roll call (GIO-03) and the late arrivals (GIO-04) have no finding of their own.
      const items = currentBuiltInTemplates.reduce((n, t) => n + t.sections.reduce((k, s) => k + s.items.length, 0), 0);
      expect(items).toBe(record.findings.length + 2);
      const expectedRows: Record<string, number> = { 'Cuộc kiểm tra': 1, 'Kết quả kiểm tra': items, 'Điểm danh': record.roster.length };

      const csvDir = join(dataDir, 'csv');
      const run = await hubCli(['export', '--format', 'csv', '--out', csvDir], env);
      expect(run.stdout).toContain('Wrote 5 CSV file(s) for 1 inspection(s)');
      const findingsCsv = readFileSync(join(csvDir, 'ket-qua-kiem-tra.csv'), 'utf8');
      expect(findingsCsv.startsWith('\uFEFFMã cuộc kiểm tra,Lần lập,Ngày kiểm tra,Mã đơn vị,Đơn vị')).toBe(true);
      expect(findingsCsv.trim().split('\r\n')).toHaveLength(items + 1);
      expect(readFileSync(join(csvDir, 'diem-danh.csv'), 'utf8').trim().split('\r\n')).toHaveLength(record.roster.length + 1);

      const xlsx = join(dataDir, 'out.xlsx');
      expect((await hubCli(['export', '--format', 'xlsx', '--out', xlsx, '--from', day, '--to', day], env)).status).toBe(0);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(xlsx);
      expect(workbook.worksheets.map((w) => w.name)).toEqual(['Cuộc kiểm tra', 'Kết quả kiểm tra', 'Điểm danh', 'Cán bộ vi phạm', 'Kiến nghị']);
      for (const [name, rows] of Object.entries(expectedRows)) expect(workbook.getWorksheet(name)!.rowCount).toBe(rows + 1);
      expect(workbook.getWorksheet('Cuộc kiểm tra')!.getRow(2).getCell(1).value).toBe(record.inspection.id);

      // A filter that matches nothing leaves the sheets with their headers only.
      const none = join(dataDir, 'none.xlsx');
      expect((await hubCli(['export', '--format', 'xlsx', '--out', none, '--unit', 'KHONG-CO'], env)).stdout).toContain('for 0 inspection(s)');

      const pdf = join(dataDir, 'report.pdf');
      expect((await hubCli(['export', '--format', 'pdf', '--out', pdf], env)).status).toBe(0);
      const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
      expect(text).toContain('BÁO CÁO');
      expect(text).toContain(record.inspection.unit.name);

      expect((await hubCli(['export', '--format', 'doc', '--out', xlsx], env)).stderr).toContain('--format xlsx|csv|pdf');
      expect((await hubCli(['export', '--format', 'xlsx', '--out', xlsx, '--from', '25/11/2026'], env)).stderr).toContain('--from must be a day');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { defaultLegalBases } from '@shared/legal-bases/default-legal-bases';
import { templateSchema, type Template } from '@shared/schemas';
import { compliance, count, field, roster, section, time } from '@shared/templates/item-builder';
import { writeTemplateWorkbook } from '../../node-shared/xlsx/template-workbook';
import { publishTemplateUpload } from '../../server/admin/templates';
import { openHub } from '../../server/open-hub';
import { judge, median, type BenchRun } from './results';

const ITEMS = 300;
const RUNS = 7;

/** A department's large checklist: 10 sections of 30 items, a count item with its rule in every five. */
function bigTemplate(version: number): Template {
  const code = (n: number) => `BIG-${String(n).padStart(3, '0')}`;
  const item = (n: number) => {
    const vi = `Nội dung kiểm tra số ${n}: công chức thực hiện đúng quy định về giờ làm việc và ứng xử`;
    const en = `Checklist item ${n}: staff keep the rules on working hours and conduct`;
    switch (n % 5) {
      case 0:
        return {
          ...count(code(n), vi, en, [field('coMat', 'Có mặt', 'Present', 'người', 'people'), field('duocGiao', 'Được phân công', 'Assigned', 'người', 'people')], { refs: ['L80'] }),
          compliantWhen: [{ field: 'coMat', op: 'ge' as const, than: { field: 'duocGiao' } }],
        };
      case 1:
        return roster(code(n), vi, en, 'violation', { wording: 'violation', refs: ['CD968', ['ND30', 'Điều 5 khoản 6']] });
      case 2:
        return time(code(n), vi, en, { note: 'practice' });
      default:
        return compliance(code(n), vi, en, { refs: ['QD129'], critical: n % 7 === 0 });
    }
  };
  return templateSchema.parse({
    id: 'BIG',
    version,
    title: { vi: 'Danh mục kiểm tra lớn', en: 'Large checklist' },
    publishedAt: '2026-12-04T00:00:00+07:00',
    sections: Array.from({ length: 10 }, (_, s) =>
      section(`BIG-${String.fromCharCode(65 + s)}`, `Phần ${s + 1}`, `Part ${s + 1}`, Array.from({ length: ITEMS / 10 }, (_, i) => item(s * (ITEMS / 10) + i + 1))),
    ),
  });
}

/**
 * A 300-item checklist workbook read, checked and published into a hub on SQLite, as
 * `hub:cli publish-template` and the console do; each run a new version, so each really publishes.
 * The floor beside it: the spreadsheet library loading the same bytes, and nothing else.
 */
export async function benchTemplateWorkbook({ emit, part }: BenchRun): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'congvu-bench-workbook-'));
  const hub = await openHub({ HUB_DATA_DIR: dataDir });
  try {
    const workbooks = await Promise.all(Array.from({ length: RUNS + 1 }, (_, i) => writeTemplateWorkbook(bigTemplate(i + 1), defaultLegalBases)));
    await part('publish', async () => {
      const times: number[] = [];
      for (const bytes of workbooks) {
        const start = performance.now();
        const published = await publishTemplateUpload(hub.store, bytes);
        times.push(performance.now() - start);
        if (published.alreadyPublished) throw new Error(`${published.ref} was not published`);
      }
      // The first run warms the modules up (exceljs is imported on first use).
      emit(judge('template.xlsx_publish_ms', median(times.slice(1)), 'ms', '<= 1000'));
    });
    await part('floor', async () => {
      const times: number[] = [];
      for (const bytes of workbooks) {
        const start = performance.now();
        await new ExcelJS.Workbook().xlsx.load(Buffer.from(bytes) as never);
        times.push(performance.now() - start);
      }
      emit(judge('template.xlsx_load_floor_ms', median(times.slice(1)), 'ms', null));
    });
  } finally {
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

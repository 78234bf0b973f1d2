import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InspectionRecord } from '@shared/inspection/record';
import { templateSchema, type Template } from '@shared/schemas';
import { builtInTemplates } from '@shared/templates';
import { buildDashboard, matchesFilter, type Dashboard, type DashboardFilter } from '@shared/review/dashboard';
import { exportSheets, sheetCsv, type RecordSource } from '@shared/review/export-sheets';
import { writeXlsx } from '@shared/review/export-files';
import { inspectionFacts, templatesByRef, type InspectionFacts } from '@shared/review/facts';
import { loadFonts } from '../../node-shared/fonts/load-fonts';
import { buildSummaryPdf } from '@shared/report/summary-pdf';
import { reviewStatusLabel } from '@shared/review/labels';
import { toLocalIso } from '@shared/time/local-iso';
import type { HubStore } from '../store/hub-store';

export type ExportFormat = 'csv' | 'xlsx' | 'pdf';

const PAGE = 200;

/** Every template the hub knows: the built-in ones and those published to it. */
async function hubTemplates(store: HubStore): Promise<Map<string, Template>> {
  const published = await store.db.selectFrom('changes').select('data').where('kind', '=', 'template').execute();
  const list = [...builtInTemplates];
  for (const row of published) {
    const t = templateSchema.safeParse(JSON.parse(row.data));
    if (t.success) list.push(t.data);
  }
  return templatesByRef(list);
}

/** The newest revision of every inspection, a page at a time (the records never all sit in memory). */
async function* latestRecords(store: HubStore, keep?: ReadonlySet<string>): AsyncIterable<InspectionRecord> {
  let after = '';
  for (;;) {
    const page = await store.db
      .selectFrom('inspections as i')
      .select(['i.id', 'i.revision', 'i.record'])
      .where('i.id', '>', after)
      .where(({ eb, selectFrom }) => eb('i.revision', '=', selectFrom('inspections as j').select((e) => e.fn.max('j.revision').as('m')).whereRef('j.id', '=', 'i.id')))
      .orderBy('i.id')
      .limit(PAGE)
      .execute();
    for (const row of page) {
      if (keep && !keep.has(`${row.id}@${row.revision}`)) continue;
      // Stored only after the full check at push time, as the JSON of the parsed record: read
      // back as it is (three passes over 10,000 records would otherwise spend most of their time in zod).
      yield JSON.parse(row.record) as InspectionRecord;
    }
    if (page.length < PAGE) return;
    after = page.at(-1)!.id;
  }
}

/**
 * The department's export from the hub's command line, the same as the desktop app's: XLSX (one
 * sheet each for inspections, findings, roll call, officials, recommendations; streamed to disk
 * with bounded memory),
 * CSV (one file per sheet in a folder), or the period report as PDF. Newest revisions only.
 */
export async function exportDepartment(store: HubStore, options: { format: ExportFormat; out: string; filter: DashboardFilter; today?: string; agency?: string }): Promise<string> {
  const templates = await hubTemplates(store);
  const today = options.today ?? toLocalIso(new Date()).slice(0, 10);
  // The inspections that pass the filter, and their facts, found while the findings are written:
  // one read of every record fewer than working them out first.
  const picked: InspectionFacts[] = [];
  const chosen = new Set<string>();
  let firstRead = true;
  const records: RecordSource = async function* () {
    if (!firstRead) return yield* latestRecords(store, chosen);
    firstRead = false;
    for await (const record of latestRecords(store)) {
      const f = inspectionFacts(record, templates);
      if (!matchesFilter(f, options.filter)) continue;
      picked.push(f);
      chosen.add(`${f.id}@${f.revision}`);
      yield record;
    }
  };
  let dashboard: Dashboard | null = null;
  const figures = () => (dashboard ??= buildDashboard(picked, templates, options.filter, today));

  if (options.format === 'pdf') {
    for await (const _record of records()) void _record;
    const province = picked[0]?.province ?? '';
    const agency = options.agency ?? 'SỞ NỘI VỤ';
    const pdf = buildSummaryPdf({ summary: figures().summary, fonts: loadFonts(), parentAgency: `ỦY BAN NHÂN DÂN ${province.toLocaleUpperCase('vi')}`.trim(), agency, place: province.replace(/^(Tỉnh|Thành phố)\s+/i, ''), preparedBy: agency, at: toLocalIso(new Date()) });
    await writeFile(options.out, pdf);
    return `Wrote the period report (${picked.length} inspection(s)) to ${options.out}.`;
  }

  const reviews = await store.db.selectFrom('reviews').select(['inspection_id', 'status', 'created_at']).orderBy('created_at').execute();
  const reviewStatus = new Map(reviews.map((r) => [r.inspection_id, reviewStatusLabel[r.status as keyof typeof reviewStatusLabel] ?? r.status]));
  const reports = await store.db.selectFrom('inspection_reports').select(['inspection_id', 'revision']).execute();
  const sheets = exportSheets({ facts: picked, dashboard: figures, records, templates, reviewStatus, signedReport: new Set(reports.map((r) => `${r.inspection_id}@${r.revision}`)) });
  // Findings first (they pick the inspections), then roll call, then the sheets made from the facts.
  const order = [1, 2, 0, 3, 4];

  if (options.format === 'csv') {
    await mkdir(options.out, { recursive: true });
    for (const index of order) {
      const sheet = sheets[index]!;
      const handle = await open(join(options.out, sheet.file), 'w');
      try {
        for await (const chunk of sheetCsv(sheet)) await handle.write(chunk);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    return `Wrote ${sheets.length} CSV file(s) for ${picked.length} inspection(s) to ${options.out}.`;
  }
  const handle = await open(options.out, 'w');
  let rows: number;
  try {
    rows = await writeXlsx(
      sheets,
      async (chunk) => {
        await handle.write(chunk);
      },
      { order },
    );
    await handle.sync();
  } finally {
    await handle.close();
  }
  return `Wrote ${rows} row(s) in ${sheets.length} sheet(s) for ${picked.length} inspection(s) to ${options.out}.`;
}

import { useMemo } from 'react';
import type { InspectionRecord } from '@shared/inspection/record';
import { buildDashboard, type DashboardFilter } from '@shared/review/dashboard';
import { exportSheets } from '@shared/review/export-sheets';
import { csvZipBytes, xlsxBytes } from '@shared/review/export-files';
import { reviewStatusLabel } from '@shared/review/labels';
import { buildSummaryPdf } from '@shared/report/summary-pdf';
import { isoDay, toLocalIso } from '@shared/time/local-iso';
import { useDb } from '../../db/db-context';
import type { CongvuDb, ReviewOutboxRow } from '../../db/database';
import { loadReportFonts } from '../report/report-fonts';
import { syncController } from '../sync/controller';
import type { ReviewData } from './queries';

/** A review is kept here first (it survives going offline), then sent with the next sync. */
export function useAddReview() {
  const db = useDb();
  return async (input: Pick<ReviewOutboxRow, 'inspectionId' | 'revision' | 'status' | 'comment'>) => {
    await db.reviewOutbox.add({ ...input, reviewId: crypto.randomUUID(), createdAt: new Date().toISOString(), state: 'pending', error: null });
    void syncController(db).syncNow();
  };
}

async function* recordsOf(db: CongvuDb, keys: Array<[string, number]>): AsyncIterable<InspectionRecord> {
  for (let k = 0; k < keys.length; k += 200) {
    const rows = await db.reviewInspections.bulkGet(keys.slice(k, k + 200));
    for (const row of rows) if (row?.state === 'verified') yield row.record as InspectionRecord;
  }
}

export interface ReportHeader {
  parentAgency: string;
  agency: string;
  place: string;
  preparedBy: string;
}

/** The department's exports of what passes the filter: XLSX, CSV (a .zip, one file per sheet), the period report PDF. */
export function useDepartmentExport(data: ReviewData | undefined) {
  const db = useDb();
  return useMemo(() => {
    const prepare = (filter: DashboardFilter) => {
      if (!data) throw new Error('err.review.notLoaded');
      const today = isoDay(toLocalIso(new Date()));
      const dashboard = buildDashboard(data.facts, data.templates, filter, today);
      const chosen = new Set(dashboard.summary.inspections.map((i) => `${i.id}@${i.revision}`));
      const facts = data.facts.filter((f) => chosen.has(`${f.id}@${f.revision}`));
      const keys = facts.map((f) => [f.id, f.revision] as [string, number]);
      const reviewStatus = new Map([...data.reviews].map(([id, r]) => [id, reviewStatusLabel[r.status as keyof typeof reviewStatusLabel] ?? r.status]));
      const signed = new Set([...data.reports].filter(([, state]) => state === 'valid').map(([key]) => key));
      return { dashboard, sheets: exportSheets({ facts, dashboard: () => dashboard, records: () => recordsOf(db, keys), templates: data.templates, reviewStatus, signedReport: signed }) };
    };
    return {
      // Streamed record by record into the compressed file: memory holds the file, not a workbook model.
      xlsx: async (filter: DashboardFilter): Promise<Uint8Array> => xlsxBytes(prepare(filter).sheets),
      csvZip: async (filter: DashboardFilter): Promise<Uint8Array> => csvZipBytes(prepare(filter).sheets),
      pdf: async (filter: DashboardFilter, header: ReportHeader): Promise<Uint8Array> => {
        const { dashboard } = prepare(filter);
        return buildSummaryPdf({ summary: dashboard.summary, fonts: await loadReportFonts(), ...header, at: toLocalIso(new Date()) });
      },
    };
  }, [db, data]);
}

import { useMemo } from 'react';
import { summarizeInspections } from '@shared/report/summary';
import { buildSummaryPdf } from '@shared/report/summary-pdf';
import { buildSummaryXlsx } from '@shared/report/summary-xlsx';
import { isoDay, toLocalIso } from '@shared/time/local-iso';
import { useDb } from '../../db/db-context';
import { loadTemplates } from '../reference/load-templates';
import { loadReportFonts } from '../report/report-fonts';
import { loadRecordsForSummary } from './queries';

export interface SummaryHeader {
  parentAgency: string;
  agency: string;
  place: string;
  preparedBy: string;
}

/** Builds the team-lead summary of the chosen inspections as PDF or XLSX bytes. */
export function useSummaryActions() {
  const db = useDb();
  return useMemo(() => {
    const summarize = async (keys: Array<{ id: string; revision: number }>) => {
      const records = await loadRecordsForSummary(db, keys);
      const templates = await loadTemplates(db, [...new Set(records.flatMap((r) => r.inspection.templateRefs))]);
      const now = toLocalIso(new Date());
      return { summary: summarizeInspections(records, [...templates.values()], isoDay(now)), now };
    };
    return {
      pdf: async (keys: Array<{ id: string; revision: number }>, header: SummaryHeader) => {
        const [{ summary, now }, fonts] = await Promise.all([summarize(keys), loadReportFonts()]);
        return buildSummaryPdf({ summary, fonts, ...header, at: now });
      },
      xlsx: async (keys: Array<{ id: string; revision: number }>) => buildSummaryXlsx((await summarize(keys)).summary),
    };
  }, [db]);
}

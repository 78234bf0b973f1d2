import { parseCsv } from '@shared/roster-import/csv';
import { rosterFromTable, type RosterImportResult } from '@shared/roster-import/roster-table';

export const MAX_ROSTER_FILE_BYTES = 5 * 1024 * 1024;

export class RosterFileError extends Error {
  override name = 'RosterFileError';
}

/** Reads a staff list from a CSV (UTF-8, or Windows-1258 as older Vietnamese Excel writes) or XLSX file. */
export async function readRosterFile(file: File): Promise<RosterImportResult> {
  if (file.size > MAX_ROSTER_FILE_BYTES) throw new RosterFileError('err.import.tooLarge');
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv') || name.endsWith('.txt')) {
    const bytes = await file.arrayBuffer();
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('windows-1258').decode(bytes);
    }
    return rosterFromTable(parseCsv(text));
  }
  if (name.endsWith('.xlsx')) {
    // Loaded only when needed: the spreadsheet reader is large.
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(await file.arrayBuffer());
    } catch {
      throw new RosterFileError('err.import.unreadable');
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new RosterFileError('err.import.empty');
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let c = 1; c <= Math.min(row.cellCount, 30); c++) cells.push(row.getCell(c).text ?? '');
      rows[rowNumber - 1] = cells;
    });
    return rosterFromTable(Array.from(rows, (r) => r ?? []));
  }
  throw new RosterFileError('err.import.type');
}

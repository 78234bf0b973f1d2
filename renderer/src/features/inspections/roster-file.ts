import type { TextEncodingName } from '@shared/roster-import/decode';
import type { TableProblem } from '@shared/roster-import/read-table';
import { MAX_ROSTER_FILE_BYTES, readRosterCsv, readRosterTable, type ImportedPerson, type RosterRowProblem } from '@shared/roster-import/roster';
import { MAX_COLUMNS, tableFromSheet } from '@shared/roster-import/table';
import { checkXlsxZip } from '@shared/zip/xlsx-guard';

export type RosterSource = { kind: 'csv'; encoding: TextEncodingName } | { kind: 'xlsx'; sheet: string };

export type RosterFileProblem = TableProblem | { code: 'fileType' } | { code: 'unreadableXlsx' } | { code: 'unsafeXlsx' } | { code: 'noSheet' };

export type RosterFileRead =
  | { ok: true; people: ImportedPerson[]; problems: RosterRowProblem[]; source: RosterSource }
  | { ok: false; problems: RosterFileProblem[]; source?: RosterSource };

/**
 * A staff list from a CSV (UTF-8, UTF-16 with its mark, or Windows-1258) or the first sheet of an
 * XLSX file, by the shared header rules. Whatever is wrong with the file comes back as problems.
 */
export async function readRosterFile(file: File): Promise<RosterFileRead> {
  if (file.size > MAX_ROSTER_FILE_BYTES) return { ok: false, problems: [{ code: 'tooLarge', maxBytes: MAX_ROSTER_FILE_BYTES }] };
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv') || name.endsWith('.txt')) {
    const read = readRosterCsv(new Uint8Array(await file.arrayBuffer()));
    if (read.ok) return { ok: true, people: read.people, problems: read.problems, source: { kind: 'csv', encoding: read.encoding } };
    return { ok: false, problems: read.problems, ...(read.encoding ? { source: { kind: 'csv', encoding: read.encoding } } : {}) };
  }
  if (name.endsWith('.xlsx')) return readXlsx(file);
  return { ok: false, problems: [{ code: 'fileType' }] };
}

async function readXlsx(file: File): Promise<RosterFileRead> {
  // Loaded only when needed: the spreadsheet reader is large.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const bytes = new Uint8Array(await file.arrayBuffer());
  // The spreadsheet library inflates the whole zip at once, trusting it: a bomb is stopped here first.
  const zip = checkXlsxZip(bytes);
  if (!zip.ok) return { ok: false, problems: [{ code: zip.problem.code === 'not_zip' || zip.problem.code === 'corrupt' ? 'unreadableXlsx' : 'unsafeXlsx' }] };
  try {
    await workbook.xlsx.load(bytes.buffer);
  } catch {
    return { ok: false, problems: [{ code: 'unreadableXlsx' }] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, problems: [{ code: 'noSheet' }] };
  const source = { kind: 'xlsx' as const, sheet: sheet.name };
  const table = tableFromSheet(sheet);
  if (table.tooWide) return { ok: false, problems: [{ code: 'tooManyColumns', max: MAX_COLUMNS }], source };
  return { ...readRosterTable(table.rows), source };
}

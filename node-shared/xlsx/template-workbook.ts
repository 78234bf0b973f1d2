import type { Cell, Workbook, Worksheet } from 'exceljs';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { LegalBasis, Template } from '../../shared/schemas';
import type { CellValue, SheetCells, SheetOut } from '../../shared/template-workbook/cells';
import { workbookProblem } from '../../shared/template-workbook/problems';
import { templateFromSheets, type WorkbookRead } from '../../shared/template-workbook/read-template';
import { citedBases, sheetsFromTemplate } from '../../shared/template-workbook/write-sheets';
import { describeZipProblem } from '../../shared/zip/bounded-unzip';
import { checkXlsxZip } from '../../shared/zip/xlsx-guard';
import { rangeCells } from './sheet-ranges';

/** Far above any checklist workbook (300 items make ~40 KB). */
export const MAX_TEMPLATE_WORKBOOK_BYTES = 10 * 1024 * 1024;
/** Merged and validated cells a sheet may declare; the library expands each (sheet-ranges.ts). */
const MAX_RANGE_CELLS = 200_000;

const refused = (code: 'wb.tooLarge' | 'wb.notXlsx' | 'wb.zip' | 'wb.tooManyCells', params: Record<string, string | number> = {}): WorkbookRead => ({
  ok: false,
  problems: [workbookProblem('', null, null, code, params)],
  legalBases: [],
});

type ExcelValue = Cell['value'];

/** A cell as the pure mapping takes it: rich text joined, formulas and errors kept apart to be refused. */
function cellValue(value: ExcelValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('formula' in value || 'sharedFormula' in value) return { formula: 'formula' in value ? String(value.formula) : String(value.sharedFormula) };
  if ('error' in value) return { error: String(value.error) };
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  // A hyperlink's text is typed as a string, but a styled one arrives as rich text.
  if ('text' in value) return textOf(value.text as unknown);
  return null;
}

function textOf(text: unknown): string {
  if (typeof text === 'string') return text;
  const runs = (text as { richText?: unknown } | null)?.richText;
  return Array.isArray(runs) ? runs.map((run: { text?: unknown }) => String(run.text ?? '')).join('') : '';
}

function sheetCells(sheet: Worksheet): SheetCells {
  const rows: SheetCells['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = cellValue(cell.value);
    });
    rows.push({ row: rowNumber, cells });
  });
  return { name: sheet.name.normalize('NFC'), rows };
}

/**
 * A checklist template from an uploaded .xlsx: the zip checked (size, bomb, ranges) before the
 * spreadsheet library sees it, then every problem found, each at its sheet, row and column.
 */
export async function readTemplateWorkbook(bytes: Uint8Array, options: { knownLegalBases: readonly LegalBasis[] }): Promise<WorkbookRead> {
  if (bytes.length > MAX_TEMPLATE_WORKBOOK_BYTES) return refused('wb.tooLarge', { max: MAX_TEMPLATE_WORKBOOK_BYTES / 1024 / 1024 });
  let widest = 0;
  let workbookPart = false;
  const decoder = new TextDecoder();
  const zip = checkXlsxZip(bytes, (name, part) => {
    if (name === 'xl/workbook.xml') workbookPart = true;
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) widest = Math.max(widest, rangeCells(decoder.decode(part)));
  });
  if (!zip.ok) return zip.problem.code === 'not_zip' ? refused('wb.notXlsx') : refused('wb.zip', { detail: describeZipProblem(zip.problem) });
  // Any other zip (a .docx, an archive renamed) is not a workbook, whatever the library makes of it.
  if (!workbookPart) return refused('wb.notXlsx');
  if (widest > MAX_RANGE_CELLS) return refused('wb.tooManyCells', { max: MAX_RANGE_CELLS });
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) as never);
  } catch {
    return refused('wb.notXlsx');
  }
  return templateFromSheets(workbook.worksheets.map(sheetCells), options);
}

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } } as const;
const DATE = 'dd/mm/yyyy';
const DATE_TIME = 'dd/mm/yyyy hh:mm';
/** Rows below the data that still offer the pick lists, for the items an author adds. */
const SPARE_ROWS = 200;

function quoteList(choices: readonly string[]): string {
  return `"${choices.join(',')}"`;
}

function addSheet(workbook: Workbook, out: SheetOut): void {
  const sheet = workbook.addWorksheet(out.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = out.columns.map((c) => ({
    header: c.header,
    width: c.width,
    style: { numFmt: c.format === 'date' ? DATE : c.format === 'datetime' ? DATE_TIME : c.format === 'integer' ? '0' : '@', alignment: { vertical: 'top', wrapText: c.width >= 30 } },
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.height = 32;
  out.columns.forEach((_, i) => {
    header.getCell(i + 1).fill = HEADER_FILL;
  });
  for (const values of out.rows) {
    const row = sheet.addRow(values.map((v) => (v instanceof Date || typeof v !== 'object' ? v : null)));
    values.forEach((v, i) => {
      // Midnight shows as the day alone.
      if (v instanceof Date && v.getUTCHours() === 0 && v.getUTCMinutes() === 0) row.getCell(i + 1).numFmt = DATE;
    });
  }
  const last = out.rows.length + 1 + SPARE_ROWS;
  const validations = (sheet as unknown as { dataValidations: { add(range: string, v: object): void } }).dataValidations;
  out.columns.forEach((c, i) => {
    if (!c.choices) return;
    const letter = sheet.getColumn(i + 1).letter;
    validations.add(`${letter}2:${letter}${last}`, {
      type: 'list',
      allowBlank: true,
      formulae: [quoteList(c.choices)],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: c.header,
      error: c.choices.join(', '),
    });
  });
}

/**
 * A template and the legal bases it cites as an .xlsx an author edits in Excel: styled, frozen
 * header rows, pick lists, dates as real date cells. The same template gives the same bytes.
 */
export async function writeTemplateWorkbook(template: Template, bases: readonly LegalBasis[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  // Fixed, so a workbook made twice from the same template is the same file.
  const when = new Date(template.publishedAt);
  workbook.creator = 'congvu';
  workbook.lastModifiedBy = 'congvu';
  workbook.created = when;
  workbook.modified = when;
  for (const sheet of sheetsFromTemplate(template, citedBases(template, bases))) addSheet(workbook, sheet);
  return sameEveryTime(new Uint8Array(await workbook.xlsx.writeBuffer()), template.publishedAt);
}

/**
 * The library stamps each zip entry with the time of writing: re-zipped with the template's own
 * time, in the same order, so the file depends on the template alone.
 */
function sameEveryTime(xlsx: Uint8Array, publishedAt: string): Uint8Array {
  // A zip stores local wall time: the day is built from local fields so every time zone writes the same.
  const [y, m, d] = publishedAt.slice(0, 10).split('-').map(Number);
  const when = new Date(Math.max(1980, y!), m! - 1, d!);
  const parts = unzipSync(xlsx);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(parts)) out[name] = [data, { level: 6, mtime: when }];
  return zipSync(out);
}

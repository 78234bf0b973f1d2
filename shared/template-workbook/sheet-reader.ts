import { columnLetter, type CellValue, type SheetCells } from './cells';
import { shownDate } from './dates';
import { GUIDE_SHEET } from './guide';
import { foldName, workbookSheets, type SheetDef, type SheetKey } from './layout';
import type { ProblemList } from './problems';

/** More rows than any checklist has: a larger sheet is refused rather than read. */
export const MAX_SHEET_ROWS = 5000;

export interface ReadRow<K extends string> {
  row: number;
  cell(key: K): CellValue;
  /** The cell as text (NFC, trimmed); '' for an empty cell or one refused (a formula, an error). */
  text(key: K): string;
  /** Whether the cell was refused already (a formula or an error value): no second problem for it. */
  refused(key: K): boolean;
  /** The column's header as the file writes it, for problems. */
  column(key: K): string;
}

export interface ReadSheet<K extends string> {
  /** The sheet's name as the file writes it. */
  name: string;
  /** Whether every required column is there, so its rows can be read. */
  usable: boolean;
  headerRow: number;
  rows: Array<ReadRow<K>>;
}

const isFormula = (c: CellValue): c is { formula: string } => typeof c === 'object' && c !== null && !(c instanceof Date) && 'formula' in c;
const isError = (c: CellValue): c is { error: string } => typeof c === 'object' && c !== null && !(c instanceof Date) && 'error' in c;

export function cellText(c: CellValue | undefined): string {
  if (c === null || c === undefined || isFormula(c) || isError(c)) return '';
  if (typeof c === 'string') return c.normalize('NFC').trim();
  if (typeof c === 'number') return Number.isFinite(c) ? String(c) : '';
  if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
  return Number.isNaN(c.getTime()) ? '' : shownDate(c);
}

const shown = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text);

/** Which layout sheet each of the file's sheets is, with its rows read by header; every problem noted. */
export function readSheets(sheets: readonly SheetCells[], problems: ProblemList): Partial<Record<SheetKey, ReadSheet<string>>> {
  const found: Partial<Record<SheetKey, ReadSheet<string>>> = {};
  const known = workbookSheets.map((d) => d.name).join(', ');
  for (const sheet of sheets) {
    const folded = foldName(sheet.name);
    const def = workbookSheets.find((d) => [d.name, ...d.aliases].some((n) => foldName(n) === folded));
    const nonEmpty = sheet.rows.filter((r) => r.cells.some((c) => cellText(c) !== '' || isFormula(c) || isError(c)));
    if (!def) {
      if ([GUIDE_SHEET.name, ...GUIDE_SHEET.aliases].some((n) => foldName(n) === folded)) continue;
      if (nonEmpty.length > 0) problems.add(sheet.name, null, null, 'wb.unknownSheet', { sheet: sheet.name, known });
      continue;
    }
    if (found[def.key]) {
      problems.add(sheet.name, null, null, 'wb.repeatedSheet', { sheet: def.name });
      continue;
    }
    found[def.key] = readSheet(sheet.name, nonEmpty, def, problems);
  }
  for (const def of workbookSheets) {
    if (def.required && !found[def.key]) problems.add(def.name, null, null, 'wb.missingSheet', { sheet: def.name });
  }
  return found;
}

function readSheet(name: string, rows: SheetCells['rows'], def: SheetDef, problems: ProblemList): ReadSheet<string> {
  const [header, ...data] = rows;
  const byName = new Map<string, string>();
  for (const c of def.columns) for (const n of [c.label, ...c.aliases]) byName.set(foldName(n), c.key);
  const at = new Map<string, number>();
  const headers: string[] = [];
  const headerRow = header?.row ?? 1;
  const width = Math.max(0, ...rows.map((r) => r.cells.length));
  for (let i = 0; i < width; i++) {
    const text = cellText(header?.cells[i]);
    headers[i] = text === '' ? columnLetter(i + 1) : shown(text);
    if (text === '') {
      if (data.some((r) => cellText(r.cells[i]) !== '')) problems.add(name, headerRow, columnLetter(i + 1), 'wb.unnamedColumn', { letter: columnLetter(i + 1) });
      continue;
    }
    const key = byName.get(foldName(text));
    if (key === undefined) problems.add(name, headerRow, shown(text), 'wb.unknownColumn', { column: shown(text), known: def.columns.map((c) => c.label).join(', ') });
    else if (at.has(key)) problems.add(name, headerRow, shown(text), 'wb.repeatedColumn', { column: shown(text) });
    else at.set(key, i);
  }
  let usable = true;
  for (const c of def.columns) {
    if (c.required && !at.has(c.key)) {
      problems.add(name, headerRow, c.label, 'wb.missingColumn', { column: c.label });
      usable = false;
    }
  }
  for (const r of rows) {
    r.cells.forEach((c, i) => {
      const cell = `${name}!${columnLetter(i + 1)}${r.row}`;
      if (isFormula(c)) problems.add(name, r.row, headers[i] ?? columnLetter(i + 1), 'wb.formula', { cell });
      else if (isError(c)) problems.add(name, r.row, headers[i] ?? columnLetter(i + 1), 'wb.errorValue', { cell, value: c.error });
    });
  }
  if (data.length > MAX_SHEET_ROWS) {
    problems.add(name, null, null, 'wb.tooManyRows', { max: MAX_SHEET_ROWS });
    return { name, usable: false, headerRow, rows: [] };
  }
  const label = (key: string) => def.columns.find((c) => c.key === key)?.label ?? key;
  return {
    name,
    usable,
    headerRow,
    rows: data.map((r) => {
      const cell = (key: string): CellValue => {
        const i = at.get(key);
        return i === undefined ? null : (r.cells[i] ?? null);
      };
      return {
        row: r.row,
        cell,
        text: (key) => cellText(cell(key)),
        refused: (key) => {
          const c = cell(key);
          return isFormula(c) || isError(c);
        },
        column: (key) => {
          const i = at.get(key);
          return i === undefined ? label(key) : (headers[i] ?? label(key));
        },
      };
    }),
  };
}

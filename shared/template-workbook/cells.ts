/**
 * A workbook as the pure mapping sees it: no spreadsheet library, only sheets of rows of cells.
 * Dates are Date objects whose UTC fields are the wall-clock day and time shown in Excel (as the
 * spreadsheet library hands them over); formulas and error values are kept apart so they can be
 * refused by the cell that holds them.
 */
export type CellValue = string | number | boolean | Date | null | { formula: string } | { error: string };

export interface SheetRow {
  /** The row number as Excel shows it (1-based). */
  row: number;
  /** Cells by 0-based column; missing or undefined means empty. */
  cells: CellValue[];
}

export interface SheetCells {
  name: string;
  rows: SheetRow[];
}

/** How a column of a written workbook is shown: its cells' number format and any pick list. */
export type ColumnFormat = 'text' | 'integer' | 'date' | 'datetime';

export interface SheetColumnOut {
  header: string;
  width: number;
  format: ColumnFormat;
  /** A drop-down list of the values Excel offers (data validation). */
  choices?: readonly string[];
}

export interface SheetOut {
  name: string;
  columns: SheetColumnOut[];
  rows: CellValue[][];
}

/** "A", "B", … "AA": the letter Excel shows over a 1-based column. */
export function columnLetter(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    out = String.fromCharCode(65 + rest) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A table read from CSV or a worksheet: each row with the line (or sheet row) a person would look for. */
export interface TableRow {
  line: number;
  cells: string[];
}

/** Columns beyond this are refused, not cut off: a wider sheet is not a list we know. */
export const MAX_COLUMNS = 50;

/** The little of an exceljs worksheet that is read, so shared/ needs no spreadsheet library. */
export interface SheetLike {
  eachRow(options: { includeEmpty: boolean }, callback: (row: RowLike, rowNumber: number) => void): void;
}
export interface RowLike {
  eachCell(options: { includeEmpty: boolean }, callback: (cell: { text: string }, colNumber: number) => void): void;
}

/**
 * A worksheet's rows as shown (cell.text: formulas by their result, dates as formatted). A cell
 * past MAX_COLUMNS with something in it makes the result `tooWide` rather than being dropped.
 */
export function tableFromSheet(sheet: SheetLike): { rows: TableRow[]; tooWide: boolean } {
  const rows: TableRow[] = [];
  let tooWide = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const text = cell.text ?? '';
      if (col > MAX_COLUMNS) {
        if (text.trim() !== '') tooWide = true;
        return;
      }
      while (cells.length < col - 1) cells.push('');
      cells[col - 1] = text.normalize('NFC');
    });
    rows.push({ line: rowNumber, cells });
  });
  return { rows, tooWide };
}

/**
 * The spreadsheet library expands every merged range and every data-validation range cell by cell
 * when it loads a sheet: one `A1:XFD1048576` in a small file would have it build billions of cells.
 * The cells a worksheet's ranges cover are counted first, from its XML.
 */
const RANGE_ATTRIBUTE = /<(?:\w+:)?(?:mergeCell|dataValidation)\b[^>]*?\s(?:ref|sqref)="([^"]*)"/g;
const ADDRESS = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/;

function columnNumber(letters: string): number {
  let n = 0;
  for (const c of letters) n = n * 26 + (c.charCodeAt(0) - 64);
  return n;
}

function cellsIn(range: string): number {
  const [from, to = from] = range.split(':');
  const a = ADDRESS.exec(from ?? '');
  const b = ADDRESS.exec(to ?? '');
  if (!a || !b) return Number.POSITIVE_INFINITY;
  const cols = Math.abs(columnNumber(b[1]!) - columnNumber(a[1]!)) + 1;
  const rows = Math.abs(Number(b[2]) - Number(a[2])) + 1;
  return cols * rows;
}

/** How many cells a worksheet's merged and validated ranges cover (Infinity for one that cannot be read). */
export function rangeCells(sheetXml: string): number {
  let total = 0;
  for (const match of sheetXml.matchAll(RANGE_ATTRIBUTE)) {
    for (const range of match[1]!.trim().split(/\s+/)) if (range !== '') total += cellsIn(range);
  }
  return total;
}

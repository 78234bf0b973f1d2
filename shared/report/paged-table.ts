import { __createTable, autoTable, type RowInput, type Styles, type Table } from 'jspdf-autotable';
import type { FlowWriter } from './flow-writer';
import { PAGE } from './page-geometry';
import { tableStyles } from './pdf-furniture';

export interface PagedTableSpec {
  head: RowInput[];
  body: RowInput[];
  columnStyles: Record<number, Partial<Styles>>;
  /** Rows that must not end a page (a section's title row): each stays with the row after it. */
  keepWithNext?: ReadonlySet<number>;
}

/** A table laid out once: its column widths and row heights, which do not depend on where it starts. */
export interface MeasuredTable {
  spec: PagedTableSpec;
  table: Table;
  headHeight: number;
  heights: number[];
}

export function measureTable(w: FlowWriter, spec: PagedTableSpec): MeasuredTable {
  const table = __createTable(w.doc, { ...tableStyles(), startY: w.y, head: spec.head, body: spec.body, columnStyles: spec.columnStyles });
  return {
    spec,
    table,
    headHeight: table.getHeadHeight(table.columns),
    heights: table.body.map((row) => Math.max(row.height, row.getMaxCellHeight(table.columns))),
  };
}

/** The height of row `i` with the rows it must stay with. */
function groupHeight(m: MeasuredTable, i: number): number {
  let h = 0;
  let k = i;
  for (; k < m.heights.length && m.spec.keepWithNext?.has(k); k++) h += m.heights[k]!;
  return h + (m.heights[k] ?? 0);
}

/** What a table needs on the page where it starts: its head and its first rows that belong together. */
export function tableLead(m: MeasuredTable): number {
  return m.headHeight + groupHeight(m, 0);
}

/**
 * A ruled table that breaks across pages as a printed record should: the head row repeated on every
 * page, never alone at the foot of a page, rows kept whole (only a row taller than a whole page is
 * split, as it must be), and a section's title row never left without its first item. The page
 * breaks are planned from the measured rows, and each page's rows are drawn as a table of their
 * own with the same column widths.
 */
export function drawPagedTable(w: FlowWriter, m: MeasuredTable): void {
  const { spec } = m;
  const bottom = PAGE.height - PAGE.bottom;
  const pages: number[][] = [];
  let current: number[] = [];
  let y = w.y + m.headHeight;
  if (y + groupHeight(m, 0) > bottom && w.y > PAGE.top) {
    w.newPage();
    y = w.y + m.headHeight;
  }
  m.heights.forEach((h, i) => {
    const need = spec.keepWithNext?.has(i) ? groupHeight(m, i) : h;
    if (current.length > 0 && y + need > bottom) {
      pages.push(current);
      current = [];
      y = PAGE.top + m.headHeight;
    }
    current.push(i);
    y += h;
  });
  if (current.length > 0) pages.push(current);

  const columnStyles = Object.fromEntries(m.table.columns.map((c, i) => [i, { ...spec.columnStyles[i], cellWidth: c.width }]));
  pages.forEach((rows, n) => {
    if (n > 0) w.newPage();
    autoTable(w.doc, { ...tableStyles(), startY: w.y, head: spec.head, body: rows.map((i) => spec.body[i]!), columnStyles });
    w.y = (w.doc as unknown as { lastAutoTable: { finalY: number } }).lastAutoTable.finalY;
  });
}

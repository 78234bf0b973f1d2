/**
 * Matching a header row against the columns a list may have. Names are compared folded (case,
 * diacritics, đ/Đ, extra spaces: "HỌ VÀ  TÊN" = "Họ và tên" = "ho va ten"); anything not known is
 * refused by name rather than guessed at by position.
 */
export interface ColumnSpec<K extends string> {
  key: K;
  /** The name shown to people, as the list's template writes it. */
  label: string;
  /** Other names accepted for the same column (English, common variants). */
  aliases?: readonly string[];
  required?: boolean;
  /** Required only when one of these columns is there (a unit list's people need a name). */
  requiredWith?: readonly K[];
}

export interface TableSpec<K extends string> {
  columns: ReadonlyArray<ColumnSpec<K>>;
  /** Known columns that carry nothing to keep, such as a row number (STT). */
  ignored: readonly string[];
}

export type HeaderProblem =
  | { code: 'unknownHeaders'; line: number; headers: string[] }
  | { code: 'missingHeaders'; line: number; headers: string[] }
  | { code: 'repeatedHeaders'; line: number; headers: string[] }
  | { code: 'unnamedColumns'; line: number; columns: number[] };

export type HeaderMatch<K extends string> = { ok: true; columns: Partial<Record<K, number>> } | { ok: false; problems: HeaderProblem[] };

/** How a header is compared: without case, diacritics or spacing differences. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/ ?\/ ?/g, '/')
    .trim();
}

/** A header as written in the file, short enough to quote in a message. */
export function shownHeader(text: string): string {
  const clean = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  return clean.length > 60 ? `${clean.slice(0, 59)}…` : clean;
}

/**
 * `usedColumns` are the (0-based) columns that hold something in some row below the header: an
 * unnamed one among them is data with nowhere to go, and is refused.
 */
export function matchHeaders<K extends string>(spec: TableSpec<K>, header: { line: number; cells: string[] }, usedColumns: ReadonlySet<number>): HeaderMatch<K> {
  const byName = new Map<string, K | null>();
  for (const column of spec.columns) for (const name of [column.label, ...(column.aliases ?? [])]) byName.set(fold(name), column.key);
  for (const name of spec.ignored) byName.set(fold(name), null);

  const columns: Partial<Record<K, number>> = {};
  const unknown: string[] = [];
  const repeated: string[] = [];
  const unnamed: number[] = [];
  const width = Math.max(header.cells.length, ...[...usedColumns].map((c) => c + 1));
  for (let i = 0; i < width; i++) {
    const cell = header.cells[i] ?? '';
    if (cell.trim() === '') {
      if (usedColumns.has(i)) unnamed.push(i + 1);
      continue;
    }
    const key = byName.get(fold(cell));
    if (key === undefined) unknown.push(shownHeader(cell));
    else if (key === null) continue;
    else if (columns[key] !== undefined) repeated.push(shownHeader(cell));
    else columns[key] = i;
  }
  const missing = spec.columns
    .filter((c) => columns[c.key] === undefined && (c.required || (c.requiredWith ?? []).some((k) => columns[k] !== undefined)))
    .map((c) => c.label);

  const problems: HeaderProblem[] = [];
  const line = header.line;
  if (unknown.length > 0) problems.push({ code: 'unknownHeaders', line, headers: unknown });
  if (missing.length > 0) problems.push({ code: 'missingHeaders', line, headers: missing });
  if (repeated.length > 0) problems.push({ code: 'repeatedHeaders', line, headers: repeated });
  if (unnamed.length > 0) problems.push({ code: 'unnamedColumns', line, columns: unnamed });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, columns };
}

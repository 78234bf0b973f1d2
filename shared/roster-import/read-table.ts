import { parseCsv } from './csv';
import { decodeText, type TextEncodingName } from './decode';
import { matchHeaders, type HeaderProblem, type TableSpec } from './headers';
import { MAX_COLUMNS, type TableRow } from './table';

/** Why a whole file is refused; nothing of it is used. */
export type TableProblem =
  | HeaderProblem
  | { code: 'tooLarge'; maxBytes: number }
  | { code: 'notText' }
  | { code: 'badUtf16' }
  | { code: 'unclosedQuote'; line: number }
  | { code: 'empty' }
  | { code: 'tooManyRows'; max: number }
  | { code: 'tooManyColumns'; max: number };

export interface TableRecord<K extends string> {
  line: number;
  /** Each cell NFC, trimmed, inner runs of spaces made one; '' for a column the file does not have. */
  values: Record<K, string>;
}

export type TableRead<K extends string> =
  | { ok: true; headerLine: number; columns: K[]; records: Array<TableRecord<K>> }
  | { ok: false; problems: TableProblem[] };

export interface TableLimits {
  maxBytes: number;
  /** Rows under the header, empty ones not counted. */
  maxRows: number;
}

/** A CSV file's bytes, decoded (see decodeText) and read against `spec`. */
export type CsvTableRead<K extends string> =
  | (Extract<TableRead<K>, { ok: true }> & { encoding: TextEncodingName })
  | (Extract<TableRead<K>, { ok: false }> & { encoding?: TextEncodingName });

export function readCsvTable<K extends string>(bytes: Uint8Array, spec: TableSpec<K>, limits: TableLimits): CsvTableRead<K> {
  if (bytes.length > limits.maxBytes) return { ok: false, problems: [{ code: 'tooLarge', maxBytes: limits.maxBytes }] };
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, problems: [decoded.problem] };
  const parsed = parseCsv(decoded.text);
  if (!parsed.ok) return { ok: false, problems: [parsed.problem], encoding: decoded.encoding };
  return { ...readTable(parsed.rows, spec, limits), encoding: decoded.encoding };
}

const clean = (cell: string) => cell.normalize('NFC').replace(/\s+/g, ' ').trim();

/**
 * The first non-empty row is the header and must match `spec` (see matchHeaders); empty rows are
 * skipped; every other row becomes a record keyed by column, with its line number.
 */
export function readTable<K extends string>(rows: TableRow[], spec: TableSpec<K>, limits: Pick<TableLimits, 'maxRows'>): TableRead<K> {
  const filled = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [header, ...body] = filled;
  if (!header) return { ok: false, problems: [{ code: 'empty' }] };
  if (body.length > limits.maxRows) return { ok: false, problems: [{ code: 'tooManyRows', max: limits.maxRows }] };
  const used = new Set<number>();
  for (const row of body) row.cells.forEach((c, i) => c.trim() !== '' && used.add(i));
  const headerWidth = header.cells.findLastIndex((c) => c.trim() !== '') + 1;
  if (headerWidth > MAX_COLUMNS || [...used].some((i) => i >= MAX_COLUMNS)) return { ok: false, problems: [{ code: 'tooManyColumns', max: MAX_COLUMNS }] };
  const match = matchHeaders(spec, header, used);
  if (!match.ok) return match;
  const present = spec.columns.map((c) => c.key).filter((k) => match.columns[k] !== undefined);
  const records = body.map((row) => {
    const values = {} as Record<K, string>;
    for (const { key } of spec.columns) {
      const at = match.columns[key];
      values[key] = at === undefined ? '' : clean(row.cells[at] ?? '');
    }
    return { line: row.line, values };
  });
  return { ok: true, headerLine: header.line, columns: present, records };
}

import type { TableRow } from './table';

export type CsvResult = { ok: true; rows: TableRow[] } | { ok: false; problem: { code: 'unclosedQuote'; line: number } };

/**
 * RFC 4180 CSV as spreadsheets really write it: ";" or tab instead of ",", CRLF or LF, quoted
 * fields with doubled quotes and line breaks. The delimiter is the one the first non-empty line
 * uses most outside quotes. Each row keeps the line it starts on; a quote left open to the end
 * of the file is refused (it would swallow every line after it).
 */
export function parseCsv(text: string): CsvResult {
  const source = text.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(source);
  const rows: TableRow[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 1;
  const endRow = () => {
    row.push(field);
    rows.push({ line: rowLine, cells: row });
    row = [];
    field = '';
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n' || (c === '\r' && source[i + 1] !== '\n')) line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += c;
  }
  if (quoted) return { ok: false, problem: { code: 'unclosedQuote', line: quoteLine } };
  if (field !== '' || row.length > 0) endRow();
  return { ok: true, rows };
}

function detectDelimiter(source: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let seen = false;
  for (const c of source) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (seen) break;
      // A line of bare delimiters (an empty spreadsheet row) says nothing about the header's.
      for (const d in counts) counts[d] = 0;
    } else if (!quoted && c in counts) counts[c]!++;
    else if (!quoted && c.trim() !== '') seen = true;
  }
  return [',', ';', '\t'].sort((a, b) => counts[b]! - counts[a]!)[0]!;
}

import type { TableSpec } from '@shared/roster-import/headers';
import type { TableProblem } from '@shared/roster-import/read-table';

const quoted = (names: string[]) => names.map((n) => `“${n}”`).join(', ');

/** An administrator's reading of why a file was refused, naming the headers as the file wrote them. */
export function describeTableProblem(problem: TableProblem): string {
  switch (problem.code) {
    case 'tooLarge':
      return `the file is larger than ${Math.round(problem.maxBytes / 1024 / 1024)} MB`;
    case 'notText':
      return 'it is not readable as text (a binary file, or UTF-16 without its byte-order mark); save it as "CSV UTF-8"';
    case 'badUtf16':
      return 'damaged UTF-16 (odd number of bytes or invalid characters)';
    case 'unclosedQuote':
      return `the quote opened on line ${problem.line} is never closed`;
    case 'empty':
      return 'the file has no rows';
    case 'tooManyRows':
      return `the file has more than ${problem.max} rows`;
    case 'tooManyColumns':
      return `the file has more than ${problem.max} columns`;
    case 'unknownHeaders':
      return `unknown column(s) in the header on line ${problem.line}: ${quoted(problem.headers)}`;
    case 'missingHeaders':
      return `missing column(s): ${quoted(problem.headers)}`;
    case 'repeatedHeaders':
      return `column(s) named twice: ${quoted(problem.headers)}`;
    case 'unnamedColumns':
      return `column(s) ${problem.columns.join(', ')} hold data but have no name on line ${problem.line}`;
  }
}

/** "Mã đơn vị*, Tên đơn vị*, Cấp, …": what a header may name, the required ones starred. */
export function describeColumns<K extends string>(spec: TableSpec<K>): string {
  const label = (k: K) => spec.columns.find((c) => c.key === k)?.label ?? k;
  const columns = spec.columns.map((c) => {
    if (c.required) return `${c.label}*`;
    if (c.requiredWith?.length) return `${c.label} (needed with ${c.requiredWith.map(label).join(' or ')})`;
    return c.label;
  });
  return `${columns.join(', ')}; ${spec.ignored.slice(0, 2).join('/')} is ignored (* required)`;
}

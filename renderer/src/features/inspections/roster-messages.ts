import type { TextEncodingName } from '@shared/roster-import/decode';
import { rosterSpec, type RosterRowProblem } from '@shared/roster-import/roster';
import type { Translate } from '../../i18n/i18n';
import type { RosterFileProblem, RosterSource } from './roster-file';

const quoted = (names: string[]) => names.map((n) => `“${n}”`).join(', ');

const encodingNames: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 (BOM)',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1258': 'Windows-1258',
};

/** Why a roster file was refused, naming the headers as the file wrote them. */
export function describeFileProblem(problem: RosterFileProblem, t: Translate): string {
  switch (problem.code) {
    case 'tooLarge':
      return t('err.import.tooLarge', { mb: Math.round(problem.maxBytes / 1024 / 1024) });
    case 'unknownHeaders':
    case 'missingHeaders':
    case 'repeatedHeaders':
      return t(`err.import.${problem.code}`, { line: problem.line, headers: quoted(problem.headers) });
    case 'unnamedColumns':
      return t('err.import.unnamedColumns', { line: problem.line, columns: problem.columns.join(', ') });
    case 'unclosedQuote':
      return t('err.import.unclosedQuote', { line: problem.line });
    case 'tooManyRows':
    case 'tooManyColumns':
      return t(`err.import.${problem.code}`, { max: problem.max });
    default:
      return t(`err.import.${problem.code}`);
  }
}

export function describeRowProblem(problem: RosterRowProblem, t: Translate): string {
  return t('import.problemLine', { line: problem.line, problem: t(`err.import.${problem.code}`) });
}

/** The columns a staff list may have, for a refusal to say what was expected. */
export function expectedColumns(t: Translate): string {
  const columns = rosterSpec.columns.map((c) => (c.required ? t('import.requiredColumn', { column: c.label }) : c.label)).join(', ');
  return t('import.expected', { columns, ignored: rosterSpec.ignored.slice(0, 2).join('/') });
}

export function describeSource(source: RosterSource, t: Translate): string {
  return source.kind === 'csv' ? t('import.preview.csv', { encoding: encodingNames[source.encoding] }) : t('import.preview.xlsx', { sheet: source.sheet });
}

/** Header problems are the ones a list of the expected columns helps with. */
export const isHeaderProblem = (problem: RosterFileProblem) => ['unknownHeaders', 'missingHeaders', 'repeatedHeaders', 'unnamedColumns'].includes(problem.code);

/**
 * Turns a table of cells (from CSV or a spreadsheet) into staff rows. The header row is found by
 * its Vietnamese or English column names; without one, columns are read as name, position,
 * department. Every row that cannot be used is reported with its line number, never dropped quietly.
 */
export interface ImportedPerson {
  name: string;
  position: string;
  department: string;
}

export interface RosterImportResult {
  people: ImportedPerson[];
  problems: Array<{ line: number; code: 'err.import.noName' | 'err.import.tooLong' | 'err.import.duplicate' }>;
}

export const MAX_IMPORT_ROWS = 2000;

/** A header as typed in any spreadsheet, compared without case or diacritics ("Họ và tên" = "ho va ten"). */
export const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .trim();

const columnPatterns = {
  name: /^(ho (va )?ten|ho ten|ten|full ?name|name)$/,
  position: /^(chuc vu|chuc danh|position|title)$/,
  department: /^(bo phan|phong|phong ban|don vi|department|unit)$/,
  index: /^(stt|tt|no\.?|#)$/,
};

export function rosterFromTable(rows: string[][]): RosterImportResult {
  const nonEmpty = rows.map((cells, i) => ({ cells: cells.map((c) => c.normalize('NFC').trim()), line: i + 1 })).filter((r) => r.cells.some((c) => c !== ''));
  let cols = { name: 0, position: 1, department: 2 };
  let body = nonEmpty;
  const header = nonEmpty[0]?.cells.map(fold);
  if (header && header.some((h) => columnPatterns.name.test(h))) {
    const find = (re: RegExp) => header.findIndex((h) => re.test(h));
    cols = { name: find(columnPatterns.name), position: find(columnPatterns.position), department: find(columnPatterns.department) };
    body = nonEmpty.slice(1);
  } else if (header && columnPatterns.index.test(header[0] ?? '')) {
    cols = { name: 1, position: 2, department: 3 };
    body = nonEmpty.slice(1);
  }
  const people: ImportedPerson[] = [];
  const problems: RosterImportResult['problems'] = [];
  const seen = new Set<string>();
  for (const { cells, line } of body.slice(0, MAX_IMPORT_ROWS)) {
    const pick = (i: number) => (i >= 0 ? (cells[i] ?? '') : '');
    const person = { name: pick(cols.name).replace(/\s+/g, ' '), position: pick(cols.position), department: pick(cols.department) };
    if (person.name === '') {
      problems.push({ line, code: 'err.import.noName' });
      continue;
    }
    if (person.name.length > 200 || person.position.length > 200 || person.department.length > 200) {
      problems.push({ line, code: 'err.import.tooLong' });
      continue;
    }
    const key = fold(person.name) + '|' + fold(person.position);
    if (seen.has(key)) {
      problems.push({ line, code: 'err.import.duplicate' });
      continue;
    }
    seen.add(key);
    people.push(person);
  }
  return { people, problems };
}

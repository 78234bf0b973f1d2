import type { TableSpec } from './headers';
import { readCsvTable, readTable, type TableProblem } from './read-table';
import type { TextEncodingName } from './decode';
import type { TableRow } from './table';

/** A unit's staff list as the roll call uses it: one person a row. */
export interface ImportedPerson {
  name: string;
  position: string;
  department: string;
}

export type RosterRowProblem = { line: number; code: 'noName' | 'tooLong' | 'duplicate' };

export type RosterRead = { ok: true; people: ImportedPerson[]; problems: RosterRowProblem[] } | { ok: false; problems: TableProblem[] };

/** A CSV roster says how it was decoded, also when refused past decoding (a wrong-looking header may be a wrong guess of encoding). */
export type RosterCsvRead = (Extract<RosterRead, { ok: true }> & { encoding: TextEncodingName }) | (Extract<RosterRead, { ok: false }> & { encoding?: TextEncodingName });

/** As the staff schema allows: at most 2000 people, 200 characters a field. */
export const MAX_ROSTER_PEOPLE = 2000;
export const MAX_ROSTER_FIELD = 200;
export const MAX_ROSTER_FILE_BYTES = 5 * 1024 * 1024;

export const rosterSpec: TableSpec<keyof ImportedPerson> = {
  columns: [
    { key: 'name', label: 'Họ và tên', aliases: ['Họ tên', 'Full name', 'Name'], required: true },
    { key: 'position', label: 'Chức vụ', aliases: ['Chức danh', 'Position', 'Title'] },
    { key: 'department', label: 'Bộ phận', aliases: ['Phòng ban', 'Phòng', 'Department'] },
  ],
  ignored: ['STT', 'TT', 'No.', 'No', '#'],
};

/**
 * The same person twice: the same name, position and department, ignoring case and spacing but
 * not diacritics (Hùng and Hưng are two people).
 */
export function personKey(person: ImportedPerson): string {
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  return `${norm(person.name)}\u0000${norm(person.position)}\u0000${norm(person.department)}`;
}

export function readRosterCsv(bytes: Uint8Array): RosterCsvRead {
  const table = readCsvTable(bytes, rosterSpec, { maxBytes: MAX_ROSTER_FILE_BYTES, maxRows: MAX_ROSTER_PEOPLE });
  return table.ok ? { ...rosterFromRecords(table.records), encoding: table.encoding } : table;
}

/** A worksheet's rows (see tableFromSheet), by the same header rules as CSV. */
export function readRosterTable(rows: TableRow[]): RosterRead {
  const table = readTable(rows, rosterSpec, { maxRows: MAX_ROSTER_PEOPLE });
  return table.ok ? rosterFromRecords(table.records) : table;
}

/** Every row that cannot be used is reported with its line and left out, never changed to fit. */
function rosterFromRecords(records: Array<{ line: number; values: ImportedPerson }>): { ok: true; people: ImportedPerson[]; problems: RosterRowProblem[] } {
  const people: ImportedPerson[] = [];
  const problems: RosterRowProblem[] = [];
  const seen = new Set<string>();
  for (const { line, values } of records) {
    const person = { name: values.name, position: values.position, department: values.department };
    if (person.name === '') problems.push({ line, code: 'noName' });
    else if (Object.values(person).some((v) => v.length > MAX_ROSTER_FIELD)) problems.push({ line, code: 'tooLong' });
    else if (seen.has(personKey(person))) problems.push({ line, code: 'duplicate' });
    else {
      seen.add(personKey(person));
      people.push(person);
    }
  }
  return { ok: true, people, problems };
}

/** Who of `incoming` is not on `existing` yet, and how many were already there. */
export function newPeople(existing: readonly ImportedPerson[], incoming: readonly ImportedPerson[]): { added: ImportedPerson[]; alreadyListed: number } {
  const listed = new Set(existing.map(personKey));
  const added = incoming.filter((p) => !listed.has(personKey(p)));
  return { added, alreadyListed: incoming.length - added.length };
}

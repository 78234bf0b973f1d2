import { describeZipProblem } from '@shared/zip/bounded-unzip';
import { checkXlsxZip } from '@shared/zip/xlsx-guard';
import { createHash } from 'node:crypto';
import type { TableSpec } from '@shared/roster-import/headers';
import { readCsvTable, readTable, type TableRead, type TableRecord } from '@shared/roster-import/read-table';
import { personKey, rosterSpec } from '@shared/roster-import/roster';
import { MAX_COLUMNS, tableFromSheet } from '@shared/roster-import/table';
import type { TextEncodingName } from '@shared/roster-import/decode';
import { staffMemberSchema, unitSchema, unitLevels, type StaffMember, type Unit } from '@shared/schemas';
import type { HubStore } from '../store/hub-store';
import { describeColumns, describeTableProblem } from './table-problems';

type Column = 'code' | 'name' | 'level' | 'province' | 'address' | 'person' | 'position' | 'department';

const staffColumn = (key: string) => rosterSpec.columns.find((c) => c.key === key)!;

/** The staff columns are the app's own roster columns, so one file template serves both. */
export const unitsSpec: TableSpec<Column> = {
  columns: [
    { key: 'code', label: 'Mã đơn vị', aliases: ['Mã', 'Unit code', 'Code'], required: true },
    { key: 'name', label: 'Tên đơn vị', aliases: ['Đơn vị', 'Unit name', 'Unit'], required: true },
    { key: 'level', label: 'Cấp', aliases: ['Level'] },
    { key: 'province', label: 'Tỉnh/Thành phố', aliases: ['Tỉnh', 'Thành phố', 'Province'], required: true },
    { key: 'address', label: 'Địa chỉ', aliases: ['Address'] },
    { ...staffColumn('name'), key: 'person', required: false, requiredWith: ['position', 'department'] },
    { ...staffColumn('position'), key: 'position' },
    { ...staffColumn('department'), key: 'department' },
  ],
  ignored: rosterSpec.ignored,
};

export const MAX_UNITS_FILE_BYTES = 20 * 1024 * 1024;
const MAX_ROWS = 100_000;
const MAX_STAFF = 2000;
const SHOWN_PROBLEMS = 50;

const LEVELS: Record<string, Unit['level']> = { xa: 'commune', phuong: 'ward', 'dac khu': 'special-zone', tinh: 'province', 'trung tam': 'service-centre', khac: 'other' };
const levelOf = (text: string): Unit['level'] | null => {
  if (text === '') return 'commune';
  const folded = text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
  return LEVELS[folded] ?? unitLevels.find((l) => l === folded) ?? null;
};

/** A staff id that stays the same when the same list is imported again. */
function staffId(code: string, name: string, position: string): string {
  const h = createHash('sha256').update(`${code}\u0000${name}\u0000${position}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function readFile(fileName: string, bytes: Uint8Array): Promise<TableRead<Column> & { encoding?: TextEncodingName }> {
  const limits = { maxBytes: MAX_UNITS_FILE_BYTES, maxRows: MAX_ROWS };
  if (bytes.length > limits.maxBytes) return { ok: false, problems: [{ code: 'tooLarge', maxBytes: limits.maxBytes }] };
  if (!/\.xlsx$/i.test(fileName)) return readCsvTable(bytes, unitsSpec, limits);
  // The spreadsheet library inflates the whole zip at once, trusting it: a bomb is stopped here first.
  const zip = checkXlsxZip(bytes);
  if (!zip.ok) throw new Error(`Nothing imported: ${fileName} is not a readable XLSX file (${describeZipProblem(zip.problem)})`);
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as never);
  } catch {
    throw new Error(`Nothing imported: ${fileName} is not a readable XLSX file`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error(`Nothing imported: ${fileName} has no worksheet`);
  const table = tableFromSheet(sheet);
  return table.tooWide ? { ok: false, problems: [{ code: 'tooManyColumns', max: MAX_COLUMNS }] } : readTable(table.rows, unitsSpec, limits);
}

const LABEL: Record<string, string> = { code: 'Mã đơn vị', name: 'Tên đơn vị', level: 'Cấp', province: 'Tỉnh/Thành phố', address: 'Địa chỉ' };
const REASON: Record<string, string> = { 'err.unit.code': 'must be 1–20 letters, digits, ".", "_" or "-"', 'err.required': 'is empty', 'err.tooLong': 'is longer than 200 characters' };
const issues = (error: { issues: Array<{ path: PropertyKey[]; message: string }> }, labels: Record<string, string>) =>
  error.issues.map((i) => `${labels[String(i.path[0])] ?? String(i.path[0])} ${REASON[i.message] ?? i.message}`).join('; ');

interface UnitDraft {
  line: number;
  unit: Unit;
  people: Map<string, number>;
}

/** Units and their staff from the rows, or every row problem found (with its line). */
function unitsFrom(records: Array<TableRecord<Column>>): { units: Map<string, UnitDraft>; problems: string[] } {
  const units = new Map<string, UnitDraft>();
  const problems: string[] = [];
  for (const { line, values: v } of records) {
    const at = (text: string) => problems.push(`line ${line}: ${text}`);
    if (v.code === '') {
      at('no Mã đơn vị');
      continue;
    }
    const level = levelOf(v.level);
    if (level === null) at(`Cấp “${v.level}” is not one of xã, phường, đặc khu, tỉnh, trung tâm, khác`);
    let draft = units.get(v.code);
    if (!draft) {
      const check = unitSchema.safeParse({ code: v.code, name: v.name, level: level ?? 'commune', province: v.province, address: v.address, staff: [] });
      if (!check.success) {
        at(issues(check.error, LABEL));
        continue;
      }
      draft = { line, unit: check.data, people: new Map() };
      units.set(v.code, draft);
    } else {
      // A later row may leave the unit's cells empty (merged cells), never say something else.
      const first = draft;
      for (const key of ['name', 'province', 'address'] as const) {
        if (v[key] !== '' && v[key] !== first.unit[key]) at(`${LABEL[key]} “${v[key]}” differs from line ${first.line} (“${first.unit[key]}”) for Mã đơn vị ${v.code}`);
      }
      if (v.level !== '' && level !== null && level !== first.unit.level) at(`Cấp “${v.level}” differs from line ${first.line} for Mã đơn vị ${v.code}`);
    }
    if (v.person === '') {
      if (v.position !== '' || v.department !== '') at('Chức vụ or Bộ phận without Họ và tên');
      continue;
    }
    const person = { name: v.person, position: v.position, department: v.department };
    const seenOn = draft.people.get(personKey(person));
    if (seenOn !== undefined) {
      at(`repeats line ${seenOn}`);
      continue;
    }
    // Two people with the same name and position are told apart by their department.
    const ids = new Set(draft.unit.staff.map((s) => s.id));
    const firstId = staffId(v.code, person.name, person.position);
    const id = ids.has(firstId) ? staffId(v.code, person.name, `${person.position}\u0000${person.department}`) : firstId;
    const member = staffMemberSchema.safeParse({ id, ...person });
    if (!member.success) {
      at(issues(member.error, { name: 'Họ và tên', position: 'Chức vụ', department: 'Bộ phận' }));
      continue;
    }
    draft.people.set(personKey(person), line);
    draft.unit.staff.push(member.data);
  }
  for (const [code, draft] of units) if (draft.unit.staff.length > MAX_STAFF) problems.push(`Mã đơn vị ${code} has more than ${MAX_STAFF} staff`);
  return { units, problems };
}

function refusal(fileName: string, problems: string[], expected: boolean): Error {
  const shown = problems.slice(0, SHOWN_PROBLEMS).map((p) => `  - ${p}`);
  if (problems.length > SHOWN_PROBLEMS) shown.push(`  … and ${problems.length - SHOWN_PROBLEMS} more`);
  const lines = [`Nothing imported from ${fileName}:`, ...shown];
  if (expected) lines.push(`Columns: ${describeColumns(unitsSpec)}.`);
  return new Error(lines.join('\n'));
}

/**
 * Units and their staff from one table, a row per person (columns Mã đơn vị, Tên đơn vị, Cấp,
 * Tỉnh/Thành phố, Địa chỉ, Họ và tên, Chức vụ, Bộ phận), read by the same rules as the app's
 * staff lists. The whole file is checked first: any problem refuses it and nothing is stored.
 * A file without staff columns leaves the units' staff lists as they were.
 */
export async function importUnitsFile(store: HubStore, fileName: string, bytes: Uint8Array): Promise<string> {
  const read = await readFile(fileName, bytes);
  if (!read.ok) {
    const header = read.problems.some((p) => ['unknownHeaders', 'missingHeaders', 'repeatedHeaders', 'unnamedColumns'].includes(p.code));
    throw refusal(fileName, read.problems.map(describeTableProblem), header);
  }
  const { units, problems } = unitsFrom(read.records);
  if (problems.length > 0) throw refusal(fileName, problems, false);
  if (units.size === 0) throw refusal(fileName, ['no units in the file'], false);
  const withStaff = read.columns.includes('person');
  await store.db.transaction().execute(async (trx) => {
    for (const { unit } of units.values()) {
      let staff: StaffMember[] = unit.staff;
      if (!withStaff) {
        const last = await trx.selectFrom('changes').select('data').where('kind', '=', 'unit').where('entity_id', '=', unit.code).orderBy('seq', 'desc').executeTakeFirst();
        staff = last ? unitSchema.parse(JSON.parse(last.data)).staff : [];
      }
      await store.appendChange(trx, { kind: 'unit', entityId: unit.code, data: unitSchema.parse({ ...unit, staff }) });
    }
  });
  const people = [...units.values()].reduce((n, u) => n + u.unit.staff.length, 0);
  const how = read.encoding ? ` (read as ${read.encoding})` : '';
  return withStaff ? `Handed down ${units.size} unit(s) with ${people} staff member(s)${how}.` : `Handed down ${units.size} unit(s)${how}; their staff lists are kept as they were (the file has no Họ và tên column).`;
}

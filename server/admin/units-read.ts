import { describeZipProblem } from '@shared/zip/bounded-unzip';
import { checkXlsxZip } from '@shared/zip/xlsx-guard';
import { createHash } from 'node:crypto';
import { rangeCells } from '../../node-shared/xlsx/sheet-ranges';
import type { TableSpec } from '@shared/roster-import/headers';
import { readCsvTable, readTable, type TableRead, type TableRecord } from '@shared/roster-import/read-table';
import { personKey, rosterSpec } from '@shared/roster-import/roster';
import { MAX_COLUMNS, tableFromSheet } from '@shared/roster-import/table';
import type { TextEncodingName } from '@shared/roster-import/decode';
import { staffMemberSchema, unitSchema, unitLevels, type Unit } from '@shared/schemas';

export type Column = 'code' | 'name' | 'level' | 'province' | 'address' | 'person' | 'position' | 'department';

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

/** Cells merged or validated ranges may cover before the library is asked to load a sheet. */
const MAX_RANGE_CELLS = 200_000;
export const MAX_UNITS_FILE_BYTES = 20 * 1024 * 1024;
const MAX_ROWS = 100_000;
const MAX_STAFF = 2000;

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

/** A spreadsheet that cannot be opened at all, said in both languages. */
export class UnreadableUnitsFile extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(en);
  }
}

export async function readUnitsTable(fileName: string, bytes: Uint8Array): Promise<TableRead<Column> & { encoding?: TextEncodingName }> {
  const limits = { maxBytes: MAX_UNITS_FILE_BYTES, maxRows: MAX_ROWS };
  if (bytes.length > limits.maxBytes) return { ok: false, problems: [{ code: 'tooLarge', maxBytes: limits.maxBytes }] };
  if (!/\.xlsx$/i.test(fileName)) return readCsvTable(bytes, unitsSpec, limits);
  // The spreadsheet library inflates the whole zip at once, trusting it: a bomb is stopped here first.
  let widest = 0;
  const decoder = new TextDecoder();
  const zip = checkXlsxZip(bytes, (name, part) => {
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) widest = Math.max(widest, rangeCells(decoder.decode(part)));
  });
  if (!zip.ok) throw new UnreadableUnitsFile(`${fileName} không phải tệp XLSX đọc được (${describeZipProblem(zip.problem)})`, `${fileName} is not a readable XLSX file (${describeZipProblem(zip.problem)})`);
  // The library would expand every merged or validated range cell by cell: a tiny file could ask for billions.
  if (widest > MAX_RANGE_CELLS) throw new UnreadableUnitsFile(`${fileName} có vùng gộp ô hoặc kiểm tra dữ liệu quá lớn (hơn ${MAX_RANGE_CELLS} ô)`, `${fileName} has merged or validated ranges covering more than ${MAX_RANGE_CELLS} cells`);
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as never);
  } catch {
    throw new UnreadableUnitsFile(`${fileName} không phải tệp XLSX đọc được`, `${fileName} is not a readable XLSX file`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnreadableUnitsFile(`${fileName} không có trang tính nào`, `${fileName} has no worksheet`);
  const table = tableFromSheet(sheet);
  return table.tooWide ? { ok: false, problems: [{ code: 'tooManyColumns', max: MAX_COLUMNS }] } : readTable(table.rows, unitsSpec, limits);
}


const LABEL: Record<string, { vi: string; en: string }> = {
  code: { vi: 'Mã đơn vị', en: 'Mã đơn vị' },
  name: { vi: 'Tên đơn vị', en: 'Tên đơn vị' },
  level: { vi: 'Cấp', en: 'Cấp' },
  province: { vi: 'Tỉnh/Thành phố', en: 'Tỉnh/Thành phố' },
  address: { vi: 'Địa chỉ', en: 'Địa chỉ' },
};
const PERSON_LABEL: Record<string, { vi: string; en: string }> = { name: { vi: 'Họ và tên', en: 'Họ và tên' }, position: { vi: 'Chức vụ', en: 'Chức vụ' }, department: { vi: 'Bộ phận', en: 'Bộ phận' } };
const REASON: Record<string, { vi: string; en: string }> = {
  'err.unit.code': { vi: 'phải gồm 1–20 chữ, số, ".", "_" hoặc "-"', en: 'must be 1–20 letters, digits, ".", "_" or "-"' },
  'err.required': { vi: 'đang để trống', en: 'is empty' },
  'err.tooLong': { vi: 'dài hơn 200 ký tự', en: 'is longer than 200 characters' },
};

export interface RowProblem {
  row: number;
  column?: string;
  message: { vi: string; en: string };
}

function schemaProblems(line: number, error: { issues: Array<{ path: PropertyKey[]; message: string }> }, labels: Record<string, { vi: string; en: string }>): RowProblem[] {
  return error.issues.map((i) => {
    const label = labels[String(i.path[0])] ?? { vi: String(i.path[0]), en: String(i.path[0]) };
    const reason = REASON[i.message] ?? { vi: i.message, en: i.message };
    return { row: line, column: label.vi, message: { vi: `${label.vi} ${reason.vi}`, en: `${label.en} ${reason.en}` } };
  });
}

interface UnitDraft {
  line: number;
  unit: Unit;
  people: Map<string, number>;
}

/** Units and their staff from the rows, or every row problem found (with its line as the file numbers it). */
export function unitsFrom(records: Array<TableRecord<Column>>): { units: Map<string, UnitDraft>; problems: RowProblem[] } {
  const units = new Map<string, UnitDraft>();
  const problems: RowProblem[] = [];
  for (const { line, values: v } of records) {
    const at = (column: string | undefined, vi: string, en: string) => problems.push({ row: line, ...(column ? { column } : {}), message: { vi, en } });
    if (v.code === '') {
      at('Mã đơn vị', 'thiếu Mã đơn vị', 'no Mã đơn vị (unit code)');
      continue;
    }
    const level = levelOf(v.level);
    if (level === null) at('Cấp', `Cấp “${v.level}” không phải xã, phường, đặc khu, tỉnh, trung tâm, khác`, `Cấp “${v.level}” is not one of xã, phường, đặc khu, tỉnh, trung tâm, khác`);
    let draft = units.get(v.code);
    if (!draft) {
      const check = unitSchema.safeParse({ code: v.code, name: v.name, level: level ?? 'commune', province: v.province, address: v.address, staff: [] });
      if (!check.success) {
        problems.push(...schemaProblems(line, check.error, LABEL));
        continue;
      }
      draft = { line, unit: check.data, people: new Map() };
      units.set(v.code, draft);
    } else {
      // A later row may leave the unit's cells empty (merged cells), never say something else.
      const first = draft;
      for (const key of ['name', 'province', 'address'] as const) {
        if (v[key] !== '' && v[key] !== first.unit[key]) at(LABEL[key]!.vi, `${LABEL[key]!.vi} “${v[key]}” khác dòng ${first.line} (“${first.unit[key]}”) của Mã đơn vị ${v.code}`, `${LABEL[key]!.en} “${v[key]}” differs from line ${first.line} (“${first.unit[key]}”) for Mã đơn vị ${v.code}`);
      }
      if (v.level !== '' && level !== null && level !== first.unit.level) at('Cấp', `Cấp “${v.level}” khác dòng ${first.line} của Mã đơn vị ${v.code}`, `Cấp “${v.level}” differs from line ${first.line} for Mã đơn vị ${v.code}`);
    }
    if (v.person === '') {
      if (v.position !== '' || v.department !== '') at('Họ và tên', 'có Chức vụ hoặc Bộ phận mà thiếu Họ và tên', 'Chức vụ or Bộ phận without Họ và tên');
      continue;
    }
    const person = { name: v.person, position: v.position, department: v.department };
    const seenOn = draft.people.get(personKey(person));
    if (seenOn !== undefined) {
      at('Họ và tên', `trùng với dòng ${seenOn}`, `repeats line ${seenOn}`);
      continue;
    }
    // Two people with the same name and position are told apart by their department.
    const ids = new Set(draft.unit.staff.map((s) => s.id));
    const firstId = staffId(v.code, person.name, person.position);
    const id = ids.has(firstId) ? staffId(v.code, person.name, `${person.position}\u0000${person.department}`) : firstId;
    const member = staffMemberSchema.safeParse({ id, ...person });
    if (!member.success) {
      problems.push(...schemaProblems(line, member.error, PERSON_LABEL));
      continue;
    }
    draft.people.set(personKey(person), line);
    draft.unit.staff.push(member.data);
  }
  for (const [code, draft] of units) {
    if (draft.unit.staff.length > MAX_STAFF) problems.push({ row: draft.line, message: { vi: `Mã đơn vị ${code} có hơn ${MAX_STAFF} người`, en: `Mã đơn vị ${code} has more than ${MAX_STAFF} staff` } });
  }
  return { units, problems };
}

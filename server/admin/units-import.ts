import { canonicalJson } from '@shared/hash/canonical-json';
import { unitSchema, type Unit } from '@shared/schemas';
import type { HubStore } from '../store/hub-store';
import { logAdmin } from './admin-log';
import { describeColumns, sayTableProblem } from './table-problems';
import { readUnitsTable, UnreadableUnitsFile, unitsFrom, unitsSpec, type RowProblem } from './units-read';

export { unitsSpec, MAX_UNITS_FILE_BYTES } from './units-read';

const HEADER_PROBLEMS = ['unknownHeaders', 'missingHeaders', 'repeatedHeaders', 'unnamedColumns'];
const SHOWN_PROBLEMS = 50;

export interface UnitsAnalysis {
  ok: boolean;
  rows: number;
  /** Each unit as it would be stored, and whether that is new, a change or what the hub has already. */
  units: Array<{ unit: Unit; change: 'new' | 'changed' | 'unchanged' }>;
  problems: RowProblem[];
  /** Whether the file lists staff (without a Họ và tên column the units keep their staff lists). */
  withStaff: boolean;
  encoding?: string;
}

/**
 * What importing a units file would do, stored nowhere: every unit with its staff and whether it
 * is new or changed, or every problem with its row. Columns Mã đơn vị, Tên đơn vị, Cấp,
 * Tỉnh/Thành phố, Địa chỉ, Họ và tên, Chức vụ, Bộ phận, read by the app's staff-list rules.
 */
export async function analyseUnitsFile(store: HubStore, fileName: string, bytes: Uint8Array): Promise<UnitsAnalysis> {
  let read: Awaited<ReturnType<typeof readUnitsTable>>;
  try {
    read = await readUnitsTable(fileName, bytes);
  } catch (error) {
    if (error instanceof UnreadableUnitsFile) return { ok: false, rows: 0, units: [], problems: [{ row: 0, message: { vi: error.vi, en: error.en } }], withStaff: false };
    throw error;
  }
  if (!read.ok) {
    const header = read.problems.some((p) => HEADER_PROBLEMS.includes(p.code));
    const problems = read.problems.map((p) => ({ row: 'line' in p && typeof p.line === 'number' ? p.line : 0, message: sayTableProblem(p) }));
    if (header) problems.push({ row: 0, message: { vi: `Các cột: ${describeColumns(unitsSpec)}.`, en: `Columns: ${describeColumns(unitsSpec)}.` } });
    return { ok: false, rows: 0, units: [], problems, withStaff: false };
  }
  const { units, problems } = unitsFrom(read.records);
  if (problems.length === 0 && units.size === 0) problems.push({ row: 0, message: { vi: 'tệp không có đơn vị nào', en: 'no units in the file' } });
  const withStaff = read.columns.includes('person');
  const held = await heldUnits(store, [...units.keys()]);
  const planned = [...units.values()].map(({ unit }) => {
    const before = held.get(unit.code);
    const stored = unitSchema.parse({ ...unit, staff: withStaff ? unit.staff : (before?.staff ?? []) });
    const change = before === undefined ? ('new' as const) : canonicalJson(before) === canonicalJson(stored) ? ('unchanged' as const) : ('changed' as const);
    return { unit: stored, change };
  });
  return { ok: problems.length === 0, rows: read.records.length, units: planned, problems, withStaff, ...(read.encoding ? { encoding: read.encoding } : {}) };
}

/** The hub's newest version of each of these units. */
export async function heldUnits(store: HubStore, codes: readonly string[]): Promise<Map<string, Unit>> {
  const held = new Map<string, Unit>();
  for (let k = 0; k < codes.length; k += 500) {
    const rows = await store.db.selectFrom('changes').select(['entity_id', 'data', 'seq']).where('kind', '=', 'unit').where('entity_id', 'in', codes.slice(k, k + 500)).orderBy('seq').execute();
    for (const row of rows) held.set(row.entity_id, unitSchema.parse(JSON.parse(row.data)));
  }
  return held;
}

/** Stores what an analysis found (new and changed units only), in one transaction, logged. */
export async function storeUnits(store: HubStore, analysis: UnitsAnalysis, admin: string | null, fileName: string): Promise<{ imported: number; unchanged: number }> {
  if (!analysis.ok) throw new Error('A file with problems is never imported');
  const changed = analysis.units.filter((u) => u.change !== 'unchanged');
  await store.db.transaction().execute(async (trx) => {
    for (const { unit } of changed) await store.appendChange(trx, { kind: 'unit', entityId: unit.code, data: unit });
    await logAdmin(trx, admin, 'import-units', { file: fileName.slice(0, 200), imported: changed.length, unchanged: analysis.units.length - changed.length });
  });
  return { imported: changed.length, unchanged: analysis.units.length - changed.length };
}

/** The command line's import: the whole file checked first; any problem refuses it and nothing is stored. */
export async function importUnitsFile(store: HubStore, fileName: string, bytes: Uint8Array): Promise<string> {
  const analysis = await analyseUnitsFile(store, fileName, bytes);
  if (!analysis.ok) {
    const shown = analysis.problems.slice(0, SHOWN_PROBLEMS).map((p) => `  - ${p.row > 0 ? `line ${p.row}: ` : ''}${p.message.en}`);
    if (analysis.problems.length > SHOWN_PROBLEMS) shown.push(`  … and ${analysis.problems.length - SHOWN_PROBLEMS} more`);
    throw new Error([`Nothing imported from ${fileName}:`, ...shown].join('\n'));
  }
  await storeUnits(store, analysis, null, fileName);
  const people = analysis.units.reduce((n, u) => n + u.unit.staff.length, 0);
  const how = analysis.encoding ? ` (read as ${analysis.encoding})` : '';
  return analysis.withStaff
    ? `Handed down ${analysis.units.length} unit(s) with ${people} staff member(s)${how}.`
    : `Handed down ${analysis.units.length} unit(s)${how}; their staff lists are kept as they were (the file has no Họ và tên column).`;
}

import { createHash } from 'node:crypto';
import { parseCsv } from '@shared/roster-import/csv';
import { fold } from '@shared/roster-import/roster-table';
import { unitSchema, unitLevels, type Unit } from '@shared/schemas';
import type { HubStore } from '../store/hub-store';


const COLUMNS = {
  code: /^(ma don vi|ma|code|unit code)$/,
  name: /^(ten don vi|don vi|unit|unit name)$/,
  level: /^(cap|level)$/,
  province: /^(tinh|tinh\/thanh pho|thanh pho|province)$/,
  address: /^(dia chi|address)$/,
  person: /^(ho va ten|ho ten|full name|name)$/,
  position: /^(chuc vu|position)$/,
  department: /^(bo phan|department)$/,
} as const;

const LEVELS: Record<string, Unit['level']> = { xa: 'commune', phuong: 'ward', 'dac khu': 'special-zone', tinh: 'province', 'trung tam': 'service-centre', khac: 'other' };

/** A staff id that stays the same when the same list is imported again. */
function staffId(code: string, name: string, position: string): string {
  const h = createHash('sha256').update(`${code}\u0000${name}\u0000${position}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function tableOf(fileName: string, bytes: Uint8Array): Promise<string[][]> {
  if (/\.xlsx$/i.test(fileName)) {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as never);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('The workbook has no sheet');
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    return rows;
  }
  return parseCsv(new TextDecoder().decode(bytes));
}

/**
 * Units and their staff from one table, a row per person (columns Mã đơn vị, Tên đơn vị, Cấp,
 * Tỉnh/Thành phố, Địa chỉ, Họ và tên, Chức vụ, Bộ phận). Every unit is checked before any is
 * handed down; a bad row stops the import with its line number.
 */
export async function importUnitsFile(store: HubStore, fileName: string, bytes: Uint8Array): Promise<string> {
  const rows = await tableOf(fileName, bytes);
  const header = (rows[0] ?? []).map(fold);
  const col = Object.fromEntries(Object.entries(COLUMNS).map(([k, re]) => [k, header.findIndex((h) => re.test(h))])) as Record<keyof typeof COLUMNS, number>;
  for (const required of ['code', 'name', 'province'] as const) if (col[required] < 0) throw new Error(`Missing column for ${required} (Mã đơn vị, Tên đơn vị, Tỉnh/Thành phố)`);
  const units = new Map<string, Unit>();
  rows.slice(1).forEach((row, i) => {
    const cell = (k: keyof typeof COLUMNS) => (col[k] >= 0 ? (row[col[k]] ?? '').trim() : '');
    if (row.every((c) => !c.trim())) return;
    const code = cell('code');
    const level = LEVELS[fold(cell('level'))] ?? (unitLevels.includes(cell('level') as Unit['level']) ? (cell('level') as Unit['level']) : 'commune');
    const unit = units.get(code) ?? { code, name: cell('name'), level, province: cell('province'), address: cell('address'), staff: [] };
    const person = cell('person');
    if (person) unit.staff.push({ id: staffId(code, person, cell('position')), name: person, position: cell('position'), department: cell('department') });
    const check = unitSchema.safeParse(unit);
    if (!check.success) throw new Error(`Line ${i + 2}: ${check.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    units.set(code, unit);
  });
  if (units.size === 0) throw new Error('No units in the file');
  await store.db.transaction().execute(async (trx) => {
    for (const unit of units.values()) await store.appendChange(trx, { kind: 'unit', entityId: unit.code, data: unitSchema.parse(unit) });
  });
  const people = [...units.values()].reduce((n, u) => n + u.staff.length, 0);
  return `Handed down ${units.size} unit(s) with ${people} staff member(s).`;
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHub } from '../../server/open-hub';
import { hubCli } from '../support/hub';
import { zerosBomb } from '../support/hostile-zips';
import { encodeWindows1258 } from '../support/windows-1258';

const utf16le = (text: string) => Buffer.from(`\uFEFF${text}`, 'utf16le');
const utf16be = (text: string) => Buffer.from(utf16le(text)).swap16();

/**
 * `hub:cli import-units` as a real process on a real SQLite hub database. Each run starts Node
 * and tsx afresh: on a busy machine that takes seconds, hence the generous timeout.
 */
describe('hub CLI import-units', { timeout: 120_000 }, () => {
  let dataDir: string;
  let env: Record<string, string>;
  let n = 0;
  const file = (name: string, bytes: Uint8Array | string) => {
    const path = join(dataDir, `${++n}-${name}`);
    writeFileSync(path, bytes);
    return path;
  };
  /** Every unit change the hub has stored, oldest first. */
  const storedUnits = async () => {
    const hub = await openHub(env);
    try {
      const rows = await hub.store.db.selectFrom('changes').select(['entity_id', 'data']).where('kind', '=', 'unit').orderBy('seq').execute();
      return rows.map((r) => JSON.parse(r.data) as { code: string; name: string; level: string; province: string; staff: Array<{ id: string; name: string; position: string; department: string }> });
    } finally {
      await hub.close();
    }
  };

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'congvu-units-'));
    env = { HUB_DATA_DIR: dataDir };
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('imports a UTF-16 file as Excel saves "Unicode text" (tab-separated), names intact', async () => {
    const text = 'STT\tMã đơn vị\tTên đơn vị\tCấp\tTỉnh/Thành phố\tHọ và tên\tChức vụ\tBộ phận\r\n1\t31471\tUBND xã Tân Phước Hưng\tXã\tCần Thơ\tPhạm Minh Khôi\tChủ tịch\tLãnh đạo\r\n\t\t\t\t\t\t\t\r\n2\t31471\tUBND xã Tân Phước Hưng\tXã\tCần Thơ\tVõ Thị Thu Hằng\tCông chức\tVăn phòng\r\n';
    const run = await hubCli(['import-units', file('units-utf16.csv', utf16le(text))], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Handed down 1 unit(s) with 2 staff member(s) (read as utf-16le).');
    const [unit] = await storedUnits();
    expect(unit).toMatchObject({ code: '31471', name: 'UBND xã Tân Phước Hưng', level: 'commune', province: 'Cần Thơ' });
    expect(unit!.staff.map((s) => [s.name, s.position, s.department])).toEqual([
      ['Phạm Minh Khôi', 'Chủ tịch', 'Lãnh đạo'],
      ['Võ Thị Thu Hằng', 'Công chức', 'Văn phòng'],
    ]);

    const be = await hubCli(['import-units', file('units-utf16be.csv', utf16be('Mã đơn vị;Tên đơn vị;Tỉnh / Thành phố;HỌ VÀ TÊN\n31999;UBND phường Cái Khế;Cần Thơ;Đỗ Thị Mai\n'))], env);
    expect(be.stdout).toContain('Handed down 1 unit(s) with 1 staff member(s) (read as utf-16be).');
    expect((await storedUnits()).at(-1)!.staff[0]!.name).toBe('Đỗ Thị Mai');
  });

  it('refuses a file with other column names, naming them, exits non-zero and stores nothing', async () => {
    const before = await storedUnits();
    const run = await hubCli(['import-units', file('wrong.csv', 'Mã ĐV,Tên cơ quan,Tỉnh/Thành phố,Họ và tên\n31471,UBND xã Tân Phước Hưng,Cần Thơ,Phạm Minh Khôi\n')], env);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Nothing imported from');
    expect(run.stderr).toContain('unknown column(s) in the header on line 1: “Mã ĐV”, “Tên cơ quan”');
    expect(run.stderr).toContain('missing column(s): “Mã đơn vị”, “Tên đơn vị”');
    expect(run.stderr).toContain('Columns: Mã đơn vị*, Tên đơn vị*, Cấp, Tỉnh/Thành phố*');
    expect(await storedUnits()).toEqual(before);
  });

  it('refuses a whole file for one bad row, listing every problem with its line', async () => {
    const before = await storedUnits();
    const csv = [
      'Mã đơn vị,Tên đơn vị,Cấp,Tỉnh/Thành phố,Họ và tên,Chức vụ,Bộ phận',
      '31500,UBND xã Mỹ Khánh,xã,Cần Thơ,Lê Hoàng Yến,Công chức,',
      '31500,UBND xã Mỹ Khánh,huyện,Cần Thơ,Trần Văn Đức,,',
      '31500,UBND xã Mỹ Khánh Mới,,Cần Thơ,Lê Hoàng Yến,Công chức,',
      ',UBND xã Khác,xã,Cần Thơ,Ai Đó,,',
      '31500,,,,,Công chức,',
    ].join('\n');
    const run = await hubCli(['import-units', file('bad-rows.csv', csv)], env);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('line 3: Cấp “huyện” is not one of xã, phường, đặc khu, tỉnh, trung tâm, khác');
    expect(run.stderr).toContain('line 4: Tên đơn vị “UBND xã Mỹ Khánh Mới” differs from line 2 (“UBND xã Mỹ Khánh”) for Mã đơn vị 31500');
    expect(run.stderr).toContain('line 4: repeats line 2');
    expect(run.stderr).toContain('line 5: no Mã đơn vị');
    expect(run.stderr).toContain('line 6: Chức vụ or Bộ phận without Họ và tên');
    expect(await storedUnits()).toEqual(before);
  });

  it('reads Windows-1258 and XLSX by the same header rules, and refuses a binary file', async () => {
    const before = await storedUnits();
    const cp1258 = encodeWindows1258('Mã đơn vị,Tên đơn vị,Tỉnh/Thành phố,Họ và tên\r\n31600,UBND xã Mỹ Khánh,Cần Thơ,Nguyễn Thị Ánh Tuyết\r\n');
    // Tone marks written as combining characters (0xDE tilde in "Mã"), as Windows does.
    expect(cp1258.subarray(0, 3)).toEqual(Buffer.from([0x4d, 0x61, 0xde]));
    const run = await hubCli(['import-units', file('cp1258.csv', cp1258)], env);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('(read as windows-1258)');
    expect((await storedUnits()).at(-1)).toMatchObject({ code: '31600', name: 'UBND xã Mỹ Khánh', province: 'Cần Thơ', staff: [{ name: 'Nguyễn Thị Ánh Tuyết' }] });

    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Đơn vị').addRows([['Mã đơn vị', 'Tên đơn vị', 'Tỉnh', 'Điện thoại'], ['31700', 'UBND phường An Bình', 'Cần Thơ', '0292']]);
    const xlsx = await hubCli(['import-units', file('units.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()))], env);
    expect(xlsx.status).not.toBe(0);
    expect(xlsx.stderr).toContain('unknown column(s) in the header on line 1: “Điện thoại”');

    // A zip bomb dressed as a spreadsheet is refused before the spreadsheet library inflates it.
    const bomb = await hubCli(['import-units', file('units-bomb.xlsx', await zerosBomb('xl/worksheets/sheet1.xml', 256 * 1024 * 1024))], env);
    expect(bomb.status).not.toBe(0);
    expect(bomb.stderr).toContain('an entry is larger than allowed (xl/worksheets/sheet1.xml)');

    const binary = await hubCli(['import-units', file('units-nobom.csv', Buffer.from('Mã đơn vị\n', 'utf16le'))], env);
    expect(binary.status).not.toBe(0);
    expect(binary.stderr).toContain('not readable as text');
    expect((await storedUnits()).length).toBe(before.length + 1);
  });

  it('keeps the staff lists when a file of units has no staff columns', async () => {
    const run = await hubCli(['import-units', file('units-only.csv', 'Mã đơn vị,Tên đơn vị,Tỉnh/Thành phố,Địa chỉ\n31471,UBND xã Tân Phước Hưng,Cần Thơ,Ấp Phước Hưng\n')], env);
    expect(run.stdout).toContain('their staff lists are kept as they were');
    const unit = (await storedUnits()).at(-1)!;
    expect(unit).toMatchObject({ code: '31471', address: 'Ấp Phước Hưng' });
    expect(unit.staff.map((s) => s.name)).toEqual(['Phạm Minh Khôi', 'Võ Thị Thu Hằng']);
  });
});

import { Zip, ZipDeflate } from 'fflate';
import { ISO_DAY, sheetCsv, type ExportColumn, type ExportSheet } from './export-sheets';

/**
 * A streaming XLSX (SpreadsheetML) writer for the department's exports: each sheet's rows are
 * turned into XML a batch at a time, deflated and handed to `sink`, whose promise is awaited before
 * the next batch, so memory stays flat however many findings there are. exceljs's stream writer
 * was measured at 740 MB for 390,000 findings, as its zip buffers rows without backpressure.
 */

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
/** Excel's limit for the text of one cell. */
export const MAX_CELL_CHARS = 32_767;
const ROWS_PER_BATCH = 500;
const CUT_MARK = ' … [quá dài, xem bản CSV]';

const encoder = new TextEncoder();

// The characters markup needs escaped, and those XML 1.0 does not allow at all (control
// characters other than tab, line feed, return), which are dropped: one pass over each cell.
// eslint-disable-next-line no-control-regex
const SPECIAL_XML = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escapeXml(text: string): string {
  return text.replace(SPECIAL_XML, (c) => ENTITIES[c] ?? '');
}

export function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** Cell styles (cellXfs) of the styles part: plain, bold (headers), a day shown dd/mm/yyyy. */
const STYLE = { plain: 0, bold: 1, day: 2 } as const;

const MS_PER_DAY = 86_400_000;
/** Excel's day 0 (its 1900 date system counts 1900 as a leap year, so days count from 30/12/1899). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
/** Before 01/03/1900 Excel's phantom 29/02/1900 would shift the day: such days stay text. */
const FIRST_SERIAL_DAY = Date.UTC(1900, 2, 1);

/** Excel's serial number of a YYYY-MM-DD day, or null for a day it would show wrong. */
export function excelDaySerial(day: string): number | null {
  const [y, m, d] = day.split('-').map(Number);
  const at = Date.UTC(y!, m! - 1, d!);
  return at < FIRST_SERIAL_DAY ? null : (at - EXCEL_EPOCH) / MS_PER_DAY;
}

function cellXml(value: unknown, ref: string, style: number, column?: ExportColumn): string {
  if (value === null || value === undefined || value === '') return '';
  if (column?.type === 'day' && typeof value === 'string' && ISO_DAY.test(value)) {
    const serial = excelDaySerial(value);
    if (serial !== null) return `<c r="${ref}" s="${STYLE.day}"><v>${serial}</v></c>`;
  }
  const s = style ? ` s="${style}"` : '';
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"${s}><v>${value}</v></c>`;
  const full = String(value);
  // Excel refuses longer cells: the text is cut where it shows, and the CSV export keeps it whole.
  const text = full.length > MAX_CELL_CHARS ? `${full.slice(0, MAX_CELL_CHARS - CUT_MARK.length)}${CUT_MARK}` : full;
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}" t="inlineStr"${s}><is><t${space}>${escapeXml(text)}</t></is></c>`;
}

function rowXml(values: readonly unknown[], rowNumber: number, columns: readonly string[], style: number = STYLE.plain, types: readonly ExportColumn[] = []): string {
  let cells = '';
  for (let c = 0; c < values.length; c++) cells += cellXml(values[c], `${columns[c] ?? columnName(c)}${rowNumber}`, style, types[c]);
  return `<row r="${rowNumber}">${cells}</row>`;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${MAIN_NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

function contentTypes(count: number): string {
  const sheets = Array.from({ length: count }, (_, k) => `<Override PartName="/xl/worksheets/sheet${k + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheets}</Types>`;
}

function workbookXml(names: readonly string[]): string {
  const sheets = names.map((name, k) => `<sheet name="${escapeXml(name.slice(0, 31))}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>${sheets}</sheets></workbook>`;
}

function workbookRels(count: number): string {
  const rels = Array.from({ length: count }, (_, k) => `<Relationship Id="rId${k + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${k + 1}.xml"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="${PKG_REL_NS}">${rels}<Relationship Id="rId${count + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`;
}

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

/**
 * Writes the sheets as one .xlsx; returns the number of data rows (headers not counted). `order`
 * is the order their rows are made in (the workbook shows them in the given order whatever it is).
 */
export async function writeXlsx(sheets: readonly ExportSheet[], sink: (chunk: Uint8Array) => Promise<void> | void, options: { order?: readonly number[] } = {}): Promise<number> {
  const pending: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else pending.push(chunk);
  });
  const flush = async () => {
    if (failure) throw failure;
    while (pending.length) await sink(pending.shift()!);
  };
  const whole = async (name: string, text: string) => {
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    file.push(encoder.encode(text), true);
    await flush();
  };

  await whole('[Content_Types].xml', contentTypes(sheets.length));
  await whole('_rels/.rels', ROOT_RELS);
  await whole('xl/workbook.xml', workbookXml(sheets.map((s) => s.name)));
  await whole('xl/_rels/workbook.xml.rels', workbookRels(sheets.length));
  await whole('xl/styles.xml', STYLES);

  let total = 0;
  const order = options.order ?? [...sheets.keys()];
  if (order.length !== sheets.length || new Set(order).size !== sheets.length || order.some((k) => !sheets[k])) throw new Error('order must list every sheet once');
  for (const k of order) {
    const sheet = sheets[k]!;
    const file = new ZipDeflate(`xl/worksheets/sheet${k + 1}.xml`, { level: 1 });
    zip.add(file);
    const columns = sheet.columns.map((_, c) => columnName(c));
    const last = columns.at(-1) ?? 'A';
    const cols = sheet.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('');
    let xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>${rowXml(
      sheet.columns.map((c) => c.header),
      1,
      columns,
      STYLE.bold,
    )}`;
    let rowNumber = 1;
    let batch = 0;
    for await (const row of sheet.rows()) {
      rowNumber += 1;
      xml += rowXml(row, rowNumber, columns, STYLE.plain, sheet.columns);
      if (++batch === ROWS_PER_BATCH) {
        file.push(encoder.encode(xml));
        await flush();
        xml = '';
        batch = 0;
      }
    }
    xml += `</sheetData><autoFilter ref="A1:${last}${rowNumber}"/></worksheet>`;
    file.push(encoder.encode(xml), true);
    await flush();
    total += rowNumber - 1;
  }
  zip.end();
  await flush();
  return total;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The whole workbook as bytes, for the app's save dialog (the compressed file, not a workbook model). */
export async function xlsxBytes(sheets: readonly ExportSheet[]): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await writeXlsx(sheets, (chunk) => void chunks.push(chunk));
  return concat(chunks);
}

/** Every sheet as a CSV file in one .zip, compressed as it is written. */
export async function csvZipBytes(sheets: readonly ExportSheet[]): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  for (const sheet of sheets) {
    const file = new ZipDeflate(sheet.file, { level: 6 });
    zip.add(file);
    for await (const text of sheetCsv(sheet)) file.push(encoder.encode(text));
    file.push(new Uint8Array(0), true);
  }
  zip.end();
  if (failure) throw failure;
  return concat(chunks);
}

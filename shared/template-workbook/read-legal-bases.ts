import { legalBasisSchema, type LegalBasis } from '../schemas/legal-basis';
import { MAX_LOCAL_TEXT } from '../schemas/common';
import { RowReader } from './cell-readers';
import { readDay } from './dates';
import type { ColumnKey, legalBasesSheet } from './layout';
import type { ProblemList } from './problems';
import type { ReadSheet } from './sheet-reader';

type Key = ColumnKey<typeof legalBasesSheet>;

/** The legal bases written in the workbook, each row checked; the ids of rows refused too, so a reference to one is not reported twice. */
export function readLegalBases(sheet: ReadSheet<string> | undefined, problems: ProblemList): { bases: LegalBasis[]; named: Set<string> } {
  const bases: LegalBasis[] = [];
  const named = new Set<string>();
  if (!sheet?.usable) return { bases, named };
  const firstRow = new Map<string, number>();
  for (const row of (sheet as ReadSheet<Key>).rows) {
    const r = new RowReader(sheet as ReadSheet<Key>, row, problems);
    const before = problems.count;
    const id = r.text('id', 16, true)?.toUpperCase() ?? null;
    if (id !== null) {
      named.add(id);
      if (!/^[A-Z0-9]{2,16}$/.test(id)) r.add('id', 'wb.badBasisId', { value: id });
      else if (firstRow.has(id)) r.add('id', 'wb.duplicateBasis', { value: id, firstRow: firstRow.get(id)! });
      else firstRow.set(id, row.row);
    }
    const shortName = r.text('shortName', 20, true);
    const number = r.text('number', 60, true);
    const kind = r.localText('kindVi', 'kindEn', true);
    const issuer = r.localText('issuerVi', 'issuerEn', false);
    const subject = r.localText('subjectVi', 'subjectEn', true);
    const day = (key: 'issuedOn' | 'effectiveFrom' | 'effectiveTo') => {
      const value = readDay(row.cell(key), row.text(key));
      if (value === 'bad') {
        if (!row.refused(key)) r.add(key, 'wb.badDate', { value: row.text(key) });
        return null;
      }
      return value;
    };
    const issuedOn = day('issuedOn');
    const effectiveFrom = day('effectiveFrom');
    const effectiveTo = day('effectiveTo');
    const source = r.text('source', MAX_LOCAL_TEXT, true)?.toUpperCase() ?? null;
    if (source !== null && source !== 'R' && source !== 'R2' && source !== 'G') r.add('source', 'wb.badSource', { value: source });
    if (problems.count > before) continue;
    const parsed = legalBasisSchema.safeParse({ id, shortName, number, kind, ...(issuer ? { issuer } : {}), issuedOn, subject, effectiveFrom, effectiveTo, source });
    if (parsed.success) bases.push(parsed.data);
    else if (parsed.error.issues.some((i) => i.message === 'err.legalBasis.effectiveRange')) r.add('effectiveTo', 'wb.basisRange');
    else r.add('id', 'wb.schema', { detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  }
  return { bases, named };
}

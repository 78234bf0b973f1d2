import type { Inspection, Issuer } from '../schemas';

/**
 * The header as it will print. Where the team has not said who issues the record, the province's
 * People's Committee and the team leader's agency stand in, as they do in most inspections.
 */
export function resolvedIssuer(inspection: Inspection): Required<Issuer> {
  const leader = inspection.team.find((m) => m.role === 'leader');
  return {
    parentAgency: inspection.issuer?.parentAgency || `UBND ${inspection.unit.province}`,
    agency: inspection.issuer?.agency || leader?.agency || 'Sở Nội vụ',
    symbol: inspection.issuer?.symbol || 'ĐKT',
  };
}

/** "Số: 15/BB-ĐKT", or a blank to fill in by hand when no number has been given. */
export function recordNumberLine(inspection: Inspection): string {
  const number = inspection.recordNumber.trim() || '        ';
  return `Số: ${number}/BB-${resolvedIssuer(inspection).symbol}`;
}

/** The place in the "Xã …, ngày … tháng … năm …" line: the unit's commune, without "UBND". */
export function placeName(inspection: Inspection): string {
  const name = inspection.unit.name.replace(/^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+/iu, '').trim() || inspection.unit.name;
  return name.charAt(0).toLocaleUpperCase('vi') + name.slice(1);
}

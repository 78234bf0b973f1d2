import type { Inspection, Issuer } from '../schemas';

/** Dots the record prints where a field is still empty: a draft shows the gap, never a guess. */
export const BLANK = '……';

/**
 * Who issues the record, as the team entered it. Nothing is filled in for them: a finalized record
 * cannot lack these fields (the finalize check refuses it), and a draft prints dots in their place.
 */
export function issuerOf(inspection: Pick<Inspection, 'issuer'>): Required<Issuer> {
  return {
    parentAgency: inspection.issuer?.parentAgency.trim() ?? '',
    agency: inspection.issuer?.agency.trim() ?? '',
    symbol: inspection.issuer?.symbol.trim() ?? '',
  };
}

/** Cities run by the central government (since the 2025 reform): their committee is "UBND thành phố …". */
const CENTRAL_CITIES = ['hà nội', 'hồ chí minh', 'hải phòng', 'đà nẵng', 'cần thơ', 'huế'];

/** "UBND tỉnh An Giang", "UBND thành phố Cần Thơ": the People's Committee of a province-level unit. */
export function provincialCommittee(province: string): string {
  const name = province.trim().replace(/^(tỉnh|thành phố|tp\.?)\s+/iu, '');
  const city = /^(thành phố|tp\.?)\s/iu.test(province.trim()) || CENTRAL_CITIES.includes(name.normalize('NFC').toLocaleLowerCase('vi'));
  return `UBND ${city ? 'thành phố' : 'tỉnh'} ${name}`;
}

/**
 * What the team most often enters, offered as suggestions the user picks (never as values): the
 * province's People's Committee, the team leader's agency and "ĐKT" (Đoàn kiểm tra).
 */
export function issuerSuggestions(inspection: Pick<Inspection, 'unit' | 'team'>): Required<Issuer> {
  const leader = inspection.team.find((m) => m.role === 'leader');
  return { parentAgency: provincialCommittee(inspection.unit.province), agency: leader?.agency || 'Sở Nội vụ', symbol: 'ĐKT' };
}

/**
 * A record finalized before the issuing fields were required, without them: it printed the
 * province's committee, the leader's agency and "ĐKT" then, and prints the same now.
 */
function legacy(inspection: Pick<Inspection, 'issuer' | 'status' | 'unit' | 'team'>): Required<Issuer> | null {
  if (inspection.status !== 'finalized' || inspection.issuer !== undefined) return null;
  return { ...issuerSuggestions(inspection), parentAgency: `UBND ${inspection.unit.province}` };
}

/** Who issues the record as its header prints it. */
export function printedIssuer(inspection: Pick<Inspection, 'issuer' | 'status' | 'unit' | 'team'>): Required<Issuer> {
  return legacy(inspection) ?? issuerOf(inspection);
}

/** "Số: 15/BB-ĐKT"; a draft without its number or symbol shows dots to fill in by hand. */
export function recordNumberLine(inspection: Pick<Inspection, 'recordNumber' | 'issuer' | 'status' | 'unit' | 'team'>): string {
  if (legacy(inspection)) return `Số: ${inspection.recordNumber.trim() || '        '}/BB-ĐKT`;
  return `Số: ${inspection.recordNumber.trim() || BLANK}/BB-${issuerOf(inspection).symbol || BLANK}`;
}

/**
 * The place in the "Xã …, ngày … tháng … năm …" line: the commune or ward the unit is in ("Trung
 * tâm Phục vụ hành chính công phường Bình Thủy" is in "Phường Bình Thủy"), else its name without
 * "UBND".
 */
export function placeName(inspection: Pick<Inspection, 'unit'>): string {
  const commune = /(?:^|\s)((?:xã|phường|đặc khu|thị trấn)\s+\S.*)$/iu.exec(inspection.unit.name.trim())?.[1];
  const name = commune ?? (inspection.unit.name.replace(/^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+/iu, '').trim() || inspection.unit.name);
  return name.charAt(0).toLocaleUpperCase('vi') + name.slice(1);
}

/** The header in one line, as the app shows it before printing: "UBND … · SỞ NỘI VỤ · Số: 15/BB-ĐKT". */
export function issueLine(inspection: Pick<Inspection, 'recordNumber' | 'issuer' | 'status' | 'unit' | 'team'>): string {
  const issuer = printedIssuer(inspection);
  return `${issuer.parentAgency.toLocaleUpperCase('vi') || BLANK} · ${issuer.agency.toLocaleUpperCase('vi') || BLANK} · ${recordNumberLine(inspection)}`;
}

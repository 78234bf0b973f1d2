import { describe, expect, it } from 'vitest';
import { sampleNewInspectionInput } from '../inspection/sample';
import { buildDraftInspection } from '../inspection/new-inspection';
import { toAscii } from './ascii';
import { imageInfo } from './image-info';
import { issuerOf, issuerSuggestions, placeName, provincialCommittee, recordNumberLine } from './issuer';

describe('toAscii', () => {
  it('writes Vietnamese without diacritics, and nothing a PDF string could choke on', () => {
    expect(toAscii('Nguyễn Thị Ánh Tuyết – Đoàn kiểm tra')).toBe('Nguyen Thi Anh Tuyet ? Doan kiem tra');
    expect(toAscii('a (b) \\ c')).toBe('a b c');
    expect(toAscii('x'.repeat(500))).toHaveLength(200);
  });
});

describe('imageInfo', () => {
  it('reads JPEG and PNG sizes from their headers and refuses anything else', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 1, 44, 0, 0, 0, 120]);
    expect(imageInfo(png)).toEqual({ format: 'PNG', width: 300, height: 120 });
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0x04, 0xb0, 0x06, 0x40, 3, 0, 0, 0]);
    expect(imageInfo(jpeg)).toEqual({ format: 'JPEG', width: 1600, height: 1200 });
    expect(imageInfo(new TextEncoder().encode('<svg/>'))).toBeNull();
    expect(imageInfo(new Uint8Array([0xff, 0xd8, 0xff]))).toBeNull();
  });
});

describe('record header', () => {
  const inspection = buildDraftInspection(sampleNewInspectionInput(), { arrivedAt: new Date('2026-11-23T00:35:00Z'), monotonicMs: 1, now: new Date('2026-11-23T00:35:00Z') });
  it('guesses nothing: blanks print as dots, and the usual values are only suggestions', () => {
    expect(issuerOf(inspection)).toEqual({ parentAgency: '', agency: '', symbol: '' });
    expect(recordNumberLine(inspection)).toBe('Số: ……/BB-……');
    expect(issuerSuggestions(inspection)).toEqual({ parentAgency: 'UBND thành phố Cần Thơ', agency: 'Sở Nội vụ', symbol: 'ĐKT' });
    expect(['An Giang', 'Tỉnh Lào Cai', 'Hồ Chí Minh', 'TP. Hà Nội', 'Thành phố Huế'].map(provincialCommittee)).toEqual(['UBND tỉnh An Giang', 'UBND tỉnh Lào Cai', 'UBND thành phố Hồ Chí Minh', 'UBND thành phố Hà Nội', 'UBND thành phố Huế']);
    expect(placeName(inspection)).toBe('Xã Tân Phước Hưng');
    expect(placeName({ unit: { ...inspection.unit, name: 'Trung tâm Phục vụ hành chính công phường Bình Thủy' } })).toBe('Phường Bình Thủy');
    expect(placeName({ unit: { ...inspection.unit, name: 'UBND Đặc khu Phú Quốc' } })).toBe('Đặc khu Phú Quốc');
  });
  it('prints what the team entered', () => {
    const withIssuer = { ...inspection, recordNumber: '15', issuer: { parentAgency: 'UBND thành phố Cần Thơ', agency: 'Sở Nội vụ', symbol: 'SNV' } };
    expect(recordNumberLine(withIssuer)).toBe('Số: 15/BB-SNV');
    expect(issuerOf(withIssuer).parentAgency).toBe('UBND thành phố Cần Thơ');
  });
});

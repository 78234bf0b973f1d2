import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeWindows1258 } from '../../tests/support/windows-1258';
import { decodeText, windows1258 } from './decode';

const NAMES = 'Họ và tên\nNguyễn Thị Ánh Tuyết\nĐặng Quốc Bảo\nTrương Văn Hưng\nLê Hoàng Yến\nVõ Thị Thu Hằng\nPhạm Minh Khôi\nƯng Hoàng Phúc\n';

const utf16 = (text: string, bigEndian: boolean) => {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return new Uint8Array(bigEndian ? Buffer.from(le).swap16() : le);
};

describe('decoding a roster file', () => {
  it('reads UTF-8 with and without a byte-order mark', () => {
    expect(decodeText(new TextEncoder().encode(NAMES))).toEqual({ ok: true, text: NAMES, encoding: 'utf-8' });
    expect(decodeText(new TextEncoder().encode(`\uFEFF${NAMES}`))).toEqual({ ok: true, text: NAMES, encoding: 'utf-8-bom' });
  });

  it('reads UTF-16 little- and big-endian by their byte-order mark', () => {
    expect(decodeText(utf16(NAMES, false))).toEqual({ ok: true, text: NAMES, encoding: 'utf-16le' });
    expect(decodeText(utf16(NAMES, true))).toEqual({ ok: true, text: NAMES, encoding: 'utf-16be' });
    expect(decodeText(utf16('Hồ 𠀧', true))).toMatchObject({ text: 'Hồ 𠀧' });
  });

  it('reads Windows-1258 Vietnamese names, tone marks and all, as the same NFC text as the UTF-8 file', () => {
    const bytes = new Uint8Array(encodeWindows1258(NAMES));
    // The code page really writes combining marks here (0xF2 dot below in "Đặng", 0xDE tilde in "Nguyễn").
    expect(bytes).toContain(0xf2);
    expect(bytes).toContain(0xde);
    const fromUtf8 = decodeText(new TextEncoder().encode(NAMES));
    expect(decodeText(bytes)).toEqual({ ...fromUtf8, encoding: 'windows-1258' });
    expect(new TextDecoder('windows-1258').decode(bytes)).not.toBe(NAMES);
    expect(decodeText(new Uint8Array([0xd0, 0xe3, 0xf2, 0x6e, 0x67]))).toMatchObject({ text: 'Đặng' });
  });

  it('uses the same Windows-1258 table as the WHATWG decoder, byte for byte', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(windows1258(all)).toBe(new TextDecoder('windows-1258').decode(all));
  });

  it('refuses what is not text instead of reading it as garbage', () => {
    // UTF-16 without its mark, as some tools write it, and a ZIP (an XLSX renamed .csv).
    expect(decodeText(new Uint8Array(Buffer.from('Họ và tên\n', 'utf16le')))).toEqual({ ok: false, problem: { code: 'notText' } });
    expect(decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))).toEqual({ ok: false, problem: { code: 'notText' } });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0xc3, 0x28]))).toEqual({ ok: false, problem: { code: 'notText' } });
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x41]))).toEqual({ ok: false, problem: { code: 'badUtf16' } });
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]))).toEqual({ ok: false, problem: { code: 'badUtf16' } });
  });

  it('gives back any Vietnamese text in each of the encodings, NFC', () => {
    const letters = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ ,;"\n'];
    const marks = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
    const word = fc.array(fc.tuple(fc.constantFrom(...letters), fc.constantFrom(...marks)), { maxLength: 40 }).map((parts) => parts.map(([l, m]) => (/[a-zA-ZăâđêôơưĂÂĐÊÔƠƯ]/.test(l) ? l + m : l)).join('').normalize('NFC'));
    fc.assert(
      fc.property(word, (text) => {
        for (const bytes of [new TextEncoder().encode(text), utf16(text, false), utf16(text, true), new Uint8Array(encodeWindows1258(text))]) {
          const decoded = decodeText(bytes);
          expect(decoded.ok && decoded.text).toBe(text);
        }
      }),
    );
  });
});

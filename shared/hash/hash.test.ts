import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, CanonicalJsonError } from './canonical-json';
import { canonicalHash, sha256Hex } from './sha256';

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and drops whitespace', () => {
    // Key ordering example from RFC 8785 §3.2.3.
    const value = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' };
    // (JSON.parse would reorder the integer-like key "1", so the order is read off the text.)
    const keys = [...canonicalJson(value).matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
    expect(keys).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
    expect(canonicalJson(value)).not.toMatch(/\s(?=["{}:,])/);
  });

  it('serialises numbers and strings as ECMAScript does', () => {
    // Values from RFC 8785 §3.2.2 and Appendix B.
    expect(canonicalJson({ numbers: [1e9 / 3, 1e30, 4.5, 2e-3, 0.000001, 1e-7, -0, 9007199254740991] })).toBe(
      '{"numbers":[333333333.3333333,1e+30,4.5,0.002,0.000001,1e-7,0,9007199254740991]}',
    );
    expect(canonicalJson({ s: '\u20ac$\u000f\nA\'B"\\\\"/' })).toBe('{"s":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
    expect(canonicalJson({ b: [true, false, null], nested: { z: 1, a: { y: 2, b: 3 } } })).toBe(
      '{"b":[true,false,null],"nested":{"a":{"b":3,"y":2},"z":1}}',
    );
  });

  it('leaves out undefined properties, as JSON does, and refuses what JSON cannot hold', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(() => canonicalJson({ a: NaN })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ a: new Date() })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ a: '\ud800' })).toThrow(/lone surrogate/);
    expect(() => canonicalJson({ a: 1n })).toThrow(CanonicalJsonError);
  });

  it('gives the same bytes whatever order the record was built in', () => {
    expect(canonicalJson({ b: 'Bình', a: ['Đức'] })).toBe(canonicalJson({ a: ['Đức'], b: 'Bình' }));
  });
});

describe('SHA-256', () => {
  it('matches Node crypto over the UTF-8 bytes', async () => {
    const text = 'Biên bản kiểm tra — Nguyễn Thị Ánh Tuyết';
    expect(await sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(await canonicalHash({ b: 1, a: 'Đ' })).toBe(createHash('sha256').update('{"a":"Đ","b":1}').digest('hex'));
  });
});

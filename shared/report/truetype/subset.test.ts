import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCmap } from './cmap';
import { FontFormatError } from './sfnt';
import { postScriptNameOf, subsetTag, subsetTrueType } from './subset';

const fontFile = (name: string) => new Uint8Array(readFileSync(new URL(`../../../build/fonts/${name}`, import.meta.url)));
const regular = fontFile('LiberationSerif-Regular.ttf');

/**
 * A reader written apart from the subsetter's own, so the subset is checked against the
 * OpenType specification rather than against the code that wrote it.
 */
function parse(font: Uint8Array) {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = new Map<string, { offset: number; length: number; checksum: number; bytes: Uint8Array }>();
  for (let i = 0; i < view.getUint16(4); i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(...font.subarray(at, at + 4));
    const offset = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    tables.set(tag, { offset, length, checksum: view.getUint32(at + 4), bytes: font.subarray(offset, offset + length) });
  }
  const at = (tag: string) => tables.get(tag)!.offset;
  const numGlyphs = view.getUint16(at('maxp') + 4);
  const longLoca = view.getInt16(at('head') + 50) === 1;
  const loca = (g: number) => (longLoca ? view.getUint32(at('loca') + 4 * g) : 2 * view.getUint16(at('loca') + 2 * g));
  const longMetrics = view.getUint16(at('hhea') + 34);
  return {
    view,
    tables,
    numGlyphs,
    longMetrics,
    outline: (g: number) => font.subarray(at('glyf') + loca(g), at('glyf') + loca(g + 1)),
    advance: (g: number) => view.getUint16(at('hmtx') + 4 * Math.min(g, longMetrics - 1)),
    cmap: readCmap(tables.get('cmap')!.bytes),
  };
}

/** Sum of big-endian words, the tail padded with zeros (OpenType "Calculating checksums"). */
function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 4) {
    const word = ((bytes[i] ?? 0) * 2 ** 24) + ((bytes[i + 1] ?? 0) << 16) + ((bytes[i + 2] ?? 0) << 8) + (bytes[i + 3] ?? 0);
    sum = (sum + word) % 2 ** 32;
  }
  return sum;
}

const original = parse(regular);
const glyphOf = (ch: string) => original.cmap.get(ch.codePointAt(0)!)!;
const glyphsOf = (text: string) => [...text].map(glyphOf);

function expectValidChecksums(font: Uint8Array): void {
  const { tables } = parse(font);
  for (const [tag, t] of tables) {
    const data = tag === 'head' ? Uint8Array.from(t.bytes, (b, i) => (i >= 8 && i < 12 ? 0 : b)) : t.bytes;
    expect(checksum(data), tag).toBe(t.checksum);
  }
  expect(checksum(font)).toBe(0xb1b0afba);
}

describe('the TrueType subsetter', () => {
  const text = 'Biên bản kiểm tra công vụ: ệ Ế ỹ ữ';
  const subset = subsetTrueType(regular, glyphsOf(text));
  const parsed = parse(subset);

  it('keeps only the tables a PDF viewer needs, on 4-byte boundaries, in tag order', () => {
    expect([...parsed.tables.keys()]).toEqual(['OS/2', 'cmap', 'cvt ', 'fpgm', 'gasp', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'name', 'post', 'prep']);
    for (const t of parsed.tables.values()) expect(t.offset % 4).toBe(0);
    // The hinting programs are the original ones, byte for byte.
    for (const tag of ['cvt ', 'fpgm', 'prep', 'OS/2']) expect(parsed.tables.get(tag)!.bytes).toEqual(original.tables.get(tag)!.bytes);
    expect(parsed.view.getUint32(parsed.tables.get('post')!.offset)).toBe(0x00030000);
    expect(postScriptNameOf(subset)).toBe('LiberationSerif');
    expect(subset.length).toBeLessThan(regular.length / 8);
  });

  it('has every table checksum and head.checkSumAdjustment right', () => {
    expectValidChecksums(subset);
  });

  it('keeps glyph ids: as many glyphs as the highest kept id, used outlines and widths unchanged, the rest empty', () => {
    const used = glyphsOf(text);
    // The highest kept glyph is the last: here 2583, the circumflex with hook above that ể is built
    // from, not a character of the text.
    expect(Math.max(...used)).toBeLessThan(2583);
    expect(parsed.numGlyphs).toBe(2584);
    expect(parsed.outline(2583)).toEqual(original.outline(2583));
    expect(parsed.longMetrics).toBe(parsed.numGlyphs);
    for (const g of [0, ...used]) {
      expect(parsed.outline(g).subarray(0, original.outline(g).length), `glyph ${g}`).toEqual(original.outline(g));
      expect(parsed.advance(g), `advance of glyph ${g}`).toBe(original.advance(g));
    }
    for (const unused of 'AQZxjw') {
      expect(original.outline(glyphOf(unused)).length).toBeGreaterThan(0);
      expect(parsed.outline(glyphOf(unused)), unused).toHaveLength(0);
    }
  });

  it('keeps the components of composite glyphs, though no text uses them alone', () => {
    // ệ is drawn from e, the dot below and the circumflex; only ệ is asked for.
    const alone = parse(subsetTrueType(regular, [glyphOf('ệ')]));
    for (const g of [glyphOf('e'), 648, 741]) {
      expect(original.outline(g).length).toBeGreaterThan(0);
      expect(alone.outline(g).subarray(0, original.outline(g).length), `component ${g}`).toEqual(original.outline(g));
    }
    expect(alone.outline(glyphOf('a'))).toHaveLength(0);
  });

  it('maps exactly the characters of the kept glyphs in its cmap', () => {
    const kept = new Set(glyphsOf(text));
    for (let g = 0; g < parsed.numGlyphs; g++) if (parsed.outline(g).length > 0) kept.add(g);
    const expected = [...original.cmap].filter(([, g]) => kept.has(g));
    expect([...parsed.cmap].sort((a, b) => a[0] - b[0])).toEqual(expected.sort((a, b) => a[0] - b[0]));
    for (const ch of text) expect(parsed.cmap.get(ch.codePointAt(0)!), ch).toBe(glyphOf(ch));
  });

  it('gives the same bytes and tag for the same glyphs, whatever their order and repeats', () => {
    const again = subsetTrueType(regular, [...glyphsOf(text)].reverse().concat(glyphsOf(text)));
    expect(Buffer.compare(Buffer.from(again), Buffer.from(subset))).toBe(0);
    expect(subsetTag(again)).toBe(subsetTag(subset));
    expect(subsetTag(subset)).toMatch(/^[A-Z]{6}$/);
    expect(subsetTag(subsetTrueType(regular, glyphsOf('Hạnh phúc')))).not.toBe(subsetTag(subset));
  });

  it('refuses glyph ids outside the font and files that are not TrueType', () => {
    expect(() => subsetTrueType(regular, [original.numGlyphs])).toThrow(FontFormatError);
    expect(() => subsetTrueType(regular, [-1])).toThrow(FontFormatError);
    expect(() => subsetTrueType(regular, [1.5])).toThrow(FontFormatError);
    const otf = regular.slice();
    otf.set([0x4f, 0x54, 0x54, 0x4f]);
    expect(() => subsetTrueType(otf, [1])).toThrow(/Not a TrueType font/);
    expect(() => subsetTrueType(regular.subarray(0, 2000), [1])).toThrow(FontFormatError);
    // Every format 4 cmap subtable claiming more segments than its table holds.
    const overlong = regular.slice();
    const view = new DataView(overlong.buffer);
    const cmap = original.tables.get('cmap')!.offset;
    for (let i = 0; i < view.getUint16(cmap + 2); i++) {
      const subtable = cmap + view.getUint32(cmap + 8 + 8 * i);
      if (view.getUint16(subtable) === 4) view.setUint16(subtable + 6, 0xfffe);
    }
    expect(() => subsetTrueType(overlong, [1])).toThrow(/The font is malformed/);
  });

  it('subsets any set of the fonts characters into a valid font that draws them as before', () => {
    const bold = fontFile('LiberationSerif-BoldItalic.ttf');
    const source = parse(bold);
    const boldMap = [...source.cmap];
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...boldMap), { minLength: 1, maxLength: 60 }), (chosen) => {
        const font = subsetTrueType(bold, chosen.map(([, g]) => g));
        expectValidChecksums(font);
        const back = parse(font);
        for (const [code, g] of chosen) {
          expect(back.cmap.get(code)).toBe(g);
          expect(back.outline(g).subarray(0, source.outline(g).length)).toEqual(source.outline(g));
          expect(back.advance(g)).toBe(source.advance(g));
        }
      }),
      { numRuns: 40, seed: 20261123 },
    );
  });
});

import { dataView, FontFormatError } from './sfnt';

/** Where each glyph's outline starts in glyf; entry n + 1 is where glyph n ends. */
export function readLoca(loca: Uint8Array, numGlyphs: number, longFormat: boolean, glyfLength: number): Uint32Array {
  const entrySize = longFormat ? 4 : 2;
  if (loca.length < (numGlyphs + 1) * entrySize) throw new FontFormatError(`The loca table is too short for ${numGlyphs} glyphs`);
  const view = dataView(loca);
  const offsets = new Uint32Array(numGlyphs + 1);
  for (let g = 0; g <= numGlyphs; g++) {
    offsets[g] = longFormat ? view.getUint32(4 * g) : 2 * view.getUint16(2 * g);
    if (offsets[g]! > glyfLength || (g > 0 && offsets[g]! < offsets[g - 1]!)) throw new FontFormatError(`The loca entry of glyph ${g} is out of order or past the end of glyf`);
  }
  return offsets;
}

// Composite glyph flags (OpenType glyf table).
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** The glyphs a composite glyph is built from; none for a simple or empty glyph. */
export function componentGlyphIds(glyph: Uint8Array): number[] {
  if (glyph.length < 10) return [];
  const view = dataView(glyph);
  if (view.getInt16(0) >= 0) return [];
  const components: number[] = [];
  let at = 10;
  for (;;) {
    if (at + 4 > glyph.length) throw new FontFormatError('A composite glyph ends in the middle of a component');
    const flags = view.getUint16(at);
    components.push(view.getUint16(at + 2));
    at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) at += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
    if (!(flags & MORE_COMPONENTS)) return components;
  }
}

/** The glyphs given plus every glyph their composites are built from, however deep. */
export function withComponents(glyf: Uint8Array, offsets: Uint32Array, glyphIds: Iterable<number>): Set<number> {
  const numGlyphs = offsets.length - 1;
  const kept = new Set<number>();
  const pending = [...glyphIds];
  while (pending.length > 0) {
    const g = pending.pop()!;
    if (kept.has(g)) continue;
    if (!Number.isInteger(g) || g < 0 || g >= numGlyphs) throw new FontFormatError(`Glyph ${g} is not in this font of ${numGlyphs} glyphs`);
    kept.add(g);
    pending.push(...componentGlyphIds(glyf.subarray(offsets[g], offsets[g + 1])));
  }
  return kept;
}

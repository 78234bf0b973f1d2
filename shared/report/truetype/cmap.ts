import { dataView, FontFormatError } from './sfnt';

/** Unicode code point → glyph id. */
export type CharacterMap = ReadonlyMap<number, number>;

function readFormat4(view: DataView, at: number, into: Map<number, number>): void {
  const segCount = view.getUint16(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + 2 * segCount + 2;
  const deltas = starts + 2 * segCount;
  const rangeOffsets = deltas + 2 * segCount;
  for (let s = 0; s < segCount; s++) {
    const start = view.getUint16(starts + 2 * s);
    const end = view.getUint16(ends + 2 * s);
    const delta = view.getUint16(deltas + 2 * s);
    const rangeOffset = view.getUint16(rangeOffsets + 2 * s);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        // idRangeOffset counts from its own place in the array (OpenType cmap format 4).
        const raw = view.getUint16(rangeOffsets + 2 * s + rangeOffset + 2 * (c - start));
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) into.set(c, glyph);
    }
  }
}

function readFormat12(view: DataView, at: number, into: Map<number, number>): void {
  const groups = view.getUint32(at + 12);
  for (let g = 0; g < groups; g++) {
    const group = at + 16 + 12 * g;
    const start = view.getUint32(group);
    const end = view.getUint32(group + 4);
    const glyph = view.getUint32(group + 8);
    for (let c = start; c <= end; c++) into.set(c, glyph + c - start);
  }
}

/**
 * The font's Unicode mapping: the full-repertoire subtable (format 12) where there is one, else
 * the BMP one (format 4); empty when the font has neither.
 */
export function readCmap(cmap: Uint8Array): CharacterMap {
  const view = dataView(cmap);
  let best: { score: number; at: number; format: number } | undefined;
  const count = view.getUint16(2);
  for (let i = 0; i < count; i++) {
    const platform = view.getUint16(4 + 8 * i);
    const encoding = view.getUint16(6 + 8 * i);
    const at = view.getUint32(8 + 8 * i);
    const format = view.getUint16(at);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    const score = !unicode ? 0 : format === 12 ? 2 : format === 4 ? 1 : 0;
    if (score > (best?.score ?? 0)) best = { score, at, format };
  }
  const map = new Map<number, number>();
  if (best?.format === 4) readFormat4(view, best.at, map);
  else if (best?.format === 12) readFormat12(view, best.at, map);
  return map;
}

interface Run {
  start: number;
  end: number;
  glyph: number;
}

/** Consecutive code points that map to consecutive glyphs, in code point order. */
function runs(entries: ReadonlyArray<readonly [number, number]>): Run[] {
  const result: Run[] = [];
  for (const [code, glyph] of entries) {
    const last = result.at(-1);
    if (last && code === last.end + 1 && glyph === last.glyph + code - last.start) last.end = code;
    else result.push({ start: code, end: code, glyph });
  }
  return result;
}

function format4(entries: ReadonlyArray<readonly [number, number]>): Uint8Array {
  const segments = [...runs(entries.filter(([code]) => code < 0xffff)), { start: 0xffff, end: 0xffff, glyph: 0 }];
  const segCount = segments.length;
  const length = 16 + 8 * segCount;
  if (length > 0xffff) throw new FontFormatError(`A format 4 cmap of ${segCount} segments does not fit in 64 KB`);
  const out = new Uint8Array(length);
  const view = dataView(out);
  const searchRange = 2 * 2 ** Math.floor(Math.log2(segCount));
  view.setUint16(0, 4);
  view.setUint16(2, length);
  view.setUint16(6, 2 * segCount);
  view.setUint16(8, searchRange);
  view.setUint16(10, Math.log2(searchRange / 2));
  view.setUint16(12, 2 * segCount - searchRange);
  const starts = 16 + 2 * segCount;
  segments.forEach((s, i) => {
    view.setUint16(14 + 2 * i, s.end);
    view.setUint16(starts + 2 * i, s.start);
    // The final 0xFFFF segment maps to glyph 0: delta 1 wraps 0xFFFF round to it.
    view.setUint16(starts + 2 * segCount + 2 * i, s.start === 0xffff ? 1 : (s.glyph - s.start) & 0xffff);
    // idRangeOffset stays 0: every segment is a delta run.
  });
  return out;
}

function format12(entries: ReadonlyArray<readonly [number, number]>): Uint8Array {
  const groups = runs(entries);
  const out = new Uint8Array(16 + 12 * groups.length);
  const view = dataView(out);
  view.setUint16(0, 12);
  view.setUint32(4, out.length);
  view.setUint32(12, groups.length);
  groups.forEach((g, i) => {
    view.setUint32(16 + 12 * i, g.start);
    view.setUint32(20 + 12 * i, g.end);
    view.setUint32(24 + 12 * i, g.glyph);
  });
  return out;
}

/**
 * A cmap table for the mapping: a Windows BMP subtable (format 4), plus a full-repertoire one
 * (format 12) only when a code point lies beyond the BMP.
 */
export function writeCmap(map: CharacterMap): Uint8Array {
  const entries = [...map].sort((a, b) => a[0] - b[0]);
  const subtables: Array<[number, Uint8Array]> = [[1, format4(entries)]];
  if (entries.some(([code]) => code > 0xffff)) subtables.push([10, format12(entries)]);
  const header = 4 + 8 * subtables.length;
  const out = new Uint8Array(subtables.reduce((n, [, t]) => n + t.length, header));
  const view = dataView(out);
  view.setUint16(2, subtables.length);
  let at = header;
  subtables.forEach(([encoding, table], i) => {
    view.setUint16(4 + 8 * i, 3);
    view.setUint16(6 + 8 * i, encoding);
    view.setUint32(8 + 8 * i, at);
    out.set(table, at);
    at += table.length;
  });
  return out;
}

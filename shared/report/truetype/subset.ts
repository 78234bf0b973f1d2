import { sha256 } from '@noble/hashes/sha2.js';
import { readCmap, writeCmap } from './cmap';
import { readLoca, withComponents } from './glyf';
import { readPostScriptName, writeMinimalName } from './name-table';
import { dataView, FontFormatError, readSfnt, requiredTable, writeSfnt } from './sfnt';

// Field offsets (OpenType head, hhea, maxp and post tables).
const HEAD_INDEX_TO_LOC_FORMAT = 50;
const HHEA_NUMBER_OF_H_METRICS = 34;
const MAXP_NUM_GLYPHS = 4;
const POST_HEADER = 32;

/** Tables copied as they are: OS/2 metrics, and the hinting programs with their data. */
const COPIED_TABLES = ['OS/2', 'cvt ', 'fpgm', 'prep', 'gasp'];

const copy = (bytes: Uint8Array) => new Uint8Array(bytes);
const pad4 = (n: number) => (n + 3) & ~3;

/** Advance width and left side bearing of each glyph id from hmtx (the tail shares the last advance). */
function metricOf(hmtx: Uint8Array, longMetrics: number, glyph: number): [number, number] {
  const view = dataView(hmtx);
  if (glyph < longMetrics) return [view.getUint16(4 * glyph), view.getInt16(4 * glyph + 2)];
  return [view.getUint16(4 * (longMetrics - 1)), view.getInt16(4 * longMetrics + 2 * (glyph - longMetrics))];
}

/**
 * A TrueType font holding only the outlines of the given glyphs, .notdef and the components
 * of any composite among them. Glyph ids stay as they were, for the PDF maps character codes
 * to glyphs one to one (CIDToGIDMap /Identity); every other glyph id below the highest kept
 * one is an empty outline with zero metrics. Kept: head, hhea, maxp, loca, glyf, hmtx, OS/2,
 * the hinting tables (cvt, fpgm, prep, gasp), a cmap of the kept glyphs' characters, post
 * format 3 (no glyph names) and a minimal name table. The same font and glyphs give the same
 * bytes.
 */
export function subsetTrueType(font: Uint8Array, glyphIds: Iterable<number>): Uint8Array {
  try {
    return subset(font, glyphIds);
  } catch (error) {
    // A table shorter than its own counts say: DataView reads past its end.
    if (error instanceof RangeError) throw new FontFormatError(`The font is malformed: ${error.message}`, { cause: error });
    throw error;
  }
}

function subset(font: Uint8Array, glyphIds: Iterable<number>): Uint8Array {
  const tables = readSfnt(font);
  const head = requiredTable(tables, 'head', 54);
  const hhea = requiredTable(tables, 'hhea', 36);
  const maxp = requiredTable(tables, 'maxp', 6);
  const glyf = requiredTable(tables, 'glyf', 0);
  const numGlyphs = dataView(maxp).getUint16(MAXP_NUM_GLYPHS);
  const longMetrics = dataView(hhea).getUint16(HHEA_NUMBER_OF_H_METRICS);
  if (longMetrics < 1 || longMetrics > numGlyphs) throw new FontFormatError(`hhea names ${longMetrics} horizontal metrics for ${numGlyphs} glyphs`);
  const hmtx = requiredTable(tables, 'hmtx', 4 * longMetrics + 2 * (numGlyphs - longMetrics));
  const offsets = readLoca(requiredTable(tables, 'loca', 0), numGlyphs, dataView(head).getInt16(HEAD_INDEX_TO_LOC_FORMAT) === 1, glyf.length);

  const kept = withComponents(glyf, offsets, [0, ...glyphIds]);
  const count = Math.max(...kept) + 1;

  const glyfSize = [...kept].reduce((n, g) => n + pad4(offsets[g + 1]! - offsets[g]!), 0);
  // Short offsets count in 2-byte units up to 0xFFFF; every glyph is padded to 4 bytes, so all are even.
  const shortLoca = glyfSize <= 2 * 0xffff;
  const newGlyf = new Uint8Array(glyfSize);
  const newLoca = new Uint8Array((count + 1) * (shortLoca ? 2 : 4));
  const newHmtx = new Uint8Array(4 * count);
  const locaView = dataView(newLoca);
  const hmtxView = dataView(newHmtx);
  let at = 0;
  for (let g = 0; g <= count; g++) {
    if (shortLoca) locaView.setUint16(2 * g, at / 2);
    else locaView.setUint32(4 * g, at);
    if (g === count || !kept.has(g)) continue;
    newGlyf.set(glyf.subarray(offsets[g], offsets[g + 1]), at);
    at += pad4(offsets[g + 1]! - offsets[g]!);
    const [advance, bearing] = metricOf(hmtx, longMetrics, g);
    hmtxView.setUint16(4 * g, advance);
    hmtxView.setInt16(4 * g + 2, bearing);
  }

  const newHead = copy(head);
  dataView(newHead).setInt16(HEAD_INDEX_TO_LOC_FORMAT, shortLoca ? 0 : 1);
  const newHhea = copy(hhea);
  dataView(newHhea).setUint16(HHEA_NUMBER_OF_H_METRICS, count);
  const newMaxp = copy(maxp);
  dataView(newMaxp).setUint16(MAXP_NUM_GLYPHS, count);

  const cmap = tables.get('cmap');
  const characters = new Map([...(cmap ? readCmap(cmap) : [])].filter(([, glyph]) => glyph !== 0 && kept.has(glyph)));
  const out = new Map<string, Uint8Array>([
    ['head', newHead],
    ['hhea', newHhea],
    ['maxp', newMaxp],
    ['loca', newLoca],
    ['glyf', newGlyf],
    ['hmtx', newHmtx],
    ['cmap', writeCmap(characters)],
    ['post', postFormat3(requiredTable(tables, 'post', POST_HEADER))],
    ['name', writeMinimalName(requiredTable(tables, 'name', 6))],
  ]);
  for (const tag of COPIED_TABLES) {
    const table = tables.get(tag);
    if (table) out.set(tag, table);
  }
  return writeSfnt(out);
}

/** The post header with its metrics kept and no glyph names (version 3.0). */
function postFormat3(post: Uint8Array): Uint8Array {
  const out = post.slice(0, POST_HEADER);
  const view = dataView(out);
  view.setUint32(0, 0x00030000);
  // The memory-usage hints describe the whole font.
  for (let i = 16; i < POST_HEADER; i += 4) view.setUint32(i, 0);
  return out;
}

/** The PostScript name of a TrueType font, e.g. "LiberationSerif-Bold". */
export function postScriptNameOf(font: Uint8Array): string {
  return readPostScriptName(requiredTable(readSfnt(font), 'name', 6));
}

/**
 * Six capital letters naming a subset, as the PDF specification asks (9.6.4): drawn from the
 * SHA-256 of the subset's bytes, so the same subset always gets the same tag.
 */
export function subsetTag(subset: Uint8Array): string {
  return Array.from(sha256(subset).subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

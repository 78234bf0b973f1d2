import type { Font, jsPDF } from 'jspdf';
import { postScriptNameOf, subsetTag, subsetTrueType } from './truetype/subset';

/** The bundled Times-metric family (Liberation Serif, SIL OFL 1.1), as TTF bytes. */
export interface ReportFonts {
  regular: Uint8Array;
  bold: Uint8Array;
  italic: Uint8Array;
  boldItalic: Uint8Array;
}

export const FONT_FAMILY = 'LiberationSerif';

/** File names of the bundled fonts under build/fonts/. */
export const FONT_FILES: Record<keyof ReportFonts, string> = {
  regular: 'LiberationSerif-Regular.ttf',
  bold: 'LiberationSerif-Bold.ttf',
  italic: 'LiberationSerif-Italic.ttf',
  boldItalic: 'LiberationSerif-BoldItalic.ttf',
};

const STYLES: Record<keyof ReportFonts, string> = { regular: 'normal', bold: 'bold', italic: 'italic', boldItalic: 'bolditalic' };

/** jsPDF reads fonts from its virtual file system as base64. */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The part of jsPDF's parsed TrueType font (TTFFont) that writes the embedded font program. */
interface FontProgramWriter {
  subset: { encode(glyphIds: number[], indexToLocFormat: number): ArrayLike<number> };
}

function isFontProgramWriter(metadata: unknown): metadata is FontProgramWriter {
  if (typeof metadata !== 'object' || metadata === null || !('subset' in metadata)) return false;
  const subset = metadata.subset;
  return typeof subset === 'object' && subset !== null && 'encode' in subset && typeof subset.encode === 'function';
}

/** A subsetting failure inside jsPDF's output, which jsPDF's event bus only logs. */
const failures = new WeakMap<jsPDF, unknown>();

/**
 * Has jsPDF embed only the glyphs the document uses, under a tagged PostScript name
 * ("ABCDEF+LiberationSerif-Bold"). jsPDF's own subset keeps every table of the font whole and
 * names all four styles alike; it calls `subset.encode` just before it writes /FontName and
 * /BaseFont from `fontName`, so that is where the tag goes in.
 */
function embedAsSubset(doc: jsPDF, font: Font, bytes: Uint8Array): () => void {
  const metadata: unknown = font.metadata;
  if (!isFontProgramWriter(metadata)) throw new Error(`jsPDF did not parse ${font.postScriptName} as a TrueType font`);
  const family = font.fontName;
  const postScriptName = postScriptNameOf(bytes);
  metadata.subset = {
    encode: (glyphIds) => {
      try {
        const subset = subsetTrueType(bytes, glyphIds);
        font.fontName = `${subsetTag(subset)}+${postScriptName}`;
        return subset;
      } catch (error) {
        failures.set(doc, error);
        throw error;
      }
    },
  };
  // After output the font answers to its family name again, for setFont and getFont.
  return () => {
    font.fontName = family;
  };
}

/** Embeds the four styles, each as a subset of the glyphs used: jsPDF's built-in fonts cannot show Vietnamese. */
export function registerFonts(doc: jsPDF, fonts: ReportFonts): void {
  const restores: Array<() => void> = [];
  for (const key of Object.keys(STYLES) as Array<keyof ReportFonts>) {
    const file = FONT_FILES[key];
    doc.addFileToVFS(file, toBase64(fonts[key]));
    doc.addFont(file, FONT_FAMILY, STYLES[key]);
    doc.setFont(FONT_FAMILY, STYLES[key]);
    restores.push(embedAsSubset(doc, doc.getFont(), fonts[key]));
  }
  doc.internal.events.subscribe('postPutResources', () => restores.forEach((restore) => restore()));
  doc.setFont(FONT_FAMILY, 'normal');
}

/** The document as PDF bytes; throws where a font could not be subset rather than give a PDF without it. */
export function outputPdf(doc: jsPDF): Uint8Array {
  failures.delete(doc);
  const bytes = new Uint8Array(doc.output('arraybuffer'));
  const failure = failures.get(doc);
  if (failure !== undefined) throw new Error('A report font could not be embedded', { cause: failure });
  return bytes;
}

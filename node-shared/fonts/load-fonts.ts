import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FONT_FILES, type ReportFonts } from '../../shared/report/fonts';

/** The bundled report fonts (build/fonts), for PDFs made in Node: npm run report, the hub's CLI, tests. */
export function loadFonts(dir = resolve(import.meta.dirname, '../../build/fonts')): ReportFonts {
  const read = (key: keyof ReportFonts) => new Uint8Array(readFileSync(resolve(dir, FONT_FILES[key])));
  return { regular: read('regular'), bold: read('bold'), italic: read('italic'), boldItalic: read('boldItalic') };
}

import type { jsPDF } from 'jspdf';

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

/** Embeds the four styles: jsPDF's built-in fonts cannot show Vietnamese. */
export function registerFonts(doc: jsPDF, fonts: ReportFonts): void {
  for (const key of Object.keys(STYLES) as Array<keyof ReportFonts>) {
    const file = FONT_FILES[key];
    doc.addFileToVFS(file, toBase64(fonts[key]));
    doc.addFont(file, FONT_FAMILY, STYLES[key]);
  }
  doc.setFont(FONT_FAMILY, 'normal');
}

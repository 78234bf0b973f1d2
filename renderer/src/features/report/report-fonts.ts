import type { ReportFonts } from '@shared/report/fonts';
import regularUrl from '../../../../build/fonts/LiberationSerif-Regular.ttf?url';
import boldUrl from '../../../../build/fonts/LiberationSerif-Bold.ttf?url';
import italicUrl from '../../../../build/fonts/LiberationSerif-Italic.ttf?url';
import boldItalicUrl from '../../../../build/fonts/LiberationSerif-BoldItalic.ttf?url';

let loading: Promise<ReportFonts> | null = null;

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`err.report.fonts: ${url} ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The bundled fonts, fetched from the app itself once and kept for the session (about 1.5 MB). */
export function loadReportFonts(): Promise<ReportFonts> {
  loading ??= Promise.all([fetchBytes(regularUrl), fetchBytes(boldUrl), fetchBytes(italicUrl), fetchBytes(boldItalicUrl)]).then(
    ([regular, bold, italic, boldItalic]) => ({ regular, bold, italic, boldItalic }),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

import { finalizeRecord } from '../../shared/inspection/finalize';
import type { InspectionRecord } from '../../shared/inspection/record';
import { sampleCompleteRecord } from '../../shared/inspection/sample';
import { defaultLegalBases } from '../../shared/legal-bases/default-legal-bases';
import { loadFonts } from '../../node-shared/fonts/load-fonts';
import { buildRecordPdf } from '../../shared/report/record-pdf';
import { sha256HexSync } from '../../shared/hash/sha256-sync';
import { builtInTemplates } from '../../shared/templates';
import { templateRef, type Template } from '../../shared/schemas';
import { makeJpeg, makeSignaturePng } from './node-images';

export { loadFonts };

/**
 * A finalized sample record with real drawn signatures and `photos` JPEG photos (report copies of
 * 1600×1200), and the blobs it refers to.
 */
export function sampleRecordWithBlobs(
  options: { photos?: number; photoQuality?: number; staff?: number; templates?: readonly Template[]; mutate?: (r: InspectionRecord) => void } = {},
) {
  const record = sampleCompleteRecord({ staff: options.staff ?? 8 });
  const blobs = new Map<string, Uint8Array>();
  record.signatures = record.signatures.map((s, n) => {
    if (s.mark.kind !== 'drawn') return s;
    const png = makeSignaturePng(300, 120, n + 1);
    const sha = sha256HexSync(png);
    blobs.set(sha, png);
    return { ...s, mark: { kind: 'drawn', imageSha256: sha } };
  });
  const items = record.findings.map((f) => f.itemCode);
  for (let p = 0; p < (options.photos ?? 0); p++) {
    const jpeg = makeJpeg(1600, 1200, p + 1, options.photoQuality ?? 80, 6);
    const sha = sha256HexSync(jpeg);
    blobs.set(sha, jpeg);
    record.attachments.push({
      sha256: sha,
      inspectionId: record.inspection.id,
      revision: record.inspection.revision,
      itemCode: items[p % items.length],
      mime: 'image/jpeg',
      size: jpeg.length,
      caption: `Ảnh hiện trường số ${p + 1}: bàn tiếp dân`,
      takenAt: '2026-11-23T07:40:00+07:00',
      createdAt: `2026-11-23T07:4${p % 10}:00+07:00`,
    });
  }
  options.mutate?.(record);
  const templates = new Map((options.templates ?? builtInTemplates).map((t) => [templateRef(t), t]));
  const result = finalizeRecord(record, templates, '2026-11-23T10:10:00.000+07:00');
  if (!result.ok) throw new Error(`sample record not finalizable: ${JSON.stringify(result.problems)}`);
  return { record: result.record, blobs };
}

export function buildSamplePdf(record: InspectionRecord, blobs: ReadonlyMap<string, Uint8Array>): Uint8Array {
  return buildRecordPdf({ record, templates: builtInTemplates, legalBases: defaultLegalBases, fonts: loadFonts(), blob: (sha) => blobs.get(sha) });
}

import { finalizeRecord } from '../../shared/inspection/finalize';
import type { InspectionRecord } from '../../shared/inspection/record';
import { sampleCompleteRecord } from '../../shared/inspection/sample';
import { sha256HexSync } from '../../shared/hash/sha256-sync';
import { templateRef } from '../../shared/schemas';
import { builtInTemplates } from '../../shared/templates';
import { makeJpeg, makeSignaturePng } from './node-images';

/** A copy of a JPEG made unique by a comment segment after its start marker: a distinct photo to the hub, instantly. */
export function uniqueJpeg(base: Uint8Array, tag: string): Uint8Array {
  const text = new TextEncoder().encode(tag);
  const segment = new Uint8Array(4 + text.length);
  segment.set([0xff, 0xfe, ((text.length + 2) >> 8) & 0xff, (text.length + 2) & 0xff]);
  segment.set(text, 4);
  const out = new Uint8Array(base.length + segment.length);
  out.set(base.subarray(0, 2));
  out.set(segment, 2);
  out.set(base.subarray(2), 2 + segment.length);
  return out;
}

const templates = new Map(builtInTemplates.map((t) => [templateRef(t), t]));

/**
 * `count` finalized records, each with `photos` distinct JPEG photos (made from a few base images
 * of `photoSize`) and three drawn signatures, and every blob they refer to.
 */
export function seedRecords(count: number, options: { photos?: number; photoSize?: [number, number]; photoQuality?: number } = {}) {
  const [w, h] = options.photoSize ?? [640, 480];
  const bases = Array.from({ length: 3 }, (_, i) => makeJpeg(w, h, i + 1, options.photoQuality ?? 80, 6));
  const signatures = [1, 2, 3].map((n) => makeSignaturePng(300, 120, n));
  const blobs = new Map<string, Uint8Array>(signatures.map((png) => [sha256HexSync(png), png]));
  const records: InspectionRecord[] = [];
  for (let n = 0; n < count; n++) {
    const record = sampleCompleteRecord({ staff: 8, arrivedAt: new Date(Date.UTC(2026, 10, 1 + (n % 28), 0, 30 + (n % 20))) });
    record.signatures = record.signatures.map((s, k) => ({ ...s, mark: { kind: 'drawn', imageSha256: sha256HexSync(signatures[k]!) } }));
    for (let p = 0; p < (options.photos ?? 0); p++) {
      const jpeg = uniqueJpeg(bases[(n + p) % bases.length]!, `congvu seed ${record.inspection.id} ${p}`);
      const sha = sha256HexSync(jpeg);
      blobs.set(sha, jpeg);
      record.attachments.push({
        sha256: sha,
        inspectionId: record.inspection.id,
        revision: 1,
        itemCode: 'VH-09',
        mime: 'image/jpeg',
        size: jpeg.length,
        caption: `Ảnh ${p + 1}`,
        createdAt: `2026-11-0${(p % 9) + 1}T08:00:00+07:00`,
      });
    }
    const result = finalizeRecord(record, templates, `2026-11-${String(1 + (n % 28)).padStart(2, '0')}T10:00:00.000+07:00`);
    if (!result.ok) throw new Error(`seed record not finalizable: ${JSON.stringify(result.problems)}`);
    records.push(result.record);
  }
  return { records, blobs };
}

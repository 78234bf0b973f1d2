import type { Page } from 'playwright-core';
import { jpegWithExif } from '../../shared/evidence/exif-fixture';

/** A real JPEG of the given size, drawn by the browser (a gradient with some text). */
export async function makeJpeg(page: Page, width: number, height: number, label: string): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ({ width, height, label }) => {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d')!;
      const gradient = ctx.createLinearGradient(0, 0, width, height);
      gradient.addColorStop(0, '#2b5d8a');
      gradient.addColorStop(1, '#d9a441');
      ctx.fillStyle = gradient;
      ctx.fillRect(0, 0, width, height);
      ctx.fillStyle = '#fff';
      ctx.font = `${Math.round(height / 10)}px sans-serif`;
      ctx.fillText(label, width / 10, height / 2);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (const b of bytes) binary += String.fromCharCode(b);
      return btoa(binary);
    },
    { width, height, label },
  );
  return Buffer.from(base64, 'base64');
}

/** The same JPEG with an EXIF DateTimeOriginal ("YYYY:MM:DD HH:MM:SS") inserted after its start marker. */
export function withExifTime(jpeg: Buffer, dateTime: string, offset?: string): Buffer {
  const donor = jpegWithExif(dateTime, offset);
  const app1Length = (donor[4]! << 8) | donor[5]!;
  const app1 = donor.subarray(2, 2 + 2 + app1Length);
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

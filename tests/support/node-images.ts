import { zlibSync } from 'fflate';
import jpeg from 'jpeg-js';

/** A photo-like JPEG (gradients and grain, so it compresses like a real picture) for Node tests and benchmarks. */
export function makeJpeg(width: number, height: number, seed = 1, quality = 80, grainLevels = 16): Uint8Array {
  const data = Buffer.alloc(width * height * 4);
  let s = seed * 2654435761;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      const grain = ((s >> 16) & 0xffff) % grainLevels;
      const i = (y * width + x) * 4;
      data[i] = (x * 255) / width + grain;
      data[i + 1] = (y * 255) / height + grain;
      data[i + 2] = ((x + y + seed * 40) % 255) + grain;
      data[i + 3] = 255;
    }
  }
  return new Uint8Array(jpeg.encode({ data, width, height }, quality).data);
}

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
  return out;
}

/** A drawn-signature-like PNG: a dark stroke on transparency, as the signature pad stores it. */
export function makeSignaturePng(width = 300, height = 120, seed = 1): Uint8Array {
  const raw = new Uint8Array((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const curve = height / 2 + Math.sin((x / width) * Math.PI * (2 + seed)) * (height / 3);
      if (Math.abs(y - curve) < 2.5) {
        const i = y * (width * 4 + 1) + 1 + x * 4;
        raw[i] = 10;
        raw[i + 1] = 20;
        raw[i + 2] = 90;
        raw[i + 3] = 255;
      }
    }
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlibSync(raw)), chunk('IEND', new Uint8Array())];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

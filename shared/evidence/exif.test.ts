import { describe, expect, it } from 'vitest';
import { readExifTime } from './exif';
import { jpegWithExif } from './exif-fixture';

describe('EXIF time', () => {
  it('reads DateTimeOriginal, with the offset when present, in either byte order', () => {
    expect(readExifTime(jpegWithExif('2026:11:23 07:41:09'))).toEqual({ local: '2026-11-23T07:41:09', offset: null });
    expect(readExifTime(jpegWithExif('2026:11:23 07:41:09', '+07:00', false))).toEqual({ local: '2026-11-23T07:41:09', offset: '+07:00' });
  });

  it('returns null for photos without EXIF, broken or hostile data', () => {
    expect(readExifTime(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(readExifTime(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toBeNull();
    expect(readExifTime(jpegWithExif('2026:13:40 99:99:99'))).toBeNull();
    const truncated = jpegWithExif('2026:11:23 07:41:09').subarray(0, 30);
    expect(readExifTime(truncated)).toBeNull();
    const random = new Uint8Array(4096).map((_, i) => (i * 7919) & 0xff);
    random.set([0xff, 0xd8, 0xff, 0xe1, 0x10, 0x00], 0);
    expect(() => readExifTime(random)).not.toThrow();
  });
});

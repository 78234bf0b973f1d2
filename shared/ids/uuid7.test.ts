import { describe, expect, it } from 'vitest';
import { uuidV7Schema } from '../schemas/common';
import { uuidv7, uuidv7Time } from './uuid7';

describe('uuidv7', () => {
  it('is a valid version-7 UUID carrying its creation time', () => {
    const id = uuidv7(1_763_860_000_000);
    expect(uuidV7Schema.safeParse(id).success).toBe(true);
    expect(uuidv7Time(id)).toBe(1_763_860_000_000);
  });

  it('sorts in creation order, also within one millisecond, and never repeats', () => {
    const ids = Array.from({ length: 10_000 }, () => uuidv7(1_763_860_000_001));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const later = uuidv7(1_763_860_000_500);
    expect(later > ids.at(-1)!).toBe(true);
  });
});

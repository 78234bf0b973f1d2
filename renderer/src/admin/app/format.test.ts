import { describe, expect, it } from 'vitest';
import { formatDay, formatInstant } from './format';

describe('console dates', () => {
  it('are dd/mm/yyyy and 24-hour on the browser clock', () => {
    const d = new Date(2026, 0, 5, 14, 7, 9);
    expect(formatInstant(d.toISOString())).toBe('05/01/2026 14:07');
    expect(formatInstant(d.toISOString(), { seconds: true })).toBe('05/01/2026 14:07:09');
    expect(formatInstant(null)).toBe('—');
  });
  it('write calendar days day first', () => {
    expect(formatDay('2026-12-31')).toBe('31/12/2026');
    expect(formatDay(null)).toBe('—');
  });
});

import { describe, expect, it } from 'vitest';
import { Prefetch } from './prefetch';

describe('a prefetched answer', () => {
  it('is shared while on its way, then the hub is asked afresh', async () => {
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    const prefetch = new Prefetch<number>();
    prefetch.start('a', load);
    const first = prefetch.take('a', load);
    const second = prefetch.take('a', load);
    expect(first).toBe(second);
    expect(await first).toBe(1);
    expect(await prefetch.take('a', load)).toBe(2);
  });

  it('is not given for another key, and a failed one is not kept', async () => {
    const prefetch = new Prefetch<string>();
    prefetch.start('a', () => Promise.reject(new Error('offline')));
    const other = prefetch.take('b', () => Promise.resolve('b'));
    await expect(prefetch.take('a', () => Promise.resolve('fresh'))).rejects.toThrow('offline');
    expect(await other).toBe('b');
    expect(await prefetch.take('a', () => Promise.resolve('fresh'))).toBe('fresh');
  });
});

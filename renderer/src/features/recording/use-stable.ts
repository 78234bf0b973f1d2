import { useState } from 'react';

/**
 * Keeps the same object across renders while its key (a cheap summary of its content) is the
 * same, so memoised children are not re-rendered for data that only looks new.
 */
export function useStable<T>(value: T, key: string): T {
  const [kept, setKept] = useState({ key, value });
  if (kept.key !== key) {
    setKept({ key, value });
    return value;
  }
  return kept.value;
}

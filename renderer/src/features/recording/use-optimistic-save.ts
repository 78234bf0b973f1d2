import { useState } from 'react';

interface Pending<T> {
  value: T;
  /** The stored value, as JSON, when the change was made. */
  from: string;
}

/**
 * Shows a choice at once while its save is under way, then the stored value once the store
 * shows the change (or shows anything else: another window's edit wins), or the old one again if
 * the save failed. The choice stays on screen until the store has caught up, not merely until
 * the save has committed: in between, the store's live query still holds the old value, and
 * showing it for a moment would unmount what the choice revealed (a time field being typed in).
 */
export function useOptimisticSave<T>(stored: T): [T, (next: T, save: () => Promise<unknown>) => void] {
  const [pending, setPending] = useState<Pending<T> | null>(null);
  const now = JSON.stringify(stored);
  if (pending !== null && (now !== pending.from || now === JSON.stringify(pending.value))) setPending(null);
  const change = (next: T, save: () => Promise<unknown>) => {
    const mine: Pending<T> = { value: next, from: now };
    setPending(mine);
    save().catch(() => setPending((p) => (p === mine ? null : p)));
  };
  return [pending !== null && now === pending.from ? pending.value : stored, change];
}

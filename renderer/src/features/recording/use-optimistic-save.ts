import { useState } from 'react';

interface Pending<T> {
  value: T;
  /** The choices of this burst of changes (as JSON), the last one shown. */
  mine: string[];
  /** The stored value (as JSON) when the burst began. */
  from: string;
  /** Saves of the burst not yet committed. */
  inFlight: number;
}

/**
 * Shows a choice at once while its save is under way, and the stored value again once every save
 * of the burst is in and the store shows the last choice (or shows something this window did not
 * choose: another window's edit wins), or at once if a save failed. Until then the choice stays on
 * screen: right after a commit the store's live query still holds the old value, or a value an
 * earlier click of the same burst wrote, and showing it for a moment would unmount what the choice
 * revealed (a time field being typed in).
 */
export function useOptimisticSave<T>(stored: T): [T, (next: T, save: () => Promise<unknown>) => void] {
  const [pending, setPending] = useState<Pending<T> | null>(null);
  const now = JSON.stringify(stored);
  const done = pending !== null && pending.inFlight === 0 && (now === pending.mine.at(-1) || (now !== pending.from && !pending.mine.includes(now)));
  if (done) setPending(null);
  const change = (next: T, save: () => Promise<unknown>) => {
    setPending((p) => ({ value: next, mine: [...(p?.mine ?? []), JSON.stringify(next)], from: p?.from ?? now, inFlight: (p?.inFlight ?? 0) + 1 }));
    save().then(
      () => setPending((p) => p && { ...p, inFlight: p.inFlight - 1 }),
      () => setPending(null),
    );
  };
  return [pending !== null && !done ? pending.value : stored, change];
}

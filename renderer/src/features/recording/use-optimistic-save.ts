import { startTransition, useOptimistic } from 'react';

/**
 * Shows a choice at once while its save is under way, then the stored value once it has
 * committed (or the old one again, if the save failed).
 */
export function useOptimisticSave<T>(stored: T): [T, (next: T, save: () => Promise<unknown>) => void] {
  const [shown, setShown] = useOptimistic(stored);
  const change = (next: T, save: () => Promise<unknown>) => {
    startTransition(async () => {
      setShown(next);
      await save().catch(() => undefined);
    });
  };
  return [shown, change];
}

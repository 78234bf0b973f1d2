import { useSyncExternalStore } from 'react';

/**
 * What the "saved" indicator shows. A change counts as saved only once its IndexedDB transaction
 * has committed; until then, or after a failure, the indicator says so.
 */
export interface SaveState {
  pending: number;
  /** Changes committed since the app started. */
  committed: number;
  lastCommittedAt: number | null;
  /** The last failure, until the next successful save. */
  error: unknown;
}

let state: SaveState = { pending: 0, committed: 0, lastCommittedAt: null, error: null };
const listeners = new Set<() => void>();

function set(next: SaveState): void {
  state = next;
  for (const l of listeners) l();
}

/** Each save's time from start to commit is recorded as a `congvu.save` performance measure. */
export async function trackSave<T>(work: Promise<T>): Promise<T> {
  const start = performance.now();
  set({ ...state, pending: state.pending + 1 });
  try {
    const result = await work;
    performance.measure('congvu.save', { start, end: performance.now() });
    set({ ...state, pending: state.pending - 1, committed: state.committed + 1, lastCommittedAt: Date.now(), error: null });
    return result;
  } catch (error) {
    set({ ...state, pending: state.pending - 1, error });
    throw error;
  }
}

export function useSaveState(): SaveState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

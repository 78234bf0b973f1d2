import { useCallback, useEffect, useRef, useState } from 'react';
import { toLocalIso } from '@shared/time/local-iso';
import type { DraftValues, NewInspectionDraft } from './form-draft';

type Arrival = NewInspectionDraft['arrival'];
type Save = (draft: { arrival: Arrival; values: DraftValues | null }) => Promise<unknown>;

/**
 * Keeps the new-inspection form's values as a draft. Each change is written at once; while one
 * write is in flight, only the newest values wait behind it. A burst of keystrokes is a few
 * writes, and a reload or crash loses at most the write under way (no timer holds typing back,
 * and a write begun while the page unloads may never commit). Each write takes the arrival stamp
 * current when it starts.
 */
export function useDraftWriter(arrival: Arrival | undefined, save: Save) {
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const queued = useRef<DraftValues | null>(null);
  /** What the form holds now, written or not. */
  const latest = useRef<DraftValues | null>(null);
  const lastSaved = useRef('');
  const writing = useRef(false);
  /** The inspection is being stored (its commit removes the draft): nothing may write it again. */
  const paused = useRef(false);
  const arrivalNow = useRef(arrival);

  const flush = useCallback(() => {
    if (writing.current || paused.current || !arrivalNow.current) return;
    writing.current = true;
    void (async () => {
      try {
        for (let stamp = arrivalNow.current; !paused.current && queued.current !== null && stamp; stamp = arrivalNow.current) {
          const json = JSON.stringify(queued.current);
          queued.current = null;
          if (json === lastSaved.current) continue;
          lastSaved.current = json;
          try {
            await save({ arrival: stamp, values: JSON.parse(json) as DraftValues });
            setFailed(false);
            setSavedAt(toLocalIso(new Date()));
          } catch {
            lastSaved.current = '';
            setFailed(true);
          }
        }
      } finally {
        writing.current = false;
      }
    })();
  }, [save]);

  useEffect(() => {
    arrivalNow.current = arrival;
    flush();
  }, [arrival, flush]);

  const onValues = useCallback(
    (values: DraftValues) => {
      queued.current = values;
      latest.current = values;
      flush();
    },
    [flush],
  );

  /**
   * Writes the draft whole, now (a new stamp, or nothing typed yet), in place of any write waiting.
   * `values` undefined keeps what the form holds.
   */
  const replace = useCallback(
    async (draft: { arrival: Arrival; values?: DraftValues | null }, fallback: DraftValues | null = null) => {
      const values = draft.values === undefined ? (latest.current ?? fallback) : draft.values;
      queued.current = null;
      latest.current = values;
      lastSaved.current = '';
      if (values === null) setSavedAt(null);
      await save({ arrival: draft.arrival, values }).catch(() => setFailed(true));
      return values;
    },
    [save],
  );

  /** Stores the inspection through `create`, the draft's writes held meanwhile; if it fails, what the form holds is written again. */
  const whileCreating = useCallback(
    async <T>(create: () => Promise<T>): Promise<T> => {
      paused.current = true;
      queued.current = null;
      try {
        const created = await create();
        latest.current = null;
        return created;
      } catch (error) {
        queued.current = latest.current;
        lastSaved.current = '';
        throw error;
      } finally {
        paused.current = false;
        flush();
      }
    },
    [flush],
  );

  return { onValues, replace, whileCreating, savedAt, failed };
}

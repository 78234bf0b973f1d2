import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useDb } from '../../db/db-context';
import { PERSIST_KEY, type PersistAnswer } from './persistence';

export function usePersistAnswer(): PersistAnswer | null | undefined {
  const db = useDb();
  return useLiveQuery(async () => ((await db.settings.get(PERSIST_KEY))?.value as PersistAnswer | undefined) ?? null, [db]);
}

export interface StorageEstimateView {
  usage: number;
  quota: number;
}

/** Space used and available to the app, refreshed every 30 s. */
export function useStorageEstimate(): StorageEstimateView | null {
  const [estimate, setEstimate] = useState<StorageEstimateView | null>(null);
  useEffect(() => {
    let alive = true;
    const read = async () => {
      if (!navigator.storage?.estimate) return;
      const e = await navigator.storage.estimate();
      if (alive) setEstimate({ usage: e.usage ?? 0, quota: e.quota ?? 0 });
    };
    void read();
    const timer = setInterval(() => void read(), 30_000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);
  return estimate;
}

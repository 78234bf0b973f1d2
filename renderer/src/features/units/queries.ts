import { useLiveQuery } from 'dexie-react-hooks';
import type { Unit } from '@shared/schemas';
import { useDb } from '../../db/db-context';

/** Units met before (or handed down by the hub), by name. */
export function useUnits(): Unit[] | undefined {
  const db = useDb();
  return useLiveQuery(() => db.units.orderBy('name').toArray(), [db]);
}

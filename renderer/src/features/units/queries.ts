import { useLiveQuery } from 'dexie-react-hooks';
import type { Unit } from '@shared/schemas';
import { useDb } from '../../db/db-context';

const byName = (a: Unit, b: Unit) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Units met before (or handed down by the hub), by name (sorted here: no index reads a name in a sealed store). */
export function useUnits(): Unit[] | undefined {
  const db = useDb();
  return useLiveQuery(async () => (await db.units.toArray()).sort(byName), [db]);
}

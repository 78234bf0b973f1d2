import { useLiveQuery } from 'dexie-react-hooks';
import type { Language } from '../../i18n/i18n';
import { useDb } from '../../db/db-context';

export const LANGUAGE_KEY = 'ui.language';

/** The chosen UI language; Vietnamese until the user picks English. undefined while loading. */
export function useLanguage(): Language | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const row = await db.settings.get(LANGUAGE_KEY);
    return row?.value === 'en' ? 'en' : 'vi';
  }, [db]);
}

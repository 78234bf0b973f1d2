import { useCallback } from 'react';
import type { Language } from '../../i18n/i18n';
import { useDb } from '../../db/db-context';
import { LANGUAGE_KEY } from './queries';

export function useSetLanguage(): (language: Language) => Promise<void> {
  const db = useDb();
  return useCallback(async (language) => {
    await db.settings.put({ key: LANGUAGE_KEY, value: language });
  }, [db]);
}

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { I18nProvider, translateError, type Language } from '../../i18n/i18n';
import { catalogue, type AdminKey } from './catalogue';

export type AdminTranslate = (key: AdminKey, params?: Record<string, string | number>) => string;

interface AdminI18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: AdminTranslate;
  /** A schema message: a console key, else one of the app's (the shared schemas' "err.…"), else as it came. */
  tError: (message: string | undefined) => string;
  /** Numbers are written the Vietnamese way in Vietnamese, the English way in English. */
  locale: string;
}

const LANGUAGE_KEY = 'congvu.admin.language';
const AdminI18nContext = createContext<AdminI18n | null>(null);

export function adminTranslate(language: Language, key: AdminKey, params?: Record<string, string | number>): string {
  const template = catalogue[language][key];
  return params ? template.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : template;
}

function storedLanguage(): Language {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/**
 * Vietnamese first; the English switch is kept in this browser. The app's own provider is inside,
 * so the app's date fields and confirm dialog speak the same language.
 */
export function AdminI18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);
  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      localStorage.setItem(LANGUAGE_KEY, next);
    } catch {
      // A browser that refuses storage keeps the choice for this visit only.
    }
  }, []);
  const t = useCallback<AdminTranslate>((key, params) => adminTranslate(language, key, params), [language]);
  const tError = useCallback(
    (message: string | undefined) => {
      if (!message) return '';
      const own = catalogue[language] as Record<string, string>;
      return message in own ? own[message]! : translateError(language, message);
    },
    [language],
  );
  const value = useMemo(() => ({ language, setLanguage, t, tError, locale: language === 'vi' ? 'vi-VN' : 'en-GB' }), [language, setLanguage, t, tError]);
  return (
    <AdminI18nContext.Provider value={value}>
      <I18nProvider language={language}>{children}</I18nProvider>
    </AdminI18nContext.Provider>
  );
}

export function useAdminI18n(): AdminI18n {
  const value = useContext(AdminI18nContext);
  if (value === null) throw new Error('useAdminI18n outside AdminI18nProvider');
  return value;
}

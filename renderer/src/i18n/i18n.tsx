import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { z } from 'zod';
import { en } from './en';
import { vi, type MessageKey } from './vi';

export type Language = 'vi' | 'en';
const dictionaries: Record<Language, Record<MessageKey, string>> = { vi, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translate(language: Language, key: MessageKey, params?: Record<string, string | number>): string {
  const template = dictionaries[language][key];
  return params ? template.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : template;
}

/** Schema messages are keys ("err.team.oneLeader"); zod's own messages come localised already. */
export function translateError(language: Language, message: string | undefined): string {
  if (!message) return '';
  return message in dictionaries[language] ? dictionaries[language][message as MessageKey] : message;
}

interface I18n {
  language: Language;
  t: Translate;
  tError: (message: string | undefined) => string;
  /** Locale for dates and numbers. */
  locale: string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ language, children }: { language: Language; children: ReactNode }) {
  // zod's built-in messages (wrong type, too short…) follow the UI language too.
  z.config(language === 'vi' ? z.locales.vi() : z.locales.en());
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const t = useCallback<Translate>((key, params) => translate(language, key, params), [language]);
  const tError = useCallback((message: string | undefined) => translateError(language, message), [language]);
  const value = useMemo(() => ({ language, t, tError, locale: language === 'vi' ? 'vi-VN' : 'en-GB' }), [language, t, tError]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (value === null) throw new Error('useI18n outside I18nProvider');
  return value;
}

import { useMemo } from 'react';
import { useI18n as useSharedI18n, type Language } from '../shared/i18n.js';
import { deskTranslator, type DeskTranslate } from './messages.js';

export interface I18n {
  t: DeskTranslate;
  language: Language;
  setLanguage(language: Language): void;
}

/** The shared language choice (I18nProvider) with the Desk catalogue's `t`. */
export function useI18n(): I18n {
  const { language, setLanguage } = useSharedI18n();
  const t = useMemo(() => deskTranslator(language), [language]);
  return { t, language, setLanguage };
}

// The UI's words in zh-CN and en, chosen from the saved setting, else the system locale.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Locale } from '../../shared/types';
import { pluralized, translator, type MessageKey, type Translate } from './translate';

export { pluralized, translator, type MessageKey, type Translate };

interface I18n {
  locale: Locale;
  t: Translate;
}

const I18nContext = createContext<I18n>({ locale: 'zh-CN', t: translator('zh-CN') });

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  // One `t` per locale, not per render: screens list `t` among their effects' and callbacks'
  // dependencies, and a new one on every render of the app re-ran them (the re-add view reloaded
  // whenever the app re-rendered, and a key pressed meanwhile was dropped as "busy").
  const value = useMemo(() => ({ locale, t: translator(locale) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** Locale from the browser when the backend's system locale is not known yet. */
export function browserLocale(): Locale {
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

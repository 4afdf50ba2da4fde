// App-wide state: the backend's info (mode, locale), the current case, and errors to show.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { AppInfo, CaseSummary } from '../../shared/contract';
import type { Locale } from '../../shared/types';
import { api } from '../api/client';
import { browserLocale } from '../i18n/i18n';

const CASE_KEY = 'relink.currentCase';

interface AppState {
  info?: AppInfo;
  locale: Locale;
  setLocale(locale: Locale | null): Promise<void>;
  currentCase?: CaseSummary;
  setCurrentCase(summary: CaseSummary | undefined): void;
  loadError?: string;
}

const AppStateContext = createContext<AppState | undefined>(undefined);

export function AppStateProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<AppInfo>();
  const [loadError, setLoadError] = useState<string>();
  const [currentCase, setCase] = useState<CaseSummary>();

  useEffect(() => {
    void (async () => {
      try {
        setInfo(await api.call('app.info', {}));
        const saved = localStorage.getItem(CASE_KEY);
        if (saved) {
          const cases = await api.call('cases.list', {});
          setCase(cases.find((c) => c.id === saved));
        }
      } catch (error) {
        setLoadError(error instanceof Error ? error.message : String(error));
      }
    })();
  }, []);

  const setLocale = useCallback(async (locale: Locale | null) => {
    setInfo(await api.call('settings.setLocale', { locale }));
  }, []);

  const setCurrentCase = useCallback((summary: CaseSummary | undefined) => {
    setCase(summary);
    if (summary) localStorage.setItem(CASE_KEY, summary.id);
    else localStorage.removeItem(CASE_KEY);
  }, []);

  const locale = info?.locale ?? info?.systemLocale ?? browserLocale();
  return (
    <AppStateContext.Provider value={{ info, locale, setLocale, currentCase, setCurrentCase, loadError }}>
      {children}
    </AppStateContext.Provider>
  );
}

export function useAppState(): AppState {
  const state = useContext(AppStateContext);
  if (!state) throw new Error('useAppState outside AppStateProvider');
  return state;
}

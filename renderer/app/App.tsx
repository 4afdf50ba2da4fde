// The window: a sidebar with the app's areas and the current case, and the chosen screen.
import { useEffect } from 'react';
import { I18nProvider, useI18n, type MessageKey } from '../i18n/i18n';
import { AppStateProvider, useAppState } from './app-state';
import { SCREENS, useRoute, type Screen } from './router';
import { Icon } from '../components/Icon';
import { CasesScreen } from '../screens/cases/CasesScreen';
import { ContactsScreen } from '../screens/contacts/ContactsScreen';
import { ReaddScreen } from '../screens/readd/ReaddScreen';
import { PhotosScreen } from '../screens/photos/PhotosScreen';
import { MessagesScreen } from '../screens/messages/MessagesScreen';
import { SettingsScreen } from '../screens/settings/SettingsScreen';
import { AppealsScreen } from '../screens/appeals/AppealsScreen';

function ScreenView({ screen }: { screen: Screen }) {
  switch (screen) {
    case 'cases':
      return <CasesScreen />;
    case 'contacts':
      return <ContactsScreen />;
    case 'readd':
      return <ReaddScreen />;
    case 'photos':
      return <PhotosScreen />;
    case 'messages':
      return <MessagesScreen />;
    case 'appeals':
      return <AppealsScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

function Shell() {
  const { t, locale } = useI18n();
  const { currentCase, loadError } = useAppState();
  const [screen, go] = useRoute();

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = `${t('app.name')} · ${t(`nav.${screen}` as MessageKey)}`;
  }, [locale, screen, t]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            重
          </span>
          <div>
            <div className="brand-name">{t('app.name')}</div>
            <div className="brand-tagline">{t('app.tagline')}</div>
          </div>
        </div>
        <div className="current-case" aria-live="polite">
          <div className="current-case-label">{t('nav.currentCase')}</div>
          <div className="current-case-name" data-testid="current-case">
            {currentCase?.name ?? t('nav.noCase')}
          </div>
        </div>
        <nav aria-label={t('nav.label')}>
          <ul className="nav-list">
            {SCREENS.map((name) => (
              <li key={name}>
                <a
                  href={`#/${name}`}
                  className={name === screen ? 'nav-link active' : 'nav-link'}
                  aria-current={name === screen ? 'page' : undefined}
                  onClick={(event) => {
                    event.preventDefault();
                    go(name);
                  }}
                >
                  <Icon name={name} />
                  {t(`nav.${name}` as MessageKey)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      <main id="main" className="content" tabIndex={-1}>
        {loadError ? (
          <div className="notice notice-error" role="alert">
            {t('error.io', { message: loadError })}
          </div>
        ) : null}
        <ScreenView screen={screen} />
      </main>
    </div>
  );
}

function Localized() {
  const { locale } = useAppState();
  return (
    <I18nProvider locale={locale}>
      <Shell />
    </I18nProvider>
  );
}

export function App() {
  return (
    <AppStateProvider>
      <Localized />
    </AppStateProvider>
  );
}

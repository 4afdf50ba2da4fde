// The merged contact list of the current case.
import { useEffect, useState } from 'react';
import type { Person } from '../../../shared/types';
import { api } from '../../api/client';
import { useAppState } from '../../app/app-state';
import { errorText } from '../../components/errors';
import { NeedsCase } from '../../components/NeedsCase';
import { useI18n } from '../../i18n/i18n';
import { Icon } from '../../components/Icon';

export function ContactsScreen() {
  const { t } = useI18n();
  const { currentCase } = useAppState();
  const [query, setQuery] = useState('');
  const [page, setPage] = useState<{ total: number; persons: Person[] }>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!currentCase) return;
    let stale = false;
    void api
      .call('contacts.list', { caseId: currentCase.id, query, offset: 0, limit: 500 })
      .then((result) => !stale && setPage(result))
      .catch((e: unknown) => !stale && setError(errorText(t, e)));
    return () => {
      stale = true;
    };
  }, [currentCase, query, t]);

  if (!currentCase) {
    return (
      <section aria-labelledby="screen-title">
        <h1 id="screen-title">{t('contacts.title')}</h1>
        <NeedsCase />
      </section>
    );
  }

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">{t('contacts.title')}</h1>
      {error ? (
        <div className="notice notice-error" role="alert">
          {error}
        </div>
      ) : null}
      <div className="toolbar">
        <input
          type="search"
          aria-label={t('contacts.search')}
          placeholder={t('contacts.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        {page ? <span className="muted">{t('contacts.count', { count: page.total })}</span> : null}
      </div>
      {page === undefined ? (
        <p>{t('common.loading')}</p>
      ) : page.total === 0 && !query ? (
        <div className="empty-state" data-testid="contacts-empty">
          <div className="empty-icon">
            <Icon name="contacts" size={40} />
          </div>
          <p>
            <strong>{t('contacts.empty')}</strong>
          </p>
          <p>{t('contacts.emptyHint')}</p>
        </div>
      ) : page.total === 0 ? (
        <p>{t('contacts.noMatch', { query })}</p>
      ) : (
        <ul className="person-list">
          {page.persons.map((p) => (
            <li key={p.id} className="person-row">
              <span className="person-name">{p.name}</span>
              <span className="muted">{[...p.phones.map((v) => v.value), ...p.wechatIds.map((v) => v.value)].join(' · ')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

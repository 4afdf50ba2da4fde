// The merged contact list of the current case: search (name, pinyin, phone, ID), filters by
// source file and label, import, merge review and each person's details with provenance.
import { useCallback, useEffect, useState } from 'react';
import type { ContactsResults } from '../../../shared/contract';
import { api } from '../../api/client';
import { useAppState } from '../../app/app-state';
import { errorText } from '../../components/errors';
import { Icon } from '../../components/Icon';
import { NeedsCase } from '../../components/NeedsCase';
import { useI18n } from '../../i18n/i18n';
import { ImportPanel } from './ImportPanel';
import { MergeReview } from './MergeReview';
import { PersonDetail } from './PersonDetail';
import { LIST_PAGE, PersonList } from './PersonList';
import { ErrorNotice } from '../../components/ErrorNotice';
import { routeDetail } from '../../app/router';

type View = { kind: 'list' } | { kind: 'import' } | { kind: 'review'; proposalId?: string } | { kind: 'person'; id: string };

/** A link from another screen (`#/contacts/review/<proposal>`, `#/contacts/person/<id>`) opens that view. */
function linkedView(): View {
  const [what, id] = routeDetail();
  if (what === 'review') return { kind: 'review', ...(id ? { proposalId: id } : {}) };
  if (what === 'person' && id) return { kind: 'person', id };
  return { kind: 'list' };
}

export function ContactsScreen() {
  const { t } = useI18n();
  const { currentCase } = useAppState();
  const [view, setView] = useState<View>(linkedView);
  const [query, setQuery] = useState('');
  const [source, setSource] = useState('');
  const [label, setLabel] = useState('');
  const [page, setPage] = useState<ContactsResults['contacts.list']>();
  const [proposals, setProposals] = useState(0);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string>();
  const changed = useCallback(() => setVersion((v) => v + 1), []);

  // The merge review keeps the count itself (onTotal): fetching the list and the review here after
  // each decision would compete with the next one. Leaving the review reads both again.
  const inReview = view.kind === 'review';
  useEffect(() => {
    if (!currentCase || inReview) return;
    let stale = false;
    const caseId = currentCase.id;
    void Promise.all([
      api.call('contacts.list', { caseId, query, source: source || undefined, label: label || undefined, offset: 0, limit: LIST_PAGE }),
      // Only the count: the review's first page carries it without every pair's two persons.
      api.call('contacts.review', { caseId, offset: 0 }),
    ])
      .then(([list, review]) => {
        if (stale) return;
        setPage(list);
        setProposals(review.total);
      })
      .catch((e: unknown) => !stale && setError(errorText(t, e)));
    return () => {
      stale = true;
    };
  }, [currentCase, query, source, label, version, t, inReview]);

  if (!currentCase) {
    return (
      <section aria-labelledby="screen-title">
        <h1 id="screen-title">{t('contacts.title')}</h1>
        <NeedsCase />
      </section>
    );
  }

  const header = (
    <div className="screen-head">
      <h1 id="screen-title">{t('contacts.title')}</h1>
      <div className="card-actions">
        {proposals > 0 ? (
          <button type="button" className="button" onClick={() => setView({ kind: 'review' })}>
            {t('contacts.review', { count: proposals })}
          </button>
        ) : null}
        <button type="button" className="button primary" onClick={() => setView({ kind: 'import' })}>
          <Icon name="upload" size={18} />
          {t('contacts.import')}
        </button>
      </div>
    </div>
  );

  if (view.kind === 'import') {
    return (
      <section aria-labelledby="screen-title">
        {header}
        <button type="button" className="button" onClick={() => setView({ kind: 'list' })}>
          ← {t('contacts.back')}
        </button>
        <ImportPanel caseId={currentCase.id} onImported={changed} />
      </section>
    );
  }
  if (view.kind === 'review') {
    return (
      <section aria-labelledby="screen-title">
        {header}
        <MergeReview caseId={currentCase.id} proposalId={view.proposalId} onBack={() => setView({ kind: 'list' })} onTotal={setProposals} />
      </section>
    );
  }
  if (view.kind === 'person') {
    return (
      <section aria-labelledby="screen-title">
        {header}
        <PersonDetail caseId={currentCase.id} personId={view.id} onBack={() => setView({ kind: 'list' })} onChanged={changed} />
      </section>
    );
  }

  const empty = page && page.total === 0 && !query && !source && !label;
  return (
    <section aria-labelledby="screen-title">
      {header}
      <ErrorNotice text={error} />
      {page === undefined ? (
        <p>{t('common.loading')}</p>
      ) : empty ? (
        <div className="empty-state" data-testid="contacts-empty">
          <div className="empty-icon">
            <Icon name="contacts" size={40} />
          </div>
          <p>
            <strong>{t('contacts.empty')}</strong>
          </p>
          <p>{t('contacts.emptyHint')}</p>
          <button type="button" className="button primary" onClick={() => setView({ kind: 'import' })}>
            {t('contacts.import')}
          </button>
        </div>
      ) : (
        <>
          <div className="toolbar">
            <input
              type="search"
              aria-label={t('contacts.search')}
              placeholder={t('contacts.search')}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
            <label className="inline-label">
              {t('contacts.filterSource')}
              <select value={source} onChange={(e) => setSource(e.target.value)}>
                <option value="">{t('contacts.all')}</option>
                {page.sources.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            {page.labels.length ? (
              <label className="inline-label">
                {t('contacts.filterLabel')}
                <select value={label} onChange={(e) => setLabel(e.target.value)}>
                  <option value="">{t('contacts.all')}</option>
                  {page.labels.map((l) => (
                    <option key={l} value={l}>
                      {l}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <span className="muted" data-testid="contacts-count">
              {t('contacts.count', { count: page.total })}
            </span>
          </div>
          {page.total === 0 ? (
            <p>{t('contacts.noMatch', { query })}</p>
          ) : (
            <PersonList
              total={page.total}
              firstPage={page.persons}
              loadPage={async (offset, limit) =>
                (
                  await api.call('contacts.list', {
                    caseId: currentCase.id,
                    query,
                    source: source || undefined,
                    label: label || undefined,
                    offset,
                    limit,
                  })
                ).persons
              }
              label={t('contacts.title')}
              onOpen={(p) => setView({ kind: 'person', id: p.id })}
            />
          )}
        </>
      )}
    </section>
  );
}

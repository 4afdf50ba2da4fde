// Search over every chat of the case: any words (Chinese needs no spaces; any part of a word or
// number matches), filtered by chat, sender and dates; the true number of hits, paged; each hit shows
// the match marked and opens the conversation at that message.
import { useEffect, useState } from 'react';
import type { MessagesResults, MessageStats } from '../../../shared/contract';
import type { ChatSummary, SearchHit } from '../../../shared/types';
import { api } from '../../api/client';
import { errorText } from '../../components/errors';
import { useI18n } from '../../i18n/i18n';
import { counted, dateTimeLabel, snippet } from './format';
import { Highlighted } from './Highlighted';

export interface SearchState {
  query: string;
  chatId: string;
  /** A person's ref (handle or name:…) from messages.stats; '' = anyone. */
  person: string;
  from: string;
  to: string;
  /** First hit shown (newest first); kept when the user opens a hit and comes back. */
  offset: number;
}

export const EMPTY_SEARCH: SearchState = { query: '', chatId: '', person: '', from: '', to: '', offset: 0 };
const DEBOUNCE_MS = 250;
export const PAGE_SIZE = 50;

/** What the backend's sender filter matches: a handle, or the name as shown. */
const senderFilter = (ref: string): string => (ref.startsWith('name:') ? ref.slice(5) : ref);

export function SearchForm(props: { state: SearchState; onChange(state: SearchState): void; chats: ChatSummary[]; people: MessageStats['people'] }) {
  const { t } = useI18n();
  const { state } = props;
  // Another query or filter starts again from the newest hit.
  const set = (patch: Partial<SearchState>) => props.onChange({ ...state, ...patch, offset: 0 });
  const active = state.query || state.chatId || state.person || state.from || state.to;
  return (
    <form className="toolbar msg-search" role="search" onSubmit={(e) => e.preventDefault()}>
      <input
        type="search"
        aria-label={t('messages.searchLabel')}
        placeholder={t('messages.searchPlaceholder')}
        value={state.query}
        onChange={(e) => set({ query: e.target.value })}
      />
      <label className="inline-label">
        {t('messages.filterChat')}
        <select value={state.chatId} onChange={(e) => set({ chatId: e.target.value })}>
          <option value="">{t('messages.all')}</option>
          {props.chats.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-label">
        {t('messages.filterPerson')}
        <select value={state.person} onChange={(e) => set({ person: e.target.value })}>
          <option value="">{t('messages.all')}</option>
          {props.people.map((p) => (
            <option key={p.ref} value={p.ref}>
              {p.name || p.ref}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-label">
        {t('messages.filterFrom')}
        <input type="date" value={state.from} onChange={(e) => set({ from: e.target.value })} />
      </label>
      <label className="inline-label">
        {t('messages.filterTo')}
        <input type="date" value={state.to} onChange={(e) => set({ to: e.target.value })} />
      </label>
      {active ? (
        <button type="button" className="button" onClick={() => props.onChange(EMPTY_SEARCH)}>
          {t('messages.clearSearch')}
        </button>
      ) : null}
    </form>
  );
}

export function SearchResults(props: { caseId: string; state: SearchState; onOpen(hit: SearchHit): void; onPage(offset: number): void }) {
  const { t, locale } = useI18n();
  const { caseId, state } = props;
  const [result, setResult] = useState<{ key: string; value: MessagesResults['messages.search'] }>();
  const [error, setError] = useState<string>();
  const key = JSON.stringify(state);

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      api
        .call('messages.search', {
          caseId,
          query: state.query,
          chatId: state.chatId || undefined,
          sender: state.person ? senderFilter(state.person) : undefined,
          from: state.from || undefined,
          to: state.to || undefined,
          offset: state.offset,
          limit: PAGE_SIZE,
        })
        .then((value) => {
          if (stale) return;
          setError(undefined);
          setResult({ key, value });
        })
        .catch((e: unknown) => !stale && setError(errorText(t, e)));
    }, DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [caseId, key, state, t]);

  if (error) {
    return (
      <div className="notice notice-error" role="alert">
        {error}
      </div>
    );
  }
  if (!result || result.key !== key) return <p className="muted" role="status">{t('messages.searching')}</p>;
  const { hits, total, offset } = result.value;
  // Above the hits a navigation landmark; the same buttons again below a long page.
  const pager = (where: 'top' | 'bottom') =>
    total > PAGE_SIZE ? (
      <div className="msg-pager" role={where === 'top' ? 'navigation' : undefined} aria-label={where === 'top' ? t('messages.pagesLabel') : undefined}>
        <button type="button" className="button" disabled={offset === 0} onClick={() => props.onPage(Math.max(0, offset - PAGE_SIZE))}>
          {t('messages.prevPage')}
        </button>
        <button type="button" className="button" disabled={offset + hits.length >= total} onClick={() => props.onPage(offset + PAGE_SIZE)}>
          {t('messages.nextPage')}
        </button>
      </div>
    ) : null;
  return (
    <section aria-label={t('messages.resultsLabel')} data-testid="messages-search-results">
      <div className="msg-results-head">
        <p className="muted" role="status" data-testid="messages-search-count">
          {total === 0
            ? t('messages.noHits', { query: state.query })
            : total > PAGE_SIZE
              ? t('messages.hitsRange', { first: offset + 1, last: offset + hits.length, total })
              : counted(t, 'messages.hits', total)}
        </p>
        {pager('top')}
      </div>
      <ul className="msg-hits">
        {hits.map((hit) => {
          const part = snippet(hit.text, hit.highlights);
          return (
            <li key={hit.messageId}>
              <button type="button" className="msg-hit" onClick={() => props.onOpen(hit)} data-testid="messages-hit">
                <span className="msg-hit-head">
                  <span className="msg-hit-chat">{hit.chat}</span>
                  <span className="msg-hit-sender">{hit.sender}</span>
                  <time dateTime={hit.time}>{dateTimeLabel(hit.time, locale)}</time>
                </span>
                <span className="msg-hit-text">
                  {part.cutStart ? '…' : ''}
                  <Highlighted text={part.text} ranges={part.highlights} />
                  {part.cutEnd ? '…' : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {hits.length > 10 ? pager('bottom') : null}
    </section>
  );
}

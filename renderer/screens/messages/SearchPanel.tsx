// Search over every chat of the case: any words (Chinese needs no spaces), filtered by chat, sender
// and dates; each hit shows the match marked and opens the conversation at that message.
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
}

export const EMPTY_SEARCH: SearchState = { query: '', chatId: '', person: '', from: '', to: '' };
const DEBOUNCE_MS = 250;
const LIMIT = 200;

/** What the backend's sender filter matches: a handle, or the name as shown. */
const senderFilter = (ref: string): string => (ref.startsWith('name:') ? ref.slice(5) : ref);

export function SearchForm(props: { state: SearchState; onChange(state: SearchState): void; chats: ChatSummary[]; people: MessageStats['people'] }) {
  const { t } = useI18n();
  const { state } = props;
  const set = (patch: Partial<SearchState>) => props.onChange({ ...state, ...patch });
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

export function SearchResults(props: { caseId: string; state: SearchState; onOpen(hit: SearchHit): void }) {
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
          limit: LIMIT,
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
  const { hits, more } = result.value;
  return (
    <section aria-label={t('messages.resultsLabel')} data-testid="messages-search-results">
      <p className="muted" role="status">
        {hits.length === 0 ? t('messages.noHits', { query: state.query }) : counted(t, 'messages.hits', hits.length)}
        {more ? ` ${t('messages.hitsMore', { count: hits.length })}` : ''}
      </p>
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
    </section>
  );
}

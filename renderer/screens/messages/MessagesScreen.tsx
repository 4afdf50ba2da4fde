// The chat archive of the current case: import, search over all chats, the chat list, a
// conversation, a person's chats and messages per year. Views stack so "back" returns to where
// the user came from (search results stay as they were).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageStats } from '../../../shared/contract';
import type { ChatSummary } from '../../../shared/types';
import { api } from '../../api/client';
import { useAppState } from '../../app/app-state';
import { errorText } from '../../components/errors';
import { Icon } from '../../components/Icon';
import { NeedsCase } from '../../components/NeedsCase';
import { useI18n } from '../../i18n/i18n';
import { ActivityChart } from './ActivityChart';
import { counted } from './format';
import { ChatList } from './ChatList';
import { Conversation, personRefOf } from './Conversation';
import { ImportPanel } from './ImportPanel';
import { PersonPage } from './PersonPage';
import { routeDetail } from '../../app/router';
import { EMPTY_SEARCH, SearchForm, SearchResults, type SearchState } from './SearchPanel';
import './messages.css';
import { ErrorNotice } from '../../components/ErrorNotice';

type View = { kind: 'home' } | { kind: 'import' } | { kind: 'chat'; chatId: string; focusId?: string } | { kind: 'person'; ref: string };
const TOP_PEOPLE = 12;

export function MessagesScreen() {
  const { t } = useI18n();
  const { currentCase } = useAppState();
  // A link from a contact's page (#/messages/person/<ref>) opens that person's page over the home view.
  const [views, setViews] = useState<View[]>(() => {
    const [what, ref] = routeDetail();
    return what === 'person' && ref ? [{ kind: 'home' }, { kind: 'person', ref }] : [{ kind: 'home' }];
  });
  const [chats, setChats] = useState<ChatSummary[]>();
  const [stats, setStats] = useState<MessageStats>();
  const [search, setSearch] = useState<SearchState>(EMPTY_SEARCH);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string>();
  const view = views[views.length - 1]!;
  const open = useCallback((next: View) => setViews((v) => [...v, next]), []);
  const back = useCallback(() => setViews((v) => (v.length > 1 ? v.slice(0, -1) : v)), []);

  // Another case starts over (not the first render: a link may have opened a person's page).
  const shownCase = useRef(currentCase?.id);
  useEffect(() => {
    if (shownCase.current === currentCase?.id) return;
    shownCase.current = currentCase?.id;
    setViews([{ kind: 'home' }]);
    setSearch(EMPTY_SEARCH);
  }, [currentCase?.id]);

  useEffect(() => {
    if (!currentCase) return;
    let stale = false;
    const caseId = currentCase.id;
    Promise.all([api.call('messages.chats', { caseId }), api.call('messages.stats', { caseId })])
      .then(([list, numbers]) => {
        if (stale) return;
        setChats(list);
        setStats(numbers);
      })
      .catch((e: unknown) => !stale && setError(errorText(t, e)));
    return () => {
      stale = true;
    };
  }, [currentCase, version, t]);

  if (!currentCase) {
    return (
      <section aria-labelledby="screen-title">
        <h1 id="screen-title">{t('messages.title')}</h1>
        <NeedsCase />
      </section>
    );
  }
  const caseId = currentCase.id;
  // The owner's own entries (from the chats' participants) are not "people you talked with".
  const selfRefs = new Set((chats ?? []).flatMap((c) => c.participants.filter((p) => p.isSelf).map(personRefOf)));

  const header = (
    <div className="screen-head">
      <h1 id="screen-title">{t('messages.title')}</h1>
      {view.kind !== 'import' ? (
        <button type="button" className="button primary" onClick={() => open({ kind: 'import' })}>
          <Icon name="upload" size={18} />
          {t('messages.import')}
        </button>
      ) : null}
    </div>
  );
  const backButton = (
    <button type="button" className="button msg-back" onClick={back}>
      ← {views.length > 2 ? t('messages.back') : t('messages.backToList')}
    </button>
  );

  if (view.kind === 'import') {
    return (
      <section aria-labelledby="screen-title">
        {header}
        {backButton}
        <ImportPanel caseId={caseId} onImported={() => setVersion((v) => v + 1)} />
      </section>
    );
  }
  if (view.kind === 'chat') {
    const chat = chats?.find((c) => c.id === view.chatId);
    return (
      <section aria-labelledby="screen-title">
        {header}
        {backButton}
        {chat ? (
          <Conversation caseId={caseId} chat={chat} focusId={view.focusId} onOpenPerson={(ref) => open({ kind: 'person', ref })} />
        ) : (
          <p>{t('common.loading')}</p>
        )}
      </section>
    );
  }
  if (view.kind === 'person') {
    return (
      <section aria-labelledby="screen-title">
        {header}
        {backButton}
        <PersonPage caseId={caseId} personRef={view.ref} onOpenChat={(chatId) => open({ kind: 'chat', chatId })} />
      </section>
    );
  }

  return (
    <section aria-labelledby="screen-title">
      {header}
      <ErrorNotice text={error} />
      {chats === undefined || stats === undefined ? (
        <p>{t('common.loading')}</p>
      ) : chats.length === 0 ? (
        <EmptyState onImport={() => open({ kind: 'import' })} />
      ) : (
        <>
          <SearchForm state={search} onChange={setSearch} chats={chats} people={stats.people} />
          {search.query.trim() ? (
            <SearchResults
              caseId={caseId}
              state={search}
              onOpen={(hit) => open({ kind: 'chat', chatId: hit.chatId, focusId: hit.messageId })}
              onPage={(offset) => setSearch({ ...search, offset })}
            />
          ) : (
            <div className="msg-home">
              <section aria-labelledby="chats-title" className="msg-home-main">
                <h2 id="chats-title">{t('messages.chatsTitle', { count: chats.length })}</h2>
                <ChatList chats={chats} onOpen={(chat) => open({ kind: 'chat', chatId: chat.id })} />
              </section>
              <aside className="msg-home-side">
                <ActivityChart years={stats.years} />
                <PeopleList people={stats.people.filter((p) => !selfRefs.has(p.ref))} onOpen={(ref) => open({ kind: 'person', ref })} />
              </aside>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function EmptyState(props: { onImport(): void }) {
  const { t } = useI18n();
  return (
    <div className="empty-state" data-testid="messages-empty">
      <div className="empty-icon">
        <Icon name="messages" size={40} />
      </div>
      <p>
        <strong>{t('messages.emptyTitle')}</strong>
      </p>
      <p>{t('messages.emptyHint')}</p>
      <p className="msg-tools">{t('messages.emptyTools')}</p>
      <p className="muted">{t('messages.emptyPrivacy')}</p>
      <button type="button" className="button primary" onClick={props.onImport}>
        {t('messages.import')}
      </button>
    </div>
  );
}

function PeopleList(props: { people: MessageStats['people']; onOpen(ref: string): void }) {
  const { t } = useI18n();
  if (props.people.length === 0) return null;
  return (
    <section aria-labelledby="people-title" className="msg-people">
      <h2 id="people-title" className="msg-side-title">
        {t('messages.peopleTitle')}
      </h2>
      <ul>
        {props.people.slice(0, TOP_PEOPLE).map((p) => (
          <li key={p.ref}>
            <button type="button" className="msg-person-open" onClick={() => props.onOpen(p.ref)}>
              <span className="msg-person-name">{p.name || p.ref}</span>
              <span className="muted">{counted(t, 'messages.peopleCount', p.messages)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

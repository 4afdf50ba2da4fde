// One person of the chat archive: their accounts, how much they wrote, and every chat they are in.
import { useEffect, useState } from 'react';
import type { PersonChats } from '../../../shared/contract';
import { api } from '../../api/client';
import { errorText } from '../../components/errors';
import { useI18n } from '../../i18n/i18n';
import { counted, platformName, shortDate } from './format';
import { routeTo } from '../../app/router';

export function PersonPage(props: { caseId: string; personRef: string; onOpenChat(chatId: string): void }) {
  const { t, locale } = useI18n();
  const [person, setPerson] = useState<PersonChats>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let stale = false;
    setPerson(undefined);
    api
      .call('messages.person', { caseId: props.caseId, ref: props.personRef })
      .then((p) => !stale && setPerson(p))
      .catch((e: unknown) => !stale && setError(errorText(t, e)));
    return () => {
      stale = true;
    };
  }, [props.caseId, props.personRef, t]);

  if (error) {
    return (
      <div className="notice notice-error" role="alert">
        {error}
      </div>
    );
  }
  if (!person) return <p>{t('common.loading')}</p>;
  const handles = person.handles.filter((h) => !h.startsWith('name:'));
  return (
    <section className="panel" aria-labelledby="person-title" data-testid="messages-person">
      <h2 id="person-title">{t('messages.personTitle', { name: person.name })}</h2>
      <p>
        {counted(t, 'messages.personFacts', person.messages)}
        {person.lastAt ? ` · ${t('messages.personLast', { date: shortDate(person.lastAt, locale) })}` : ''}
      </p>
      {person.contactId ? (
        <p>
          <a href={routeTo('contacts', 'person', person.contactId)} data-testid="person-contact-link">
            {t('links.openContact', { name: person.name })}
          </a>
        </p>
      ) : null}
      {handles.length ? (
        <p className="muted">
          {t('messages.personHandles', { handles: handles.join(' · ') })}
        </p>
      ) : null}
      <table className="msg-table">
        <thead>
          <tr>
            <th scope="col">{t('messages.personChatName')}</th>
            <th scope="col" className="num">
              {t('messages.personChatFrom')}
            </th>
            <th scope="col" className="num">
              {t('messages.personChatTotal')}
            </th>
            <th scope="col">{t('messages.personChatLast')}</th>
            <th scope="col">
              <span className="sr-only">{t('messages.openChat')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {person.chats.map((c) => (
            <tr key={c.chatId}>
              <td>
                {c.name} <span className="tag">{platformName(t, c.platform)}</span>
                {c.kind === 'group' ? <span className="tag">{t('messages.group')}</span> : null}
              </td>
              <td className="num">{c.fromPerson.toLocaleString(locale)}</td>
              <td className="num">{c.messages.toLocaleString(locale)}</td>
              <td>{c.lastAt ? shortDate(c.lastAt, locale) : ''}</td>
              <td>
                <button type="button" className="button" onClick={() => props.onOpenChat(c.chatId)} aria-label={t('messages.openChatNamed', { name: c.name })}>
                  {t('messages.openChat')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

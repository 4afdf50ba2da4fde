// One person with every value and where each came from (file and record); fix the name they show
// (NameChooser); split a wrong merge.
import { useEffect, useState } from 'react';
import type { PersonDetail as Detail } from '../../../shared/contract';
import type { Valued } from '../../../shared/types';
import { api } from '../../api/client';
import { errorText } from '../../components/errors';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { sourcesText, sourceText } from './source-text';
import { labelText } from './value-label';
import { NameChooser } from './NameChooser';
import { originalWorthShowing, phoneText } from './phone-text';
import { ErrorNotice } from '../../components/ErrorNotice';
import { routeTo } from '../../app/router';

/** How a list shows its values (phones are grouped; others as they are). */
interface ValueShape {
  text(value: string): string;
  showOriginal(original: string, value: string): boolean;
}

const AS_STORED: ValueShape = { text: (v) => v, showOriginal: (original, value) => original !== value };
const PHONE: ValueShape = { text: phoneText, showOriginal: originalWorthShowing };

function ValueList({ title, values, shape = AS_STORED }: { title: MessageKey; values: Valued[]; shape?: ValueShape }) {
  const { t, locale } = useI18n();
  if (values.length === 0) return null;
  return (
    <>
      <dt>{t(title)}</dt>
      <dd>
        <ul className="values">
          {values.map((v) => (
            <li key={v.value}>
              <span className="value">{shape.text(v.value)}</span>
              {v.original && shape.showOriginal(v.original, v.value) ? <span className="muted"> ({v.original})</span> : null}
              {v.label ? <span className="tag">{labelText(v.label, locale)}</span> : null}
              <div className="provenance">{sourcesText(v.sources, t)}</div>
            </li>
          ))}
        </ul>
      </dd>
    </>
  );
}

export function PersonDetail(props: { caseId: string; personId: string; onBack(): void; onChanged(): void }) {
  const { t, locale } = useI18n();
  const [detail, setDetail] = useState<Detail>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    void api
      .call('contacts.get', { caseId: props.caseId, personId: props.personId })
      .then(setDetail)
      .catch((e: unknown) => setError(errorText(t, e)));
  }, [props.caseId, props.personId, t]);

  const split = async () => {
    try {
      await api.call('contacts.split', { caseId: props.caseId, personId: props.personId });
      props.onChanged();
      props.onBack();
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  const p = detail?.person;
  return (
    <section className="panel" aria-labelledby="detail-title">
      <button type="button" className="button" onClick={props.onBack}>
        ← {t('contacts.back')}
      </button>
      <h2 id="detail-title">{p?.name ?? t('contacts.detailTitle')}</h2>
      <ErrorNotice text={error} />
      {p && detail ? (
        <>
          <NameChooser
            caseId={props.caseId}
            detail={detail}
            onSaved={(person) => {
              setDetail({ ...detail, person });
              props.onChanged();
            }}
          />
          <dl className="facts">
            {p.remark ? (
              <>
                <dt>{t('contacts.remark')}</dt>
                <dd>{p.remark}</dd>
              </>
            ) : null}
            {p.nickname ? (
              <>
                <dt>{t('contacts.nickname')}</dt>
                <dd>{p.nickname}</dd>
              </>
            ) : null}
            {detail?.strength ? (
              <>
                <dt>{t('contacts.chats')}</dt>
                <dd data-testid="person-strength">
                  {t('contacts.strength', {
                    count: detail.strength.messages,
                    recent: detail.strength.last12Months,
                    date: detail.strength.lastAt ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(detail.strength.lastAt)) : '—',
                  })}
                  {detail.chatRef ? (
                    <>
                      {' · '}
                      <a href={routeTo('messages', 'person', detail.chatRef)} data-testid="person-chats-link">
                        {t('links.openChats')}
                      </a>
                    </>
                  ) : null}
                </dd>
              </>
            ) : null}
            {detail.readdStatus ? (
              <>
                <dt>{t('links.readdStatus')}</dt>
                <dd data-testid="person-readd">
                  {t(`readd.outcome.${detail.readdStatus}` as MessageKey)}
                  {' · '}
                  <a href={routeTo('readd', 'queue', p.name)}>{t('links.openReadd')}</a>
                </dd>
              </>
            ) : null}
            <ValueList title="contacts.phones" values={p.phones} shape={PHONE} />
            <ValueList title="contacts.wechatIds" values={p.wechatIds} />
            <ValueList title="contacts.wxids" values={p.wxids} />
            <ValueList title="contacts.emails" values={p.emails} />
            <ValueList title="contacts.handles" values={p.handles} />
            {p.labels.length ? (
              <>
                <dt>{t('contacts.labels')}</dt>
                <dd>{p.labels.join('、')}</dd>
              </>
            ) : null}
            {p.org ? (
              <>
                <dt>{t('contacts.org')}</dt>
                <dd>{p.org}</dd>
              </>
            ) : null}
            {detail.notes.length ? (
              <>
                <dt>{t('contacts.note')}</dt>
                <dd>
                  <ul className="values" data-testid="person-notes">
                    {detail.notes.map((n) => (
                      <li key={`${n.source.file}|${n.source.record}`}>
                        <span className="note-text">{n.text}</span>
                        <div className="provenance">{sourceText(n.source, t)}</div>
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            ) : null}
            <dt>{t('contacts.sources')}</dt>
            <dd>
              <ul className="values">
                {p.sources.map((s) => (
                  <li key={`${s.file}|${s.record}`}>{sourceText(s, t)}</li>
                ))}
              </ul>
            </dd>
          </dl>
          {p.sources.length > 1 ? (
            <button type="button" className="button danger" onClick={() => void split()}>
              {t('contacts.split')}
            </button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

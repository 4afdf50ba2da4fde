// People who cannot be found by search: the real reason (only a wxid, only an e-mail, a landline,
// nothing at all, or not found by any of their keys) and what fits — the "I've moved" e-mail or SMS
// draft, other ways to reach them, "reached another way", and "accepted".
import type { ReaddView } from '../../../shared/contract';
import type { NeedsAnotherWayItem, Platform } from '../../../shared/types';
import { useI18n, type MessageKey, type Translate } from '../../i18n/i18n';
import { Suggestions } from './Suggestions';
import type { ReaddApi } from './useReadd';

/** "Only a wxid and an e-mail: WeChat finds people by WeChat ID or mobile number only." */
export function whyText(item: NeedsAnotherWayItem, platform: Platform, t: Translate): string {
  if (item.reason === 'not-found') return t('readd.why.notFound');
  const has = item.has ?? [];
  const searchable = t(`readd.why.searchable.${platform}` as MessageKey);
  if (has.length === 0) return t('readd.why.nothing', { searchable });
  const what = has.map((k) => t(`readd.why.has.${k}` as MessageKey)).join(t('readd.why.and'));
  return t('readd.why.only', { what, searchable });
}

export function AnotherWayPanel({ view, readd }: { view: ReaddView; readd: ReaddApi }) {
  const { t, locale } = useI18n();
  if (view.needsAnotherWay.length === 0) return <p className="empty-state">{t('readd.anotherEmpty')}</p>;
  const platform = view.settings.targets.find((x) => x.id === view.settings.activeTargetId)?.platform ?? 'wechat';
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  return (
    <ul className="card-list" data-testid="another-way">
      {view.needsAnotherWay.map((item) => (
        <li key={item.personId} className="card" data-testid="another-way-item">
          <div className="card-main">
            <div className="card-title">{item.name}</div>
            <div className="card-meta" data-testid="another-way-why">
              {whyText(item, platform, t)}
            </div>
            {item.reachedAt !== undefined ? <div className="card-meta">{t('readd.reachedOn', { date: dates.format(new Date(item.reachedAt)) })}</div> : null}
            <Suggestions suggestions={item.suggestions} />
          </div>
          <div className="card-actions">
            {item.drafts?.map((d) => (
              <a key={d.url} className="button" href={d.url} aria-label={t(d.channel === 'email' ? 'readd.moved.openEmail' : 'readd.moved.openSms', { name: item.name })}>
                {t(d.channel === 'email' ? 'readd.draftEmail' : 'readd.draftSms')}
              </a>
            ))}
            <button
              type="button"
              className="button"
              aria-label={t('readd.markReachedFor', { name: item.name })}
              onClick={() => void readd.act('readd.record', { personId: item.personId, action: 'follow-up-sent' }, () => t('readd.markReachedFor', { name: item.name }))}
            >
              {t('readd.markReached')}
            </button>
            <button
              type="button"
              className="button"
              aria-label={`${t('readd.markAccepted')}: ${item.name}`}
              onClick={() =>
                void readd.act('readd.record', { personId: item.personId, action: 'accepted' }, () => t('readd.saved', { name: item.name, outcome: t('readd.outcome.accepted') }))
              }
            >
              {t('readd.markAccepted')}
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}

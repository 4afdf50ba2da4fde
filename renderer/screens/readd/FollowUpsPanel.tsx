// Requests sent some days ago and not accepted: remind through another channel, or record the answer.
import type { ReaddView } from '../../../shared/contract';
import { useI18n } from '../../i18n/i18n';
import { Suggestions } from './Suggestions';
import type { ReaddApi } from './useReadd';

export function FollowUpsPanel({ view, readd }: { view: ReaddView; readd: ReaddApi }) {
  const { t, locale } = useI18n();
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  if (view.followUps.length === 0) return <p className="empty-state">{t('readd.followUpsEmpty')}</p>;
  return (
    <div>
      <p className="muted">{t('readd.followUpsIntro')}</p>
      <ul className="card-list">
        {view.followUps.map((item) => (
          <li key={item.personId} className="card">
            <div className="card-main">
              <div className="card-title">{item.name}</div>
              <div className="card-meta">
                {item.searchKeys[0]?.value}
                {item.sentAt ? ` · ${t('readd.sentOn', { date: dates.format(new Date(item.sentAt)) })}` : ''}
              </div>
              {item.suggestions?.length ? <Suggestions suggestions={item.suggestions} /> : null}
            </div>
            <div className="card-actions">
              <button type="button" className="button primary" onClick={() => void readd.act('readd.record', { personId: item.personId, action: 'accepted' }, () => t('readd.saved', { name: item.name, outcome: t('readd.outcome.accepted') }))}>
                {t('readd.markAccepted')}
              </button>
              <button type="button" className="button" onClick={() => void readd.act('readd.record', { personId: item.personId, action: 'follow-up-sent' }, () => t('readd.saved', { name: item.name, outcome: t('readd.outcome.follow-up-sent') }))}>
                {t('readd.followedUp')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

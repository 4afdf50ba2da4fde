// People who cannot be found by search (only a wxid, or not found): other ways to reach them.
import type { ReaddView } from '../../../shared/contract';
import { useI18n } from '../../i18n/i18n';
import { Suggestions } from './Suggestions';
import type { ReaddApi } from './useReadd';

export function AnotherWayPanel({ view, readd }: { view: ReaddView; readd: ReaddApi }) {
  const { t } = useI18n();
  if (view.needsAnotherWay.length === 0) return <p className="empty-state">{t('readd.anotherEmpty')}</p>;
  return (
    <ul className="card-list" data-testid="another-way">
      {view.needsAnotherWay.map((item) => (
        <li key={item.personId} className="card">
          <div className="card-main">
            <div className="card-title">{item.name}</div>
            <div className="card-meta">{item.reason === 'no-search-key' ? t('readd.needsNoKey') : t('readd.needsNotFound')}</div>
            <Suggestions suggestions={item.suggestions} />
          </div>
          <div className="card-actions">
            <button type="button" className="button" onClick={() => void readd.act('readd.record', { personId: item.personId, action: 'accepted' })}>
              {t('readd.markAccepted')}
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}

// Today: pacing, the current card, and the rest of today's plan (never more than the allowance).
import type { ReaddView } from '../../../shared/contract';
import { useI18n } from '../../i18n/i18n';
import { PacingBar } from './PacingBar';
import { ReaddCard } from './ReaddCard';
import type { ReaddApi } from './useReadd';

export function TodayPanel({ view, readd }: { view: ReaddView; readd: ReaddApi }) {
  const { t } = useI18n();
  return (
    <div className="today">
      <PacingBar view={view} readd={readd} />
      {view.current ? (
        <ReaddCard view={view} readd={readd} />
      ) : (
        <div className="empty-state" data-testid="readd-no-card">
          {view.pacing.limitReached || view.pacing.coolDownUntil ? null : (
            <>
              <p>
                <strong>{t('readd.queueDone')}</strong>
              </p>
              <p>{t('readd.queueDoneHint')}</p>
            </>
          )}
          {view.canUndo ? (
            <button type="button" className="button" onClick={() => void readd.act('readd.undo', {})}>
              {t('readd.undo')}
            </button>
          ) : null}
        </div>
      )}
      {view.upNext.length > 0 ? (
        <section aria-labelledby="up-next-title" className="up-next">
          <h3 id="up-next-title">{t('readd.upNext')}</h3>
          <ol>
            {view.upNext.map((item) => (
              <li key={item.personId}>
                <span>{item.name}</span>
                <span className="muted">{item.searchKeys[0]?.value}</span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}

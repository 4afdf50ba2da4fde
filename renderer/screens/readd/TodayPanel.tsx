// Today: pacing, the current card, and the rest of today's plan (never more than the allowance).
import { useState } from 'react';
import type { ReaddView } from '../../../shared/contract';
import { routeTo } from '../../app/router';
import { UndoButton, useUndoKey } from './UndoButton';
import { useI18n } from '../../i18n/i18n';
import { PacingBar } from './PacingBar';
import { ReaddCard } from './ReaddCard';
import type { ReaddApi } from './useReadd';

/** Unreviewed duplicates are not re-added silently: the review is offered first (once per case and sitting). */
function ReviewFirst({ view, caseId }: { view: ReaddView; caseId: string }) {
  const { t } = useI18n();
  const key = `relink.readd.reviewLater.${caseId}`;
  const [later, setLater] = useState(() => sessionStorage.getItem(key) === '1');
  if (view.unreviewed === 0 || later) return null;
  return (
    <div className="notice notice-warning review-first" data-testid="review-first">
      <p>{t('readd.unreviewed', { count: view.unreviewed })}</p>
      <div className="card-actions">
        <a className="button primary" href={routeTo('contacts', 'review')}>
          {t('readd.unreviewedReview')}
        </a>
        <button
          type="button"
          className="button"
          onClick={() => {
            sessionStorage.setItem(key, '1');
            setLater(true);
          }}
        >
          {t('readd.unreviewedLater')}
        </button>
      </div>
    </div>
  );
}

export function TodayPanel({ view, readd, caseId }: { view: ReaddView; readd: ReaddApi; caseId: string }) {
  const { t, locale } = useI18n();
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  useUndoKey(view, readd);
  return (
    <div className="today">
      <ReviewFirst view={view} caseId={caseId} />
      <PacingBar view={view} readd={readd} />
      {view.current ? (
        <ReaddCard view={view} readd={readd} />
      ) : view.pacing.limitReached || view.pacing.coolDownUntil ? (
        view.canUndo ? (
          <UndoButton view={view} readd={readd} />
        ) : null
      ) : (
        <div className="empty-state" data-testid="readd-no-card">
          <p>
            <strong>{t('readd.queueDone')}</strong>
          </p>
          <p>{t('readd.queueDoneHint')}</p>
          {view.canUndo ? <UndoButton view={view} readd={readd} /> : null}
        </div>
      )}
      {view.awaiting.length > 0 ? (
        <section aria-labelledby="awaiting-title" className="up-next" data-testid="awaiting">
          <h2 id="awaiting-title">{t('readd.awaiting', { count: view.awaiting.length })}</h2>
          <ul className="awaiting-list">
            {view.awaiting.map((item) => (
              <li key={item.personId}>
                <span>{item.name}</span>
                {item.sentAt ? <span className="muted">{t('readd.sentOn', { date: dates.format(new Date(item.sentAt)) })}</span> : null}
                <button
                  type="button"
                  className="button"
                  aria-label={`${t('readd.markAccepted')}: ${item.name}`}
                  onClick={() =>
                    void readd.act('readd.record', { personId: item.personId, action: 'accepted' }, () =>
                      t('readd.saved', { name: item.name, outcome: t('readd.outcome.accepted') }),
                    )
                  }
                >
                  {t('readd.markAccepted')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {view.upNext.length > 0 ? (
        <section aria-labelledby="up-next-title" className="up-next">
          <h2 id="up-next-title">{t('readd.upNext')}</h2>
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

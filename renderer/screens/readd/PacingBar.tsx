// Today's allowance, the countdown to the next allowed request, and the "too frequent" stop.
import type { ReaddView } from '../../../shared/contract';
import { useI18n } from '../../i18n/i18n';
import { formatDuration, useTicker, type ReaddApi } from './useReadd';

export function PacingBar({ view, readd }: { view: ReaddView; readd: ReaddApi }) {
  const { t, locale } = useI18n();
  useTicker();
  const now = readd.backendNow();
  const p = view.pacing;
  const time = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const hours = Math.round(view.settings.coolDownMs / 3_600_000);

  let state: { kind: 'cool' | 'limit' | 'wait' | 'ready'; text: string; hint?: string };
  if (p.coolDownUntil !== undefined && p.coolDownUntil > now) {
    state = {
      kind: 'cool',
      text: t('readd.coolDown'),
      hint: t('readd.coolDownHint', { time: time.format(p.coolDownUntil), countdown: formatDuration(p.coolDownUntil - now, t) }),
    };
  } else if (p.limitReached) {
    state = {
      kind: 'limit',
      text: t('readd.limitReached'),
      hint: t('readd.limitReachedHint', { time: time.format(p.nextResetAt), countdown: formatDuration(p.nextResetAt - now, t) }),
    };
  } else if (p.nextAllowedAt > now) {
    state = { kind: 'wait', text: t('readd.waitGap', { time: formatDuration(p.nextAllowedAt - now, t) }) };
  } else {
    state = { kind: 'ready', text: t('readd.readyNow') };
  }

  return (
    <div className={`pacing pacing-${state.kind}`} data-testid="pacing">
      <div className="pacing-main">
        <div className="pacing-count">
          <strong>{t('readd.usedToday', { used: p.usedToday, limit: p.dailyLimit })}</strong>
          <span className="muted"> · {t('readd.remainingToday', { count: p.remainingToday })}</span>
        </div>
        <meter min={0} max={p.dailyLimit} value={p.usedToday} aria-label={t('readd.usedToday', { used: p.usedToday, limit: p.dailyLimit })} />
        <div className="pacing-state" role="status" data-testid="pacing-state">
          {state.text}
          {state.hint ? <div className="muted">{state.hint}</div> : null}
        </div>
      </div>
      <div className="pacing-actions">
        {state.kind === 'cool' ? (
          <button type="button" className="button" onClick={() => void readd.act('readd.clearCoolDown', {})}>
            {t('readd.clearCoolDown')}
          </button>
        ) : (
          <button
            type="button"
            className="button danger"
            title={t('readd.tooFrequentHint', { hours })}
            onClick={() => void readd.act('readd.tooFrequent', {})}
          >
            {t('readd.tooFrequent')}
          </button>
        )}
      </div>
    </div>
  );
}

// The append-only event log of the case, newest first, told in words: who got which outcome,
// which settings changed, pauses, stars, exclusions, reordering and undos.
import { useEffect, useState } from 'react';
import type { ReaddHistoryItem, ReaddView } from '../../../shared/contract';
import type { ReaddEvent, ReaddSettings } from '../../../shared/types';
import { api } from '../../api/client';
import { errorText } from '../../components/errors';
import { useI18n, type MessageKey, type Translate } from '../../i18n/i18n';

const PAGE = 200;
const MAX = 5000;

/** "张伟、李娜 等 12 人" — the backend sends at most 10 names. */
function people(t: Translate, names: string[], count: number): string {
  const shown = names.join(t('readd.history.nameSeparator'));
  return count > names.length ? t('readd.history.andMore', { names: shown, count }) : shown;
}

const minutes = (ms: number) => Math.round(ms / 60_000);

/**
 * An order event stores the whole new manual order ("move to front" puts the chosen people before
 * those ranked earlier). How many at its start were moved: the shortest prefix after which the
 * list is the previous order without them.
 */
export function movedToFront(personIds: string[], prev: Record<string, number | null>): number {
  const before = Object.entries(prev)
    .filter((entry): entry is [string, number] => entry[1] !== null)
    .sort((a, b) => a[1] - b[1])
    .map(([id]) => id);
  for (let k = 0; k <= personIds.length; k++) {
    const moved = new Set(personIds.slice(0, k));
    const rest = before.filter((id) => !moved.has(id));
    if (rest.length === personIds.length - k && rest.every((id, i) => id === personIds[k + i])) return k;
  }
  return personIds.length;
}

/** The settings that changed, one phrase each (values compared with the event's "before"). */
function settingsChanges(t: Translate, patch: Partial<ReaddSettings>, prev: Partial<ReaddSettings>): string[] {
  const changed = (key: keyof ReaddSettings) => key in patch && JSON.stringify(patch[key]) !== JSON.stringify(prev[key]);
  const out: string[] = [];
  if (changed('targets')) {
    const before = new Map((prev.targets ?? []).map((x) => [x.id, JSON.stringify(x)]));
    for (const target of patch.targets ?? []) {
      if (before.get(target.id) === JSON.stringify(target)) continue;
      out.push(
        t('readd.history.set.target', {
          platform: t(`readd.platform.${target.platform}` as MessageKey),
          name: target.newAccountName || '—',
          id: target.newAccountId || '—',
        }),
      );
    }
  }
  if (changed('dailyLimit') && patch.dailyLimit !== undefined) out.push(t('readd.history.set.dailyLimit', { value: patch.dailyLimit }));
  if (changed('minGapMs') || changed('maxGapMs')) {
    out.push(t('readd.history.set.gap', { min: minutes(patch.minGapMs ?? prev.minGapMs ?? 0), max: minutes(patch.maxGapMs ?? prev.maxGapMs ?? 0) }));
  }
  if (changed('coolDownMs') && patch.coolDownMs !== undefined) out.push(t('readd.history.set.coolDown', { hours: Math.round(patch.coolDownMs / 3_600_000) }));
  if (changed('followUpAfterDays') && patch.followUpAfterDays !== undefined) out.push(t('readd.history.set.followUp', { days: patch.followUpAfterDays }));
  if (changed('priorityLabels')) {
    const labels = patch.priorityLabels ?? [];
    out.push(labels.length ? t('readd.history.set.priorityLabels', { labels: labels.join(t('readd.history.nameSeparator')) }) : t('readd.history.set.noPriorityLabels'));
  }
  if (changed('templates')) out.push(t('readd.history.set.templates'));
  if (changed('myName')) out.push(t('readd.history.set.myName', { name: patch.myName || '—' }));
  if (changed('locale') && patch.locale) out.push(t('readd.history.set.locale', { value: patch.locale === 'en' ? 'English' : '中文' }));
  const described = new Set(['targets', 'dailyLimit', 'minGapMs', 'maxGapMs', 'coolDownMs', 'followUpAfterDays', 'priorityLabels', 'templates', 'myName', 'locale']);
  if ((Object.keys(patch) as (keyof ReaddSettings)[]).some((k) => !described.has(k) && changed(k))) out.push(t('readd.history.set.other'));
  return out;
}

/** One event in words. */
export function describe(t: Translate, item: ReaddHistoryItem, time: (at: number) => string, bySeq: Map<number, ReaddHistoryItem>): string {
  const e: ReaddEvent = item.event;
  switch (e.type) {
    case 'outcome': {
      const name = item.names[0] ?? e.personId;
      if (e.action === 'follow-up-sent') return t('readd.history.followUp', { name });
      return t('readd.history.outcome', { name, outcome: t(`readd.outcome.${e.action}` as MessageKey) });
    }
    case 'settings': {
      const changes = settingsChanges(t, e.patch, e.prev);
      return changes.length ? t('readd.history.settings', { changes: changes.join(t('readd.history.changeSeparator')) }) : t('readd.history.settingsSame');
    }
    case 'order': {
      const moved = movedToFront(e.personIds, e.prev);
      return moved > 0
        ? t('readd.history.order', { names: people(t, item.names.slice(0, moved), moved) })
        : t('readd.history.orderSame');
    }
    case 'exclude':
      return t(e.excluded ? 'readd.history.exclude' : 'readd.history.include', { names: people(t, item.names, e.personIds.length) });
    case 'star':
      return t(e.starred ? 'readd.history.star' : 'readd.history.unstar', { names: people(t, item.names, e.personIds.length) });
    case 'cool-down':
      if (e.until === null || e.reason === 'cleared') return t('readd.history.coolDownCleared');
      return t(e.reason === 'too-frequent' ? 'readd.history.tooFrequent' : 'readd.history.coolDownSet', { time: time(e.until) });
    case 'undo': {
      const undone = bySeq.get(e.undoneSeq);
      return undone && undone.event.type !== 'undo'
        ? t('readd.history.undoOf', { what: describe(t, undone, time, bySeq) })
        : t('readd.history.undo');
    }
  }
}

export function HistoryPanel({ caseId, view }: { caseId: string; view: ReaddView }) {
  const { t, locale } = useI18n();
  const [limit, setLimit] = useState(PAGE);
  const [items, setItems] = useState<ReaddHistoryItem[]>();
  const [error, setError] = useState<string>();

  // Reload whenever the view changes (an action elsewhere adds an event).
  useEffect(() => {
    let live = true;
    api.call('readd.history', { caseId, limit }).then(
      (result) => live && setItems(result),
      (e: unknown) => live && setError(errorText(t, e)),
    );
    return () => {
      live = false;
    };
  }, [caseId, limit, view, t]);

  if (error) {
    return (
      <div className="notice notice-error" role="alert">
        {error}
      </div>
    );
  }
  if (!items) return <p>{t('common.loading')}</p>;
  if (items.length === 0) return <div className="empty-state">{t('readd.history.empty')}</div>;

  const stamp = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const time = (at: number) => stamp.format(new Date(at));
  const bySeq = new Map(items.map((item) => [item.event.seq, item]));
  const undone = new Set(items.flatMap((item) => (item.event.type === 'undo' ? [item.event.undoneSeq] : [])));

  return (
    <div className="history">
      <p className="muted">{t('readd.history.intro')}</p>
      <ol className="history-list" aria-label={t('readd.tab.history')} data-testid="history-list">
        {items.map((item) => (
          <li key={item.event.seq} className={`history-item history-${item.event.type}${undone.has(item.event.seq) ? ' is-undone' : ''}`} data-type={item.event.type}>
            <time dateTime={new Date(item.event.at).toISOString()} className="history-time">
              {time(item.event.at)}
            </time>
            <span className="history-what">
              {describe(t, item, time, bySeq)}
              {item.event.type === 'outcome' && item.event.counted ? <span className="tag">{t('readd.history.counted')}</span> : null}
              {undone.has(item.event.seq) ? <span className="tag">{t('readd.history.undone')}</span> : null}
            </span>
          </li>
        ))}
      </ol>
      {items.length >= limit && limit < MAX ? (
        <button type="button" className="button" onClick={() => setLimit((n) => Math.min(MAX, n + PAGE * 5))}>
          {t('readd.history.more')}
        </button>
      ) : null}
    </div>
  );
}

// The Re-add view of the current case, and the calls that change it (each returns the new view).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Args, MethodName, ReaddView } from '../../../shared/contract';
import { useViewActions } from '../../components/useViewActions';
import { useI18n, type Translate } from '../../i18n/i18n';
import { describe } from './HistoryPanel';

type ViewMethod = Extract<
  MethodName,
  | 'readd.view'
  | 'readd.record'
  | 'readd.undo'
  | 'readd.settings'
  | 'readd.tooFrequent'
  | 'readd.clearCoolDown'
  | 'readd.star'
  | 'readd.exclude'
  | 'readd.moveToFront'
>;

export function useReadd(caseId: string) {
  const { t, locale } = useI18n();
  /** The last outcome in words, for the screen's polite live region. */
  const [announcement, setAnnouncement] = useState('');
  /** Backend clock minus ours, so countdowns agree with the backend's pacing. */
  const skew = useRef(0);
  const noteClock = useCallback((next: ReaddView) => {
    skew.current = next.now - Date.now();
  }, []);
  const { view, error, busy, act: call } = useViewActions<ReaddView, ViewMethod>(caseId, 'readd.view', noteClock);

  /** One call; `say` words its outcome for the live region. */
  const act = useCallback(
    <M extends ViewMethod>(method: M, args: Omit<Args<M>, 'caseId'>, say?: (next: ReaddView) => string): Promise<ReaddView | undefined> =>
      call(method, args, say ? (next) => setAnnouncement(say(next)) : undefined),
    [call],
  );

  const backendNow = useCallback(() => Date.now() + skew.current, []);
  /** Takes back the newest step and says which one. */
  const undo = useCallback(async () => {
    const what = view ? undoWhat(view, t, locale) : undefined;
    return act('readd.undo', {}, () => (what ? t('readd.undone', { what }) : ''));
  }, [act, view, t, locale]);
  return { view, error, busy, act, undo, announcement, announce: setAnnouncement, backendNow, reload: () => act('readd.view', {}) };
}

export type ReaddApi = ReturnType<typeof useReadd>;

/** What Undo would take back, in the history's words ("张伟：已发送"); undefined when nothing can be undone. */
export function undoWhat(view: ReaddView, t: Translate, locale: string): string | undefined {
  if (!view.canUndo || !view.undoes) return undefined;
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const time = (at: number) => format.format(new Date(at));
  return describe(t, view.undoes, time, new Map());
}

/** Re-renders every second (for countdowns). */
export function useTicker(): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  return tick;
}

/** A wait as words ("5 分 40 秒", "5 min 40 s"): "05:40" reads like a clock time. */
export function formatDuration(ms: number, t: Translate): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return t('readd.duration.hm', { h, m });
  if (m > 0) return t('readd.duration.ms', { m, s });
  return t('readd.duration.s', { s });
}

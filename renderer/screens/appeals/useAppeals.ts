// The appeals of the current case, and the calls that change them (each returns the new view).
import { useCallback, useEffect, useState } from 'react';
import type { AppealsView, Args, MethodName } from '../../../shared/contract';
import { api } from '../../api/client';
import { errorText } from '../../components/errors';
import { useI18n } from '../../i18n/i18n';

type ViewMethod = Extract<
  MethodName,
  | 'appeals.view'
  | 'appeals.saveAccount'
  | 'appeals.saveAppeal'
  | 'appeals.attach'
  | 'appeals.detach'
  | 'appeals.saveReminder'
  | 'appeals.setReminderDone'
  | 'appeals.remove'
>;

export function useAppeals(caseId: string) {
  const { t } = useI18n();
  const [view, setView] = useState<AppealsView>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const act = useCallback(
    async <M extends ViewMethod>(method: M, args: Omit<Args<M>, 'caseId'>): Promise<AppealsView | undefined> => {
      setBusy(true);
      setError(undefined);
      try {
        const next = (await api.call(method, { caseId, ...args } as Args<M>)) as AppealsView;
        setView(next);
        return next;
      } catch (e) {
        setError(errorText(t, e));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [caseId, t],
  );

  useEffect(() => {
    setView(undefined);
    void act('appeals.view', {});
  }, [act]);

  return { view, error, busy, act };
}

export type AppealsApi = ReturnType<typeof useAppeals>;

/** A new record's id, made here so an appeal can be saved and then given its attachments. */
export function newId(prefix: 'acct' | 'appeal' | 'rem'): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `${prefix}-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** A day key (YYYY-MM-DD) as the user's locale writes dates. */
export function dayText(locale: string, day: string | undefined): string {
  if (!day) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

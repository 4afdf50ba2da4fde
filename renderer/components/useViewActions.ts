// A screen's view of the current case (re-add, appeals), loaded when the case opens, and the calls
// that change it: each answers with the next view, shown as it comes (one round trip per action).
import { useCallback, useEffect, useState } from 'react';
import type { Args, MethodName, Result } from '../../shared/contract';
import { api } from '../api/client';
import { errorText } from './errors';
import { useI18n } from '../i18n/i18n';

/** The methods whose answer is a view V. */
export type ViewMethodOf<V> = { [K in MethodName]: Result<K> extends V ? K : never }[MethodName];

/**
 * `load` fetches the view; `onView` (stable: it is among the call's dependencies) sees every new
 * view before it is shown. `act(method, args, then)` runs one call; `then` sees its view after.
 */
export function useViewActions<V, M extends ViewMethodOf<V>>(caseId: string, load: M, onView?: (next: V) => void) {
  const { t } = useI18n();
  const [view, setView] = useState<V>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const act = useCallback(
    async <N extends M>(method: N, args: Omit<Args<N>, 'caseId'>, then?: (next: V) => void): Promise<V | undefined> => {
      setBusy(true);
      setError(undefined);
      try {
        const next = (await api.call(method, { caseId, ...args } as Args<N>)) as V;
        onView?.(next);
        setView(next);
        then?.(next);
        return next;
      } catch (e) {
        setError(errorText(t, e));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [caseId, onView, t],
  );

  useEffect(() => {
    setView(undefined);
    void act(load, {} as Omit<Args<M>, 'caseId'>);
  }, [act, load]);

  return { view, error, busy, act };
}

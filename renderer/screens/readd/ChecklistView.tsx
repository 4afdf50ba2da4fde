// A printable checklist of everyone still to re-add (pending or "later"), in queue order, or only
// today's batch (at 10k contacts the whole list is hundreds of pages): a box to tick on paper, the
// name, what to search, and the message to send. Print CSS is in readd.css.
import { useEffect, useState } from 'react';
import type { ReaddQueueRow, ReaddView } from '../../../shared/contract';
import { api } from '../../api/client';
import { useAppState } from '../../app/app-state';
import { errorText } from '../../components/errors';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { ErrorNotice } from '../../components/ErrorNotice';

const REMAINING = new Set<ReaddQueueRow['status']>(['pending', 'later']);

/** The rows still to re-add, in queue order; `max` stops after that many (today's batch). */
async function remainingRows(caseId: string, max = Infinity): Promise<ReaddQueueRow[]> {
  const rows: ReaddQueueRow[] = [];
  for (let offset = 0; ; offset += 5000) {
    const page = await api.call('readd.queue', { caseId, offset, limit: 5000, includeExcluded: false });
    rows.push(...page.rows.filter((r) => REMAINING.has(r.status)));
    if (rows.length >= max) return rows.slice(0, max);
    if (page.rows.length === 0 || offset + page.rows.length >= page.total) return rows;
  }
}

/** Today's batch: what is left of today's allowance, or a whole day's once today's is used up. */
export function batchSize(view: ReaddView): number {
  return view.pacing.remainingToday > 0 ? view.pacing.remainingToday : view.pacing.dailyLimit;
}

export function ChecklistView({ caseId, scope, onClose }: { caseId: string; scope: 'today' | 'all'; onClose(): void }) {
  const { t, locale } = useI18n();
  const { currentCase } = useAppState();
  const [rows, setRows] = useState<ReaddQueueRow[]>();
  const [view, setView] = useState<ReaddView>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    const load = async () => {
      const v = await api.call('readd.view', { caseId });
      const r = await remainingRows(caseId, scope === 'today' ? batchSize(v) : Infinity);
      if (!live) return;
      setRows(r);
      setView(v);
    };
    load().catch((e: unknown) => live && setError(errorText(t, e)));
    return () => {
      live = false;
    };
  }, [caseId, scope, t]);

  const target = view?.settings.targets.find((x) => x.id === view.settings.activeTargetId);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date());

  return (
    <div className="checklist" data-testid="checklist">
      <div className="toolbar no-print">
        <button type="button" className="button primary" onClick={() => window.print()} disabled={!rows}>
          {t('readd.checklist.print')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('common.close')}
        </button>
        <span className="muted">{t('readd.checklist.printHint')}</span>
      </div>
      <h2>{t(scope === 'today' ? 'readd.checklist.todayTitle' : 'readd.checklist.title', { name: currentCase?.name ?? '' })}</h2>
      {target ? (
        <p className="checklist-meta">
          {t('readd.checklist.meta', {
            platform: t(`readd.platform.${target.platform}` as MessageKey),
            account: target.newAccountName ? t('readd.checklist.account', { name: target.newAccountName, id: target.newAccountId }) : target.newAccountId,
            date,
            count: rows?.length ?? 0,
          })}
        </p>
      ) : null}
      <ErrorNotice text={error} />
      {!rows ? <p>{t('common.loading')}</p> : null}
      {rows && rows.length === 0 ? <div className="empty-state">{t('readd.queueDone')}</div> : null}
      {rows && rows.length > 0 ? (
        <table className="checklist-table">
          <thead>
            <tr>
              <th scope="col" className="checklist-box-col">
                {t('readd.checklist.done')}
              </th>
              <th scope="col">#</th>
              <th scope="col">{t('readd.checklist.name')}</th>
              <th scope="col">{t('readd.checklist.searchKey')}</th>
              <th scope="col">{t('readd.message')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={row.personId} data-testid="checklist-row">
                <td className="checklist-box-col">
                  <span className="checklist-box" aria-hidden="true" />
                </td>
                <td className="muted">{i + 1}</td>
                <td>
                  {row.name}
                  {row.status === 'later' ? <span className="tag">{t('readd.outcome.later')}</span> : null}
                </td>
                <td>
                  <code>{row.searchKey ?? '—'}</code>
                </td>
                <td className="checklist-message">{row.message ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

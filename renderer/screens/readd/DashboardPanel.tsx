// Progress: counts by status, the per-day chart, today's allowance, the ETA, and exports.
import { useState } from 'react';
import type { ReaddView } from '../../../shared/contract';
import type { ReaddStatus } from '../../../shared/types';
import { api } from '../../api/client';
import { errorText } from '../../components/errors';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { DayChart } from './DayChart';
import { downloadExported } from '../../components/download';
import { JobProgressBar } from '../../components/ProgressBar';
import { useJob } from '../../components/useJob';
import { ErrorNotice } from '../../components/ErrorNotice';
import { DueReminders } from '../appeals/RemindersPanel';

const ORDER: ReaddStatus[] = ['pending', 'sent', 'accepted', 'declined', 'notFound', 'skipped', 'later'];

export function DashboardPanel({ view, caseId, onPrint }: { view: ReaddView; caseId: string; onPrint(scope: 'today' | 'all'): void }) {
  const { t, locale } = useI18n();
  const [error, setError] = useState<string>();
  const exportJob = useJob('readd.export');
  const d = view.dashboard;
  // Seconds at a large case: a job with progress and Cancel, then downloaded from the data folder.
  const exportAs = async (kind: 'progress-csv' | 'queue-vcard') => {
    setError(undefined);
    try {
      downloadExported(await exportJob.run((jobId) => api.call('readd.export', { caseId, kind, jobId })));
    } catch (e) {
      setError((e as { code?: string }).code === 'cancelled' ? t('readd.exportCancelled') : errorText(t, e));
    }
  };
  const exported = exportJob.progress?.counters;
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  return (
    <div className="dashboard">
      <DueReminders caseId={caseId} />
      <ul className="status-counts" aria-label={t('readd.countsLabel')} data-testid="status-counts">
        {ORDER.map((status) => (
          <li key={status} className={`status-count status-${status}`} data-status={status}>
            <span className="status-number">{d.counts[status]}</span>
            <span className="status-name">{t(`readd.outcome.${status}` as MessageKey)}</span>
          </li>
        ))}
      </ul>
      <div className="panel">
        <p>
          <strong>{t('readd.remainingToday', { count: d.remainingToday })}</strong>
        </p>
        <p data-testid="eta">
          {d.etaDays !== null && d.etaDay
            ? t('readd.eta', { pace: d.pacePerDay, days: d.etaDays, date: dates.format(new Date(`${d.etaDay}T12:00:00`)) })
            : t('readd.etaNone')}
        </p>
        <DayChart perDay={d.perDay} />
      </div>
      <div className="panel">
        <h2 className="panel-subtitle">{t('readd.exports')}</h2>
        <div className="card-actions">
          <button type="button" className="button" onClick={() => void exportAs('progress-csv')} disabled={exportJob.running}>
            {t('readd.exportCsv')}
          </button>
          <button type="button" className="button" onClick={() => void exportAs('queue-vcard')} disabled={exportJob.running}>
            {t('readd.exportQueue')}
          </button>
          <button type="button" className="button" onClick={() => onPrint('today')}>
            {t('readd.printToday')}
          </button>
          <button type="button" className="button" onClick={() => onPrint('all')}>
            {t('readd.printChecklist')}
          </button>
        </div>
        <JobProgressBar
          job={exportJob}
          label={t('readd.exporting')}
          detail={exported ? t('readd.exportCount', { written: exported.written, total: exported.total }) : undefined}
        />
        <ErrorNotice text={error} />
      </div>
    </div>
  );
}

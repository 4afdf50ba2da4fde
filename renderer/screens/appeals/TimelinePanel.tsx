// The recovery timeline of a case, oldest first: on screen, printed (only the timeline is printed)
// and exported as CSV.
import { useEffect, useState } from 'react';
import type { TimelineEntry } from '../../../shared/contract';
import { api } from '../../api/client';
import { useAppState } from '../../app/app-state';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorText } from '../../components/errors';
import { useI18n } from '../../i18n/i18n';
import { downloadFile } from '../readd/download';
import { entryDetails, entryTitle, timelineCsv } from './timeline-text';
import { dayText } from './useAppeals';

export function TimelinePanel({ caseId }: { caseId: string }) {
  const { t, locale } = useI18n();
  const { currentCase } = useAppState();
  const [entries, setEntries] = useState<TimelineEntry[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    api.call('appeals.timeline', { caseId }).then(
      (list) => live && setEntries(list),
      (e: unknown) => live && setError(errorText(t, e)),
    );
    return () => {
      live = false;
    };
  }, [caseId, t]);

  const name = currentCase?.name ?? '';
  const exportCsv = () =>
    downloadFile({ fileName: `${name || 'relink'}-timeline.csv`, mime: 'text/csv;charset=utf-8', content: timelineCsv(t, entries ?? []) });

  return (
    <div className="print-sheet timeline-sheet" data-testid="timeline">
      <div className="toolbar no-print">
        <button type="button" className="button primary" onClick={() => window.print()} disabled={!entries}>
          {t('appeals.timeline.print')}
        </button>
        <button type="button" className="button" onClick={exportCsv} disabled={!entries}>
          {t('appeals.timeline.exportCsv')}
        </button>
        <span className="muted">{t('appeals.timeline.printHint')}</span>
      </div>
      <h2>{t('appeals.timeline.title', { name })}</h2>
      <ErrorNotice text={error} />
      {!entries ? <p>{t('common.loading')}</p> : null}
      {entries?.length === 0 ? <div className="empty-state">{t('appeals.timeline.empty')}</div> : null}
      {entries && entries.length > 0 ? (
        <ol className="timeline">
          {entries.map((entry, i) => (
            <li key={i} className={`timeline-entry timeline-${entry.kind}`} data-testid="timeline-entry" data-kind={entry.kind}>
              <time dateTime={entry.day}>{dayText(locale, entry.day)}</time>
              <div>
                <div className="timeline-title">{entryTitle(t, entry)}</div>
                {entryDetails(t, entry).map((line) => (
                  <div key={line} className="timeline-detail">
                    {line}
                  </div>
                ))}
              </div>
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}

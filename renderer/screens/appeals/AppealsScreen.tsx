// Appeals and the recovery timeline (issue 17): the banned accounts and every appeal, reminders,
// the timeline of the whole recovery, and a letter sheet to print and write on by hand.
import { useState } from 'react';
import { useAppState } from '../../app/app-state';
import { ErrorNotice } from '../../components/ErrorNotice';
import { issueText } from '../../components/issue-text';
import { NeedsCase } from '../../components/NeedsCase';
import { useI18n } from '../../i18n/i18n';
import { LetterSheet } from './LetterSheet';
import { RecordPanel } from './RecordPanel';
import { RemindersPanel } from './RemindersPanel';
import { TimelinePanel } from './TimelinePanel';
import { useAppeals } from './useAppeals';
import './appeals.css';

const TABS = ['record', 'reminders', 'timeline', 'letter'] as const;
type Tab = (typeof TABS)[number];

function AppealsForCase({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const appeals = useAppeals(caseId);
  const [tab, setTab] = useState<Tab>('record');
  const view = appeals.view;
  if (!view) return appeals.error ? <ErrorNotice text={appeals.error} /> : <p>{t('common.loading')}</p>;
  const open = view.reminders.filter((r) => !r.done).length;
  return (
    <>
      <p className="lead no-print">{t('appeals.intro')}</p>
      <div role="tablist" aria-label={t('appeals.tabsLabel')} className="tabs">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`appeals-tab-${name}`}
            aria-selected={tab === name}
            aria-controls="appeals-tabpanel"
            className={tab === name ? 'tab active' : 'tab'}
            onClick={() => setTab(name)}
          >
            {name === 'reminders' ? t('appeals.tab.reminders', { count: open }) : t(`appeals.tab.${name}`)}
          </button>
        ))}
      </div>
      <ErrorNotice text={appeals.error} />
      {view.issues.length ? (
        <div className="notice notice-warning" role="alert">
          {view.issues.map((i) => `${i.file}: ${issueText(t, i)}`).join('; ')}
        </div>
      ) : null}
      <div role="tabpanel" id="appeals-tabpanel" aria-labelledby={`appeals-tab-${tab}`}>
        {tab === 'record' ? <RecordPanel caseId={caseId} view={view} appeals={appeals} /> : null}
        {tab === 'reminders' ? <RemindersPanel view={view} appeals={appeals} /> : null}
        {tab === 'timeline' ? <TimelinePanel caseId={caseId} /> : null}
        {tab === 'letter' ? <LetterSheet view={view} /> : null}
      </div>
    </>
  );
}

export function AppealsScreen() {
  const { t } = useI18n();
  const { currentCase } = useAppState();
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">{t('appeals.title')}</h1>
      {currentCase ? <AppealsForCase key={currentCase.id} caseId={currentCase.id} /> : <NeedsCase />}
    </section>
  );
}

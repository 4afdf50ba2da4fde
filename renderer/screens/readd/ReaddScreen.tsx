// Re-add: guides the user through adding contacts back on the new account, at a safe pace.
import { useState, type KeyboardEvent } from 'react';
import { useAppState } from '../../app/app-state';
import { issueText } from '../../components/issue-text';
import { NeedsCase } from '../../components/NeedsCase';
import { useI18n } from '../../i18n/i18n';
import { AnotherWayPanel } from './AnotherWayPanel';
import { ChecklistView } from './ChecklistView';
import { DashboardPanel } from './DashboardPanel';
import { FollowUpsPanel } from './FollowUpsPanel';
import { HelperSafetyNote } from './HelperSafetyNote';
import { HistoryPanel } from './HistoryPanel';
import { MovedKitPanel } from './MovedKitPanel';
import { QueuePanel } from './QueuePanel';
import { SettingsPanel } from './SettingsPanel';
import { SetupPanel } from './SetupPanel';
import { TodayPanel } from './TodayPanel';
import { useReadd } from './useReadd';
import { routeDetail } from '../../app/router';
import './readd.css';
import { ErrorNotice } from '../../components/ErrorNotice';

const TABS = ['today', 'queue', 'followUps', 'another', 'dashboard', 'history', 'settings', 'moved'] as const;
type Tab = (typeof TABS)[number];

function ReaddForCase({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const readd = useReadd(caseId);
  // A link from a contact's page (#/readd/queue/<name>) opens the whole queue searched for them.
  const [linked] = useState(() => routeDetail());
  const [tab, setTab] = useState<Tab>(linked[0] === 'queue' ? 'queue' : 'today');
  const [printing, setPrinting] = useState<'today' | 'all'>();
  const view = readd.view;

  if (!view) {
    return readd.error ? (
      <div className="notice notice-error" role="alert">
        {readd.error}
      </div>
    ) : (
      <p>{t('common.loading')}</p>
    );
  }
  if (view.persons === 0) return <div className="empty-state">{t('readd.noContacts')}</div>;
  const target = view.settings.targets.find((x) => x.id === view.settings.activeTargetId);
  if (!target?.newAccountId) return <SetupPanel view={view} readd={readd} />;
  if (printing) return <ChecklistView caseId={caseId} scope={printing} onClose={() => setPrinting(undefined)} />;

  // The ARIA tabs pattern: one Tab stop, arrows (and Home / End) move between tabs and select them.
  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = TABS.indexOf(tab);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: TABS.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = TABS[(to + TABS.length) % TABS.length]!;
    setTab(next);
    document.getElementById(`readd-tab-${next}`)?.focus();
  };

  const label = (name: Tab) =>
    name === 'followUps'
      ? t('readd.tab.followUps', { count: view.followUps.length })
      : name === 'another'
        ? t('readd.tab.another', { count: view.needsAnotherWay.length })
        : t(`readd.tab.${name}`);

  return (
    <>
      <HelperSafetyNote caseId={caseId} />
      <div role="tablist" aria-label={t('readd.tabsLabel')} className="tabs" onKeyDown={onTabKey}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`readd-tab-${name}`}
            aria-selected={tab === name}
            aria-controls="readd-tabpanel"
            tabIndex={tab === name ? 0 : -1}
            className={tab === name ? 'tab active' : 'tab'}
            onClick={() => setTab(name)}
          >
            {label(name)}
          </button>
        ))}
      </div>
      <ErrorNotice text={readd.error} />
      {view.issues.length ? (
        <div className="notice notice-warning" role="alert">
          {view.issues.map((i) => `${i.file}: ${issueText(t, i)}`).join('; ')}
        </div>
      ) : null}
      <div className="sr-only" role="status" aria-live="polite" data-testid="readd-announce">
        {readd.announcement}
      </div>
      <div role="tabpanel" id="readd-tabpanel" aria-labelledby={`readd-tab-${tab}`} tabIndex={0}>
        {tab === 'today' ? <TodayPanel view={view} readd={readd} caseId={caseId} /> : null}
        {tab === 'queue' ? <QueuePanel caseId={caseId} view={view} readd={readd} initialSearch={linked[0] === 'queue' ? linked[1] : undefined} /> : null}
        {tab === 'followUps' ? <FollowUpsPanel view={view} readd={readd} /> : null}
        {tab === 'another' ? <AnotherWayPanel view={view} readd={readd} /> : null}
        {tab === 'dashboard' ? <DashboardPanel view={view} caseId={caseId} onPrint={setPrinting} /> : null}
        {tab === 'history' ? <HistoryPanel caseId={caseId} view={view} /> : null}
        {tab === 'settings' ? <SettingsPanel view={view} readd={readd} /> : null}
        {tab === 'moved' ? <MovedKitPanel caseId={caseId} view={view} /> : null}
      </div>
    </>
  );
}

export function ReaddScreen() {
  const { t } = useI18n();
  const { currentCase } = useAppState();
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">{t('readd.title')}</h1>
      {currentCase ? <ReaddForCase key={currentCase.id} caseId={currentCase.id} /> : <NeedsCase />}
    </section>
  );
}

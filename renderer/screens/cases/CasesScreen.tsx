// Cases: create, open, rename and delete (with the name typed again) the people being helped.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { CaseNotice, CaseSummary } from '../../../shared/contract';
import { api } from '../../api/client';
import { useAppState } from '../../app/app-state';
import { errorText } from '../../components/errors';
import { useI18n } from '../../i18n/i18n';
import { Icon } from '../../components/Icon';
import { DeleteCaseDialog } from './DeleteCaseDialog';
import { ExportBundleDialog, ImportBundleDialog, LockDialog, sizeText } from './BundleDialogs';
import { ErrorNotice } from '../../components/ErrorNotice';

/** Where the person's phone numbers were mostly written without a country code; CN first. */
const REGIONS = ['CN', 'HK', 'MO', 'TW', 'SG', 'MY', 'US', 'CA', 'GB', 'AU', 'NZ', 'JP', 'KR', 'DE', 'FR', 'IT', 'ES', 'NL'];

type CaseSort = 'attention' | 'activity' | 'name' | 'remaining';

const lastActivity = (c: CaseSummary) => c.overview?.lastActivityAt ?? c.updatedAt;

/** Helpers keep several cases: the ones that need them first (a cool-down, follow-ups due), or as chosen. */
function sortCases(cases: CaseSummary[], sort: CaseSort, locale: string): CaseSummary[] {
  const byActivity = (a: CaseSummary, b: CaseSummary) => lastActivity(b).localeCompare(lastActivity(a));
  const compare: Record<CaseSort, (a: CaseSummary, b: CaseSummary) => number> = {
    attention: (a, b) => (b.overview?.attention.length ?? 0) - (a.overview?.attention.length ?? 0) || byActivity(a, b),
    activity: byActivity,
    name: (a, b) => a.name.localeCompare(b.name, locale),
    remaining: (a, b) => (b.overview?.remaining ?? 0) - (a.overview?.remaining ?? 0) || byActivity(a, b),
  };
  return [...cases].sort(compare[sort]);
}

/** Re-add progress at a glance, and what needs attention. */
function CaseOverviewLine({ summary }: { summary: CaseSummary }) {
  const { t, locale } = useI18n();
  const o = summary.overview;
  if (!o || (o.sent === 0 && o.accepted === 0 && o.attention.length === 0)) return null;
  const started = o.sent > 0 || o.accepted > 0;
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const times = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <div className="card-meta" data-testid="case-overview">
      {started ? (
        <>
          {t('overview.progress', { sent: o.sent, accepted: o.accepted, remaining: o.remaining })}
          {o.lastActivityAt ? ` · ${t('overview.lastActivity', { date: dates.format(new Date(o.lastActivityAt)) })}` : ''}
          {' · '}
          {o.remaining === 0 ? t('overview.done') : o.etaDays === null ? t('overview.etaNone') : t('overview.eta', { days: o.etaDays })}
        </>
      ) : null}
      {o.attention.map((a) => (
        <span key={a.kind} className="tag tag-attention">
          {a.kind === 'cool-down'
            ? t('overview.coolDown', { time: times.format(new Date(a.until)) })
            : a.kind === 'follow-ups'
              ? t('overview.followUps', { count: a.count })
              : t('overview.reminders', { count: a.count, date: dates.format(new Date(`${a.first}T12:00:00`)) })}
        </span>
      ))}
    </div>
  );
}

/** A locked case is one encrypted file: it can be unlocked or deleted, nothing else. */
function LockedCaseCard(props: { summary: CaseSummary; onUnlock(): void; onDelete(): void }) {
  const { t, locale } = useI18n();
  const { summary } = props;
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <>
      <div className="card-main">
        <div className="card-title">
          <Icon name="lock" size={18} /> {summary.name}
        </div>
        <div className="card-meta">
          {t('lock.lockedMeta', { size: sizeText(summary.locked?.bytes ?? 0, locale), date: dates.format(new Date(summary.locked?.at ?? summary.updatedAt)) })}
        </div>
      </div>
      <div className="card-actions">
        <button type="button" className="button primary" onClick={props.onUnlock}>
          {t('lock.unlock')}
        </button>
        <button type="button" className="button danger" onClick={props.onDelete}>
          {t('common.delete')}
        </button>
      </div>
    </>
  );
}

export function CasesScreen() {
  const { t, locale } = useI18n();
  const { currentCase, setCurrentCase } = useAppState();
  const [cases, setCases] = useState<CaseSummary[]>();
  const [name, setName] = useState('');
  const [region, setRegion] = useState('CN');
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [notices, setNotices] = useState<CaseNotice[]>([]);
  const [renaming, setRenaming] = useState<{ id: string; name: string }>();
  const [deleting, setDeleting] = useState<CaseSummary>();
  const [exporting, setExporting] = useState<CaseSummary>();
  const [importing, setImporting] = useState(false);
  const [locking, setLocking] = useState<{ summary: CaseSummary; unlock: boolean }>();
  const [sort, setSort] = useState<CaseSort>('attention');

  const refresh = useCallback(async () => {
    try {
      setCases(await api.call('cases.list', {}));
    } catch (e) {
      setError(errorText(t, e));
    }
  }, [t]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const open = async (id: string) => {
    // Where the user is when they click: if they went elsewhere while the case opened, they stay there.
    const from = window.location.hash;
    try {
      const opened = await api.call('cases.open', { caseId: id });
      setNotices(opened.notices);
      setCurrentCase(opened);
      if (opened.notices.length === 0 && window.location.hash === from) window.location.hash = '#/contacts';
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    setError(undefined);
    try {
      const created = await api.call('cases.create', { name, defaultRegion: region });
      setName('');
      await refresh();
      await open(created.id);
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (!renaming) return;
    try {
      const renamed = await api.call('cases.rename', { caseId: renaming.id, name: renaming.name });
      if (currentCase?.id === renamed.id) setCurrentCase(renamed);
      setRenaming(undefined);
      await refresh();
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const regions = new Intl.DisplayNames([locale], { type: 'region' });
  const regionName = (code: string) => `${regions.of(code) ?? code} (${code})`;

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">{t('cases.title')}</h1>
      <p className="lead">{t('cases.intro')}</p>

      <form className="inline-form" onSubmit={create}>
        <label htmlFor="new-case-name">{t('cases.newLabel')}</label>
        <input
          id="new-case-name"
          value={name}
          maxLength={80}
          placeholder={t('cases.newPlaceholder')}
          onChange={(e) => setName(e.target.value)}
        />
        <label htmlFor="new-case-region">{t('cases.region')}</label>
        <select id="new-case-region" value={region} onChange={(e) => setRegion(e.target.value)}>
          {REGIONS.map((code) => (
            <option key={code} value={code}>
              {regionName(code)}
            </option>
          ))}
        </select>
        <button type="submit" className="button primary" disabled={!name.trim()}>
          {t('cases.create')}
        </button>
      </form>
      <p className="muted">{t('cases.regionHint')}</p>
      <p>
        <button type="button" className="button" onClick={() => setImporting(true)}>
          {t('bundle.importTitle')}
        </button>
      </p>

      <ErrorNotice text={error} />
      {status ? (
        <div className="notice" role="status">
          {status}
        </div>
      ) : null}
      {notices.map((n) => (
        <div className="notice notice-warning" role="alert" key={n.keptAs}>
          {t('cases.corruptNotice', { file: n.file, keptAs: n.keptAs })}
        </div>
      ))}

      {cases === undefined ? (
        <p>{t('common.loading')}</p>
      ) : cases.length === 0 ? (
        <div className="empty-state">
          <div className="empty-icon">
            <Icon name="cases" size={40} />
          </div>
          <p>{t('cases.empty')}</p>
        </div>
      ) : (
        <>
        {cases.length > 1 ? (
          <div className="inline-form">
            <label htmlFor="cases-sort">{t('overview.sort')}</label>
            <select id="cases-sort" value={sort} onChange={(e) => setSort(e.target.value as CaseSort)}>
              {(['attention', 'activity', 'name', 'remaining'] as const).map((key) => (
                <option key={key} value={key}>
                  {t(`overview.sort.${key}`)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <ul className="card-list" aria-label={t('cases.listLabel')}>
          {sortCases(cases, sort, locale).map((c) => (
            <li key={c.id} className={c.id === currentCase?.id ? 'card current' : 'card'}>
              {renaming?.id === c.id ? (
                <form className="inline-form" onSubmit={rename}>
                  <label htmlFor={`rename-${c.id}`}>{t('cases.renameLabel')}</label>
                  <input
                    id={`rename-${c.id}`}
                    value={renaming.name}
                    maxLength={80}
                    autoFocus
                    onChange={(e) => setRenaming({ id: c.id, name: e.target.value })}
                  />
                  <button type="submit" className="button primary">
                    {t('common.save')}
                  </button>
                  <button type="button" className="button" onClick={() => setRenaming(undefined)}>
                    {t('common.cancel')}
                  </button>
                </form>
              ) : (
                c.locked ? (
                  <LockedCaseCard summary={c} onUnlock={() => setLocking({ summary: c, unlock: true })} onDelete={() => setDeleting(c)} />
                ) : (
                  <>
                    <div className="card-main">
                      <div className="card-title">
                        {c.name}
                        {c.id === currentCase?.id ? <span className="badge">{t('cases.current')}</span> : null}
                      </div>
                      <div className="card-meta">
                        {t('cases.persons', { count: c.counts.persons })} · {regionName(c.defaultRegion)} ·{' '}
                        {t('cases.updated', { date: dates.format(new Date(c.updatedAt)) })}
                      </div>
                      <CaseOverviewLine summary={c} />
                    </div>
                    <div className="card-actions">
                      <button type="button" className="button primary" onClick={() => void open(c.id)}>
                        {t('common.open')}
                      </button>
                      <button type="button" className="button" onClick={() => setRenaming({ id: c.id, name: c.name })}>
                        {t('common.rename')}
                      </button>
                      <button type="button" className="button" onClick={() => setExporting(c)}>
                        {t('bundle.export')}
                      </button>
                      <button type="button" className="button" onClick={() => setLocking({ summary: c, unlock: false })}>
                        {t('lock.lock')}
                      </button>
                      <button type="button" className="button danger" onClick={() => setDeleting(c)}>
                        {t('common.delete')}
                      </button>
                    </div>
                  </>
                )
              )}
            </li>
          ))}
        </ul>
        </>
      )}

      {locking ? (
        <LockDialog
          summary={locking.summary}
          unlock={locking.unlock}
          onClose={() => setLocking(undefined)}
          onDone={async (message) => {
            if (currentCase?.id === locking.summary.id) setCurrentCase(undefined);
            setLocking(undefined);
            setStatus(message);
            await refresh();
          }}
        />
      ) : null}
      {exporting ? <ExportBundleDialog summary={exporting} onClose={() => setExporting(undefined)} /> : null}
      {importing ? (
        <ImportBundleDialog
          onClose={() => setImporting(false)}
          onImported={async (message) => {
            setImporting(false);
            setStatus(message);
            await refresh();
          }}
        />
      ) : null}
      {deleting ? (
        <DeleteCaseDialog
          summary={deleting}
          onClose={() => setDeleting(undefined)}
          onDeleted={async (keptAs) => {
            if (currentCase?.id === deleting.id) setCurrentCase(undefined);
            setDeleting(undefined);
            setStatus(t('cases.deleted', { path: keptAs }));
            await refresh();
          }}
        />
      ) : null}
    </section>
  );
}

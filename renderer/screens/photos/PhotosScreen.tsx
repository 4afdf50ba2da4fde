// The photo archive of the current case: a month timeline (filters by source and duplicates),
// a viewer, export of selected pictures, import and a check that every stored file is intact.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FileRef, PhotoExportResult, PhotoMonth, PhotoVerifyResult } from '../../../shared/contract';
import { PHOTO_ORIGIN_KINDS } from '../../../shared/contract';
import type { PhotoOriginKind, PhotoRecord } from '../../../shared/types';
import { api } from '../../api/client';
import { useAppState } from '../../app/app-state';
import { errorText } from '../../components/errors';
import { Icon } from '../../components/Icon';
import { NeedsCase } from '../../components/NeedsCase';
import { JobProgressBar } from '../../components/ProgressBar';
import { useJob } from '../../components/useJob';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { Gallery } from './Gallery';
import { ImportPanel } from './ImportPanel';
import { PhotoViewer } from './PhotoViewer';
import { usePhotoPages } from './photo-pages';
import './photos.css';

type Notice = { kind: 'export'; result: PhotoExportResult; native: boolean } | { kind: 'verify'; result: PhotoVerifyResult } | { kind: 'error'; text: string };

export function PhotosScreen() {
  const { t } = useI18n();
  const { currentCase } = useAppState();
  if (!currentCase) {
    return (
      <section aria-labelledby="screen-title">
        <h1 id="screen-title">{t('photos.title')}</h1>
        <NeedsCase />
      </section>
    );
  }
  return <CasePhotos key={currentCase.id} caseId={currentCase.id} />;
}

function CasePhotos({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const [view, setView] = useState<'gallery' | 'import'>('gallery');
  const [origin, setOrigin] = useState<PhotoOriginKind | ''>('');
  const [duplicatesOnly, setDuplicatesOnly] = useState(false);
  const [version, setVersion] = useState(0);
  const [months, setMonths] = useState<PhotoMonth[]>();
  const [anyPhotos, setAnyPhotos] = useState<boolean>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [viewing, setViewing] = useState<number>();
  const [notice, setNotice] = useState<Notice>();
  const verifyJob = useJob('photos.verify');
  const exportJob = useJob('photos.export');
  const exporting = exportJob.running;

  const filter = useMemo(() => ({ origin: origin || undefined, duplicatesOnly }), [origin, duplicatesOnly]);
  const pages = usePhotoPages(caseId, filter, version);
  const total = months?.reduce((n, m) => n + m.count, 0) ?? 0;

  useEffect(() => {
    let stale = false;
    void Promise.all([api.call('photos.months', { caseId, ...filter, duplicatesOnly: filter.duplicatesOnly || undefined }), api.call('photos.months', { caseId })])
      .then(([filtered, all]) => {
        if (stale) return;
        setMonths(filtered);
        setAnyPhotos(all.length > 0);
      })
      .catch((e: unknown) => !stale && setNotice({ kind: 'error', text: errorText(t, e) }));
    return () => {
      stale = true;
    };
  }, [caseId, filter, version, t]);

  const toggle = useCallback((photo: PhotoRecord) => {
    setSelected((old) => {
      const next = new Set(old);
      if (next.has(photo.sha256)) next.delete(photo.sha256);
      else next.add(photo.sha256);
      return next;
    });
  }, []);

  const exportPictures = async (sha256s: string[]) => {
    setNotice(undefined);
    try {
      let destination: FileRef | undefined;
      if (api.canPickPaths) {
        [destination] = await api.pickFiles({ directory: true });
        if (!destination) return;
      }
      const result = await exportJob.run((jobId) => api.call('photos.export', { caseId, sha256s, destination, jobId }));
      setNotice({ kind: 'export', result, native: api.canPickPaths });
    } catch (e) {
      setNotice({ kind: 'error', text: (e as { code?: string }).code === 'cancelled' ? t('photos.exportCancelled') : errorText(t, e) });
    }
  };

  const verify = async () => {
    setNotice(undefined);
    try {
      const result = await verifyJob.run((jobId) => api.call('photos.verify', { caseId, jobId }));
      setNotice({ kind: 'verify', result });
    } catch (e) {
      setNotice({ kind: 'error', text: (e as { code?: string }).code === 'cancelled' ? t('photos.verifyCancelled') : errorText(t, e) });
    }
  };

  const header = (
    <div className="screen-head">
      <h1 id="screen-title">{t('photos.title')}</h1>
      <div className="card-actions">
        {anyPhotos && view === 'gallery' ? (
          <button type="button" className="button" onClick={() => void verify()} disabled={verifyJob.running}>
            {t('photos.verify')}
          </button>
        ) : null}
        {view === 'gallery' ? (
          <button type="button" className="button primary" onClick={() => setView('import')}>
            <Icon name="upload" size={18} />
            {t('photos.import')}
          </button>
        ) : null}
      </div>
    </div>
  );

  if (view === 'import') {
    return (
      <section aria-labelledby="screen-title">
        {header}
        <button type="button" className="button" onClick={() => setView('gallery')}>
          ← {t('photos.back')}
        </button>
        <ImportPanel caseId={caseId} onImported={() => setVersion((v) => v + 1)} onShowPhotos={() => setView('gallery')} />
      </section>
    );
  }

  const viewed = viewing !== undefined ? pages.at(viewing) : undefined;
  const verifyCounters = verifyJob.progress?.counters;
  return (
    <section aria-labelledby="screen-title">
      {header}
      <JobProgressBar job={verifyJob} label={t('photos.verifying', { checked: verifyCounters?.checked ?? 0, total: verifyCounters?.total ?? 0 })} />
      <JobProgressBar
        job={exportJob}
        label={t('photos.exportingCount', { done: exportJob.progress?.counters.written ?? 0, total: exportJob.progress?.counters.total ?? 0 })}
      />
      {notice ? <NoticeView notice={notice} onDismiss={() => setNotice(undefined)} /> : null}
      {months === undefined || anyPhotos === undefined ? (
        <p>{t('common.loading')}</p>
      ) : !anyPhotos ? (
        <EmptyState onImport={() => setView('import')} />
      ) : (
        <>
          <div className="toolbar">
            <label className="inline-label">
              {t('photos.filterOrigin')}
              <select value={origin} onChange={(e) => setOrigin(e.target.value as PhotoOriginKind | '')} data-testid="photo-origin-filter">
                <option value="">{t('photos.origin.all')}</option>
                {PHOTO_ORIGIN_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`photos.origin.${kind}` as MessageKey)}
                  </option>
                ))}
              </select>
            </label>
            <label className="photo-check-label">
              <input type="checkbox" checked={duplicatesOnly} onChange={(e) => setDuplicatesOnly(e.target.checked)} />
              {t('photos.duplicatesOnly')}
            </label>
            <span className="muted" data-testid="photo-count">
              {t('photos.count', { count: total })}
            </span>
            {selected.size > 0 ? (
              <span className="photo-selection">
                <span>{t('photos.selected', { count: selected.size })}</span>
                <button type="button" className="button primary" disabled={exporting} onClick={() => void exportPictures([...selected])}>
                  {exporting ? t('photos.exporting') : t('photos.exportSelected')}
                </button>
                <button type="button" className="button" onClick={() => setSelected(new Set())}>
                  {t('photos.clearSelection')}
                </button>
              </span>
            ) : null}
          </div>
          {total === 0 ? (
            <p>{t('photos.noMatch')}</p>
          ) : (
            <Gallery caseId={caseId} months={months} pages={pages} selected={selected} onToggle={toggle} onOpen={setViewing} />
          )}
        </>
      )}
      {viewed && viewing !== undefined ? (
        <PhotoViewer
          caseId={caseId}
          photo={viewed}
          hasPrevious={viewing > 0}
          hasNext={viewing < total - 1}
          onStep={(delta) => {
            const next = viewing + delta;
            pages.ensure(next, next);
            setViewing(next);
          }}
          onClose={() => setViewing(undefined)}
        />
      ) : null}
    </section>
  );
}

function EmptyState(props: { onImport(): void }) {
  const { t } = useI18n();
  return (
    <div className="empty-state photo-empty" data-testid="photos-empty">
      <div className="empty-icon">
        <Icon name="photos" size={40} />
      </div>
      <p>
        <strong>{t('photos.empty')}</strong>
      </p>
      <p>{t('photos.emptyHint')}</p>
      <ul className="photo-empty-list">
        <li>{t('photos.emptyCamera')}</li>
        <li>{t('photos.emptyBackup')}</li>
        <li>{t('photos.emptyWechat')}</li>
      </ul>
      <button type="button" className="button primary" onClick={props.onImport}>
        {t('photos.import')}
      </button>
    </div>
  );
}

function NoticeView({ notice, onDismiss }: { notice: Notice; onDismiss(): void }) {
  const { t } = useI18n();
  const close = (
    <button type="button" className="button photo-notice-close" onClick={onDismiss}>
      {t('common.close')}
    </button>
  );
  if (notice.kind === 'error') {
    return (
      <div className="notice notice-error photo-notice" role="alert">
        <span>{notice.text}</span>
        {close}
      </div>
    );
  }
  if (notice.kind === 'export') {
    return (
      <div className="notice photo-notice" role="status" data-testid="photo-export-result">
        <div>
          <p>{t('photos.exported', { count: notice.result.written })}</p>
          <code className="photo-path">{notice.result.folder}</code>
          {notice.native ? null : <p className="muted">{t('photos.exportedBrowserHint')}</p>}
        </div>
        {close}
      </div>
    );
  }
  const { checked, damaged } = notice.result;
  return (
    <div className={damaged.length ? 'notice notice-error photo-notice' : 'notice photo-notice'} role="status" data-testid="photo-verify-result">
      <div>
        <p>{damaged.length ? t('photos.verifyBad', { count: checked, bad: damaged.length }) : t('photos.verifyOk', { count: checked })}</p>
        {damaged.length ? (
          <ul>
            {damaged.map((d) => (
              <li key={d.sha256}>
                <strong>{d.name ?? d.sha256.slice(0, 12)}</strong> — {d.problem}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {close}
    </div>
  );
}

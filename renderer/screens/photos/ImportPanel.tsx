// Import photos: choose folders/zips → import with live counts (files, decoded, duplicates, speed,
// time left) and cancel → a summary that names every file that could not be used.
import { useState } from 'react';
import type { JobCounters } from '../../../shared/contract';
import type { PhotoImportSummary, PhotoProblem } from '../../../shared/types';
import { api } from '../../api/client';
import { errorText } from '../../components/errors';
import { issueText } from '../../components/issue-text';
import { formatDuration, JobProgressBar } from '../../components/ProgressBar';
import { useJob } from '../../components/useJob';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { formatBytes } from './format';
import { FilePicker, type PickedFile } from '../../components/FilePicker';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useWechatImageKey, WechatImageKeyField } from '../../components/WechatImageKeyField';

const PHASES = ['scanning', 'importing', 'thumbnails', 'done'] as const;

/** Uploads of one folder are shown as that folder, with its file count. */
function groupSources(sources: PickedFile[]): { name: string; count: number }[] {
  const groups = new Map<string, number>();
  for (const s of sources) {
    const top = s.ref.kind === 'upload' ? (s.name.split('/')[0] ?? s.name) : s.name;
    groups.set(top, (groups.get(top) ?? 0) + 1);
  }
  return [...groups].map(([name, count]) => ({ name, count }));
}

export function ImportPanel(props: { caseId: string; onImported(summary: PhotoImportSummary): void; onShowPhotos(): void }) {
  const { t, locale } = useI18n();
  const [sources, setSources] = useState<PickedFile[]>([]);
  const [summary, setSummary] = useState<PhotoImportSummary>();
  const [error, setError] = useState<string>();
  // WeChat 4 V2 pictures' key, only if the user noted it: sent with this import, then forgotten.
  const imageKey = useWechatImageKey();
  const job = useJob('photos.import');

  const runImport = async () => {
    setError(undefined);
    setSummary(undefined);
    try {
      const result = await job.run((jobId) =>
        api.call('photos.import', {
          caseId: props.caseId,
          jobId,
          files: sources.map(({ ref, mtimeMs }) => ({ file: ref, mtimeMs })),
          wechatImageKey: imageKey.key,
        }),
      );
      setSummary(result);
      setSources([]);
      imageKey.clear();
      props.onImported(result);
    } catch (e) {
      const code = (e as { code?: string }).code;
      setError(code === 'busy' ? t('photos.busy') : code === 'cancelled' ? t('photos.summary.cancelled') : errorText(t, e));
      // Uploads are used up by an import that started; choose them again after a failure.
      setSources([]);
    }
  };

  const c: Partial<JobCounters['photos.import']> = job.progress?.counters ?? {};
  const phase = job.progress?.message === 'staging' ? 'staging' : (PHASES[c.phase ?? 0] ?? 'scanning');
  const speed = c.bytesPerSecond ? formatBytes(c.bytesPerSecond, locale) : undefined;
  const details = [
    t('photos.progressDetail', {
      scanned: c.filesScanned ?? 0,
      total: c.filesTotal ?? 0,
      decoded: c.picturesDecoded ?? 0,
      new: c.newPictures ?? 0,
      duplicates: c.duplicates ?? 0,
    }),
    speed ? t('photos.progressSpeedOnly', { speed }) : '',
    c.thumbnailsTotal ? t('photos.progressThumbs', { done: c.thumbnailsDone ?? 0, total: c.thumbnailsTotal }) : '',
  ].filter(Boolean);

  return (
    <section className="panel" aria-labelledby="photo-import-title">
      <h2 id="photo-import-title">{t('photos.importTitle')}</h2>
      <p className="muted">{t('photos.importIntro')}</p>
      {!job.running ? (
        <FilePicker
          onPicked={(picked) => {
            setSummary(undefined); // the last import's summary is not this one's (as the chat import)
            setSources((old) => [...old, ...picked]);
          }}
          allowFolders
          foldersFirst
          accept=".zip,application/zip,image/*,video/*,.dat,.heic,.json"
          label={t('photos.importDrop')}
          filesLabel={t('photos.pickFiles')}
          folderLabel={t('photos.pickFolder')}
          testId="photos-file-picker"
        />
      ) : null}

      {sources.length > 0 ? (
        <ul className="photo-sources" data-testid="photo-sources">
          {groupSources(sources).map((g) => (
            <li key={g.name}>
              <span>{t('photos.chosenItem', { name: g.name, count: g.count })}</span>
              <button
                type="button"
                className="button"
                disabled={job.running}
                onClick={() => setSources(sources.filter((s) => (s.ref.kind === 'upload' ? s.name.split('/')[0] : s.name) !== g.name))}
              >
                {t('photos.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}

      {sources.length > 0 && !job.running ? (
        <>
          <WechatImageKeyField state={imageKey} testId="photos-image-key" />
          <button type="button" className="button primary" disabled={!imageKey.valid} onClick={() => void runImport()}>
            {t('photos.runImport')}
          </button>
        </>
      ) : null}

      <JobProgressBar job={job} staging={phase === 'staging'} label={t(`photos.phase.${phase}` as MessageKey)} detail={details.join(' · ')} />
      <ErrorNotice text={error} />
      {summary ? (
        <>
          <ImportSummary summary={summary} />
          <button type="button" className="button primary" onClick={props.onShowPhotos}>
            {t('photos.showPhotos')}
          </button>
        </>
      ) : null}
    </section>
  );
}

function ProblemList(props: { label: string; items: (Partial<PhotoProblem> & { path: string })[] }) {
  const { t } = useI18n();
  if (props.items.length === 0) return null;
  return (
    <details className="photo-problems">
      <summary>
        {t('photos.summary.showPaths')}: {props.label}
      </summary>
      <ul>
        {props.items.map((p, i) => (
          <li key={`${p.path}-${i}`}>
            <code>{p.path}</code>
            {p.message ? <span className="muted"> — {issueText(t, { code: p.code, params: p.params, message: p.message })}</span> : null}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function ImportSummary({ summary }: { summary: PhotoImportSummary }) {
  const { t, locale } = useI18n();
  const rows: [MessageKey, number][] = [
    ['photos.summary.new', summary.new],
    ['photos.summary.duplicates', summary.duplicates],
    ['photos.summary.decoded', summary.decoded],
    ['photos.summary.couldNotDecode', summary.couldNotDecode.length],
    ['photos.summary.needsKey', summary.needsKey.count],
    ['photos.summary.skipped', summary.skipped],
  ];
  if (summary.unchanged) rows.splice(2, 0, ['photos.summary.unchanged', summary.unchanged]);
  if (summary.unreadable.length) rows.push(['photos.summary.unreadable', summary.unreadable.length]);
  const numbers = new Intl.NumberFormat(locale);
  return (
    <div className={summary.cancelled || summary.stoppedBecause ? 'notice notice-warning' : 'notice'} role="status" data-testid="photo-import-summary">
      <h3>{t('photos.summaryTitle')}</h3>
      {summary.cancelled ? <p>{t('photos.summary.cancelled')}</p> : null}
      {summary.stoppedBecause ? <p>{t('photos.summary.stopped', { message: summary.stoppedBecause })}</p> : null}
      <dl className="photo-summary">
        {rows.map(([key, value]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd data-testid={`summary-${key.split('.').pop()}`}>{numbers.format(value)}</dd>
          </div>
        ))}
      </dl>
      <ProblemList label={t('photos.summary.couldNotDecode')} items={summary.couldNotDecode} />
      {summary.needsKey.count ? <p className="muted">{t('photos.summary.needsKeyHint')}</p> : null}
      <ProblemList label={t('photos.summary.needsKey')} items={summary.needsKey.paths.map((path) => ({ path }))} />
      <ProblemList label={t('photos.summary.unreadable')} items={summary.unreadable} />
      <p className="muted">
        {t('photos.summary.elapsed', { size: formatBytes(summary.bytesRead, locale), time: formatDuration(summary.elapsedMs / 1000, t) })}
      </p>
    </div>
  );
}

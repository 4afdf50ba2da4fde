// Import chat exports: choose files or folders → import with progress and cancel → per file its
// format, chats, new messages, duplicates, pictures, and the lines skipped with their reasons.
import { useState } from 'react';
import type { MessagesResults } from '../../../shared/contract';
import type { MessageFileSummary } from '../../../shared/types';
import { api } from '../../api/client';
import { errorText } from '../../components/errors';
import { FilePicker, type PickedFile } from '../../components/FilePicker';
import { fileErrorText, skippedText } from '../../components/issue-text';
import { JobProgressBar } from '../../components/ProgressBar';
import { useJob } from '../../components/useJob';
import { useI18n } from '../../i18n/i18n';
import { formatName } from './format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { wechatDbText } from '../../components/wechat-db-text';
import { useWechatImageKey, WechatImageKeyField } from '../../components/WechatImageKeyField';

const SHOWN_NAMES = 6;
const SHOWN_SKIPS = 50;

export function ImportPanel(props: { caseId: string; onImported(): void }) {
  const { t } = useI18n();
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [result, setResult] = useState<MessagesResults['messages.import']>();
  const [error, setError] = useState<string>();
  // WeChat 4 V2 pictures' key, only if the user noted it: sent with this import, then forgotten.
  const imageKey = useWechatImageKey();
  const job = useJob('messages.import');

  const runImport = async () => {
    setError(undefined);
    setResult(undefined);
    try {
      const outcome = await job.run((jobId) =>
        api.call('messages.import', { caseId: props.caseId, jobId, files: files.map((f) => f.ref), wechatImageKey: imageKey.key }),
      );
      setResult(outcome);
      setFiles([]);
      imageKey.clear();
      props.onImported();
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  const progress = job.progress;
  const staging = progress?.message === 'staging';

  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title">{t('messages.importTitle')}</h2>
      <p className="muted">{t('messages.importIntro')}</p>
      {!job.running ? (
        <FilePicker
          onPicked={(picked) => {
            setResult(undefined);
            setFiles((old) => [...old, ...picked]);
          }}
          allowFolders
          label={t('messages.importDrop')}
          testId="messages-file-picker"
        />
      ) : null}

      {files.length > 0 && !job.running ? (
        <div className="file-preview" data-testid="messages-chosen">
          <div className="file-preview-head">
            <strong>{t('messages.chosen', { count: files.length })}</strong>
            <button type="button" className="button" onClick={() => setFiles([])}>
              {t('messages.clearChosen')}
            </button>
          </div>
          <ul className="issues">
            {files.slice(0, SHOWN_NAMES).map((f, i) => (
              <li key={`${f.name}-${i}`}>{f.name}</li>
            ))}
            {files.length > SHOWN_NAMES ? <li>{t('messages.chosenMore', { count: files.length - SHOWN_NAMES })}</li> : null}
          </ul>
          <WechatImageKeyField state={imageKey} testId="messages-image-key" />
          <button type="button" className="button primary msg-run-import" disabled={!imageKey.valid} onClick={() => void runImport()}>
            {t('messages.runImport')}
          </button>
        </div>
      ) : null}

      <JobProgressBar
        job={job}
        staging={staging}
        label={staging || !progress?.message ? t('messages.staging') : t('messages.importing', { file: progress.message })}
        detail={t('messages.importProgress', { messages: progress?.counters.messages ?? 0 })}
      />
      <ErrorNotice text={error} />
      {result ? <ImportSummary result={result} /> : null}
    </section>
  );
}

function ImportSummary({ result }: { result: MessagesResults['messages.import'] }) {
  const { t } = useI18n();
  return (
    <div className={result.aborted ? 'notice notice-warning' : 'notice'} role="status" data-testid="messages-import-result">
      <p>
        <strong>{t('messages.importDone', { messages: result.messages, duplicates: result.duplicates })}</strong>
      </p>
      {result.aborted ? <p>{t('messages.importAborted')}</p> : null}
      {(result.wechatDatabases ?? []).map((r, i) => (
        <p key={`wechat-db-${i}`} data-testid="messages-wechat-db">
          {r.folder}: {wechatDbText(t, r)}
        </p>
      ))}
      <ul className="msg-file-results">
        {result.files.map((f, i) => (
          <FileResult key={`${f.file}-${i}`} file={f} />
        ))}
      </ul>
    </div>
  );
}

function FileResult({ file }: { file: MessageFileSummary }) {
  const { t } = useI18n();
  return (
    <li className="msg-file-result" data-testid="messages-file-result">
      <div className="msg-file-name">{file.file}</div>
      <div className="muted">
        {t('messages.fileFormat', { format: formatName(t, file.format) })}
        {' · '}
        {t('messages.fileCounts', { chats: file.chats, messages: file.messages, duplicates: file.duplicates })}
        {file.pictures ? ` · ${t('messages.filePictures', { count: file.pictures })}` : ''}
      </div>
      {file.error ? <div className="issue-error">{t('messages.fileError', { error: fileErrorText(t, file) })}</div> : null}
      {(file.notes ?? []).map((n, i) => (
        <div key={`note-${i}`} className="issue-warning" data-testid="messages-file-note">
          {skippedText(t, n)}
        </div>
      ))}
      {file.skipped.length > 0 ? (
        <details>
          <summary>{t('messages.skippedTitle', { count: file.skipped.length })}</summary>
          <ul className="issues">
            {file.skipped.slice(0, SHOWN_SKIPS).map((s, i) => (
              <li key={i} className="issue-warning">
                {s.line !== undefined ? t('messages.skippedLine', { line: s.line, reason: skippedText(t, s) }) : t('messages.skippedNoLine', { reason: skippedText(t, s) })}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}

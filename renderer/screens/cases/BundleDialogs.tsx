// Case bundles on the Cases screen: export a case as one .relink file (with a passphrase when the
// helper hands it on), and import one — asking for the passphrase or what to do with a name clash
// only when the backend says it needs to know.
import { useState, type FormEvent } from 'react';
import type { BundleExported, CaseSummary, FileRef } from '../../../shared/contract';
import { api } from '../../api/client';
import { ApiCallError } from '../../api/api-error';
import { Dialog } from '../../components/Dialog';
import { errorText } from '../../components/errors';
import { FilePicker } from '../../components/FilePicker';
import { JobProgressBar, ProgressBar } from '../../components/ProgressBar';
import { useJob } from '../../components/useJob';
import { useI18n, type Translate } from '../../i18n/i18n';
import { ErrorNotice } from '../../components/ErrorNotice';

export function sizeText(bytes: number, locale: string): string {
  const number = (n: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: n < 10 ? 1 : 0 }).format(n);
  return bytes < 1e6 ? `${number(Math.max(bytes, 1000) / 1e3)} KB` : `${number(bytes / 1e6)} MB`;
}

/** The backend's bundle error codes in the user's words. */
function bundleErrorText(t: Translate, error: unknown): string {
  const details = error instanceof ApiCallError ? (error.details as { code?: string; part?: string } | undefined) : undefined;
  switch (details?.code) {
    case 'bundle-wrong-passphrase':
      return t('bundle.wrongPassphrase');
    case 'bundle-truncated':
    case 'bundle-damaged':
      return t('bundle.damaged', { part: details.part ?? '' });
    case 'bundle-newer-format':
      return t('bundle.newer');
    case 'bundle-not-a-bundle':
      return t('bundle.notABundle');
    default:
      return errorText(t, error);
  }
}

export function ExportBundleDialog(props: { summary: CaseSummary; onClose(): void }) {
  const { t, locale } = useI18n();
  const job = useJob('cases.exportBundle');
  const [protect, setProtect] = useState(true);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [done, setDone] = useState<BundleExported>();
  const [error, setError] = useState<string>();
  const mismatch = protect && again !== '' && again !== passphrase;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (protect && (!passphrase || passphrase !== again)) return;
    setError(undefined);
    try {
      const result = await job.run((jobId) => api.call('cases.exportBundle', { caseId: props.summary.id, jobId, ...(protect ? { passphrase } : {}) }));
      setPassphrase('');
      setAgain('');
      setDone(result);
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  return (
    <Dialog title={t('bundle.exportTitle', { name: props.summary.name })} onClose={props.onClose}>
      {done ? (
        <div data-testid="bundle-exported">
          <p role="status">{t(done.encrypted ? 'bundle.exportedEncrypted' : 'bundle.exported', { file: done.fileName, size: sizeText(done.bytes, locale) })}</p>
          <a className="button primary" href={api.fileUrl(done.downloadPath)} download={done.fileName}>
            {t('bundle.download')}
          </a>
          <p className="muted">{t('bundle.savedIn', { folder: done.folder })}</p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={props.onClose}>
              {t('common.close')}
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit}>
          <p>{t('bundle.exportExplain')}</p>
          <label className="check">
            <input type="checkbox" checked={protect} onChange={(e) => setProtect(e.target.checked)} /> {t('bundle.protect')}
          </label>
          {protect ? (
            <>
              <label htmlFor="bundle-passphrase">{t('bundle.passphrase')}</label>
              <input id="bundle-passphrase" type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
              <label htmlFor="bundle-passphrase-again">{t('bundle.passphraseAgain')}</label>
              <input id="bundle-passphrase-again" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} aria-invalid={mismatch} />
              {mismatch ? <p className="notice notice-warning">{t('bundle.passphraseMismatch')}</p> : null}
              <p className="muted">{t('bundle.passphraseNote')}</p>
            </>
          ) : null}
          <JobProgressBar job={job} label={t('bundle.exporting')} />
          <ErrorNotice text={error} />
          <div className="dialog-actions">
            <button type="button" className="button" onClick={props.onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="button primary" disabled={job.running || (protect && (!passphrase || passphrase !== again))}>
              {t('bundle.start')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

type ImportStep = { kind: 'pick' } | { kind: 'passphrase'; file: FileRef; wrong: boolean } | { kind: 'clash'; file: FileRef; name: string; passphrase?: string };

export function ImportBundleDialog(props: { onClose(): void; onImported(message: string, caseId: string): void }) {
  const { t } = useI18n();
  const job = useJob('cases.importBundle');
  const [step, setStep] = useState<ImportStep>({ kind: 'pick' });
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string>();

  const attempt = async (file: FileRef, options: { passphrase?: string; onClash?: 'refuse' | 'new' | 'replace' } = {}) => {
    setError(undefined);
    try {
      const result = await job.run((jobId) => api.call('cases.importBundle', { file, jobId, ...options }));
      setPassphrase('');
      props.onImported(
        result.replacedKeptAs ? t('bundle.importedReplaced', { name: result.name, path: result.replacedKeptAs }) : t('bundle.imported', { name: result.name, parts: result.parts }),
        result.caseId,
      );
    } catch (e) {
      const code = e instanceof ApiCallError ? (e.details as { code?: string } | undefined)?.code : undefined;
      if (code === 'bundle-passphrase-needed' || code === 'bundle-wrong-passphrase') setStep({ kind: 'passphrase', file, wrong: code === 'bundle-wrong-passphrase' });
      else if (e instanceof ApiCallError && e.code === 'already-exists') setStep({ kind: 'clash', file, name: (e.details as { name: string }).name, passphrase: options.passphrase });
      else setError(bundleErrorText(t, e));
    }
  };

  return (
    <Dialog title={t('bundle.importTitle')} onClose={props.onClose}>
      <p>{t('bundle.importExplain')}</p>
      {step.kind === 'pick' ? (
        <FilePicker testId="bundle-file-picker" accept=".relink" label={t('bundle.importPick')} onPicked={(files) => files[0] && void attempt(files[0].ref)} />
      ) : null}
      {step.kind === 'passphrase' ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (passphrase) void attempt(step.file, { passphrase });
          }}
        >
          <p role="status" className={step.wrong ? 'notice notice-warning' : undefined}>
            {t(step.wrong ? 'bundle.wrongPassphrase' : 'bundle.needPassphrase')}
          </p>
          <label htmlFor="bundle-unlock">{t('bundle.passphrase')}</label>
          <input id="bundle-unlock" type="password" autoComplete="current-password" autoFocus value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
          <div className="dialog-actions">
            <button type="submit" className="button primary" disabled={!passphrase || job.running}>
              {t('bundle.unlock')}
            </button>
          </div>
        </form>
      ) : null}
      {step.kind === 'clash' ? (
        <div>
          <p role="status">{t('bundle.clash', { name: step.name })}</p>
          <div className="dialog-actions">
            <button type="button" className="button primary" disabled={job.running} onClick={() => void attempt(step.file, { passphrase: step.passphrase, onClash: 'new' })}>
              {t('bundle.asNew')}
            </button>
            <button type="button" className="button danger" disabled={job.running} onClick={() => void attempt(step.file, { passphrase: step.passphrase, onClash: 'replace' })}>
              {t('bundle.replace')}
            </button>
          </div>
        </div>
      ) : null}
      <JobProgressBar job={job} label={t('bundle.importing')} />
      <ErrorNotice text={error} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={props.onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}

/** Lock (passphrase typed twice) or unlock (once) a case; the backend checks everything before a file moves. */
export function LockDialog(props: { summary: CaseSummary; unlock: boolean; onClose(): void; onDone(message: string): void }) {
  const { t } = useI18n();
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const { summary, unlock } = props;
  const ready = passphrase !== '' && (unlock || passphrase === again);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(undefined);
    try {
      if (unlock) await api.call('cases.unlock', { caseId: summary.id, passphrase });
      else await api.call('cases.lock', { caseId: summary.id, passphrase });
      props.onDone(t(unlock ? 'lock.unlocked' : 'lock.done', { name: summary.name }));
    } catch (e) {
      setError(bundleErrorText(t, e));
    } finally {
      setPassphrase('');
      setAgain('');
      setBusy(false);
    }
  };

  return (
    <Dialog title={t(unlock ? 'lock.unlockTitle' : 'lock.lockTitle', { name: summary.name })} onClose={props.onClose}>
      <form onSubmit={submit}>
        {unlock ? null : (
          <>
            <p>{t('lock.lockExplain')}</p>
            <p className="muted">{t('lock.protects')}</p>
          </>
        )}
        <label htmlFor="lock-passphrase">{t('bundle.passphrase')}</label>
        <input id="lock-passphrase" type="password" autoFocus autoComplete={unlock ? 'current-password' : 'new-password'} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
        {unlock ? null : (
          <>
            <label htmlFor="lock-passphrase-again">{t('bundle.passphraseAgain')}</label>
            <input id="lock-passphrase-again" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
            {again !== '' && again !== passphrase ? <p className="notice notice-warning">{t('bundle.passphraseMismatch')}</p> : null}
            <p className="muted">{t('bundle.passphraseNote')}</p>
          </>
        )}
        {busy ? <ProgressBar label={t(unlock ? 'lock.unlocking' : 'lock.locking')} /> : null}
        <ErrorNotice text={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={!ready || busy}>
            {t(unlock ? 'lock.unlockStart' : 'lock.start')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

// A labelled progress bar for a long job: how far, the time left (estimated in the backend the
// same way for every job: electron/api/eta.ts) and a Cancel button.
import { useI18n, type Translate } from '../i18n/i18n';

/** "45 秒" / "3 min" / "1 h 5 min": a time left, rounded as a person would say it. */
export function formatDuration(seconds: number, t: Translate): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 90) return t('job.seconds', { n: s });
  if (s < 3600) return t('job.minutes', { n: Math.round(s / 60) });
  return t('job.hours', { h: Math.floor(s / 3600), m: Math.round((s % 3600) / 60) });
}

export function ProgressBar(props: {
  label: string;
  fraction?: number;
  /** Seconds left; undefined while the job cannot tell yet (shown as "estimating"). */
  etaSeconds?: number;
  /** True for a job that reports how far it is: then the time left (or "estimating") is shown. */
  timed?: boolean;
  detail?: string;
  cancelling?: boolean;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const percent = props.fraction === undefined ? undefined : Math.round(props.fraction * 100);
  const eta = props.etaSeconds !== undefined ? t('job.eta', { eta: formatDuration(props.etaSeconds, t) }) : t('job.estimating');
  return (
    <div className="progress" role="status">
      <div className="progress-head">
        <span>{props.label}</span>
        {percent !== undefined ? <span>{percent}%</span> : null}
      </div>
      <progress max={100} value={percent} aria-label={props.label} />
      {props.timed && !props.cancelling ? (
        <div className="muted" data-testid="job-eta" data-eta-seconds={props.etaSeconds ?? ''}>
          {eta}
        </div>
      ) : null}
      {props.detail ? <div className="muted">{props.detail}</div> : null}
      {props.onCancel ? (
        <button type="button" className="button" onClick={props.onCancel} disabled={props.cancelling} data-testid="job-cancel">
          {props.cancelling ? t('job.cancelling') : t('common.cancel')}
        </button>
      ) : null}
    </div>
  );
}

/** The part of useJob's state a progress bar shows. */
interface RunningJob {
  running: boolean;
  progress?: { fraction?: number; etaSeconds?: number };
  cancelling?: boolean;
  cancel(): Promise<unknown>;
}

/**
 * A job's bar while it runs (nothing once it settled): its fraction, time left and Cancel. `staging`
 * is the part before the job can tell how far it is (files still being sent): no fraction, no time.
 */
export function JobProgressBar(props: { job: RunningJob; label: string; detail?: string; staging?: boolean }) {
  const { job, staging } = props;
  if (!job.running) return null;
  return (
    <ProgressBar
      label={props.label}
      fraction={staging ? undefined : job.progress?.fraction}
      etaSeconds={staging ? undefined : job.progress?.etaSeconds}
      timed={!staging}
      detail={props.detail}
      cancelling={job.cancelling}
      onCancel={() => void job.cancel()}
    />
  );
}

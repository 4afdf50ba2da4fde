// A labelled progress bar with an optional cancel button.
import { useI18n } from '../i18n/i18n';

export function ProgressBar(props: { label: string; fraction?: number; detail?: string; onCancel?(): void }) {
  const { t } = useI18n();
  const percent = props.fraction === undefined ? undefined : Math.round(props.fraction * 100);
  return (
    <div className="progress" role="status">
      <div className="progress-head">
        <span>{props.label}</span>
        {percent !== undefined ? <span>{percent}%</span> : null}
      </div>
      <progress max={100} value={percent} aria-label={props.label} />
      {props.detail ? <div className="muted">{props.detail}</div> : null}
      {props.onCancel ? (
        <button type="button" className="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      ) : null}
    </div>
  );
}

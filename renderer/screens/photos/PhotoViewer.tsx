// One picture large, with what is known about it: date and where that date came from, format,
// size, and every place it was found (paths, WeChat chat folder). Arrow keys step through the timeline.
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { PhotoRecord } from '../../../shared/types';
import { Dialog } from '../../components/Dialog';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { displayName, formatBytes, formatPictureDate } from './format';
import { fileUrl, thumbUrl } from './picture-url';

/** Formats Chromium shows in an <img>; others (HEIC, TIFF, videos) show their thumbnail instead. */
const SHOWABLE = new Set(['jpeg', 'png', 'gif', 'webp', 'avif', 'bmp']);

export function PhotoViewer(props: {
  caseId: string;
  photo: PhotoRecord;
  hasPrevious: boolean;
  hasNext: boolean;
  onStep(delta: -1 | 1): void;
  onClose(): void;
}) {
  const { t, locale } = useI18n();
  const { photo } = props;
  const showable = SHOWABLE.has(photo.type);
  const full = showable ? fileUrl(props.caseId, photo.sha256) : thumbUrl(props.caseId, photo.sha256);
  const [failed, setFailed] = useState(false);
  useEffect(() => setFailed(false), [photo.sha256]);
  const name = displayName(photo);

  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowLeft' && props.hasPrevious) props.onStep(-1);
    if (event.key === 'ArrowRight' && props.hasNext) props.onStep(1);
  };

  return (
    <Dialog title={t('photos.viewerTitle')} onClose={props.onClose}>
      <div className="photo-viewer" onKeyDown={onKey} data-testid="photo-viewer">
        <div className="photo-viewer-picture">
          {!failed ? (
            <img src={full} alt={name} onError={() => setFailed(true)} />
          ) : (
            <p className="muted">{t('photos.noPreview', { type: photo.type.toUpperCase() })}</p>
          )}
        </div>
        <div className="photo-viewer-info">
          <h3 className="photo-viewer-name">{name}</h3>
          {photo.thumbnailOnly ? <p className="notice notice-warning">{t('photos.thumbnailOnly')}</p> : null}
          <dl className="facts">
            <dt>{t('photos.date')}</dt>
            <dd data-testid="photo-date">{formatPictureDate(photo, locale)}</dd>
            <dt>{t('photos.dateSource')}</dt>
            <dd>{t(`photos.dateSource.${photo.dateSource}` as MessageKey)}</dd>
            <dt>{t('photos.format')}</dt>
            <dd>{photo.type.toUpperCase()}</dd>
            <dt>{t('photos.size')}</dt>
            <dd>{formatBytes(photo.size, locale)}</dd>
            {photo.width && photo.height ? (
              <>
                <dt>{t('photos.dimensions')}</dt>
                <dd>
                  {photo.width} × {photo.height}
                </dd>
              </>
            ) : null}
          </dl>
          <h4>{t('photos.origins', { count: photo.origins.length })}</h4>
          <ul className="photo-origins" data-testid="photo-origins">
            {photo.origins.map((o) => (
              <li key={o.path}>
                <span className="tag">{t(`photos.origin.${o.kind}` as MessageKey)}</span>
                <code>{o.path}</code>
                {o.chat ? <div className="muted">{t('photos.chatFolder', { chat: o.chat })}</div> : null}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <div className="dialog-actions photo-viewer-actions">
        <button type="button" className="button" disabled={!props.hasPrevious} onClick={() => props.onStep(-1)}>
          ← {t('photos.previous')}
        </button>
        <button type="button" className="button" disabled={!props.hasNext} onClick={() => props.onStep(1)}>
          {t('photos.next')} →
        </button>
        <span className="photo-viewer-spacer" />
        <a className="button" href={fileUrl(props.caseId, photo.sha256, true)} download={name.replace(/\.dat$/i, `.${photo.type === 'jpeg' ? 'jpg' : photo.type}`)}>
          {t('photos.download')}
        </a>
        <button type="button" className="button primary" onClick={props.onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}

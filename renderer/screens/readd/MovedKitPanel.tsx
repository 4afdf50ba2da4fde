// The "I've moved" kit: a card picture of the new account (name, ID, QR code) to save and post
// where old friends will see it, the new account as a vCard, and ready email / SMS drafts for
// contacts with an address or a phone. Friends adding the user cost the new account no requests.
import { useEffect, useRef, useState } from 'react';
import type { ReaddResults, ReaddView } from '../../../shared/contract';
import type { ReaddTarget } from '../../../shared/types';
import { api } from '../../api/client';
import { errorText } from '../../components/errors';
import { useI18n, type MessageKey, type Translate } from '../../i18n/i18n';
import { downloadExported } from '../../components/download';
import { ErrorNotice } from '../../components/ErrorNotice';

type Kit = ReaddResults['readd.movedKit'];
type Encode = 'id' | 'vcard';

const CARD_W = 720;
const CARD_H = 1000;
const FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Source Han Sans SC', system-ui, sans-serif";
const DRAFTS_SHOWN = 100;

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('QR image'));
    img.src = src;
  });
}

/** Shrinks the font until the text fits the width (long names, long IDs). */
function fitText(ctx: CanvasRenderingContext2D, text: string, weight: number, size: number, maxWidth: number): void {
  let px = size;
  do {
    ctx.font = `${weight} ${px}px ${FONT}`;
    px -= 2;
  } while (ctx.measureText(text).width > maxWidth && px > 14);
}

/** Draws the card: a green band with the headline, the name and ID, the QR code, and a how-to line. */
async function drawCard(canvas: HTMLCanvasElement, t: Translate, target: ReaddTarget, qrDataUrl: string, encode: Encode): Promise<void> {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const qr = await loadImage(qrDataUrl);
  const centre = CARD_W / 2;
  const inner = CARD_W - 96;
  ctx.clearRect(0, 0, CARD_W, CARD_H);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, CARD_W, CARD_H);
  ctx.fillStyle = '#0b6e4f';
  ctx.fillRect(0, 0, CARD_W, 150);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';

  ctx.fillStyle = '#ffffff';
  fitText(ctx, t('readd.moved.cardHeadline'), 700, 48, inner);
  ctx.fillText(t('readd.moved.cardHeadline'), centre, 75);

  const platform = t(`readd.platform.${target.platform}` as MessageKey);
  ctx.fillStyle = '#1c2430';
  const name = target.newAccountName || target.oldAccountName;
  if (name) {
    fitText(ctx, name, 700, 44, inner);
    ctx.fillText(name, centre, 215);
  }
  if (target.oldAccountName && target.oldAccountName !== name) {
    ctx.fillStyle = '#5a6472';
    const was = t('readd.moved.cardWas', { old: target.oldAccountName });
    fitText(ctx, was, 400, 26, inner);
    ctx.fillText(was, centre, 262);
  }
  ctx.fillStyle = '#1c2430';
  const idLine = t('readd.moved.cardId', { platform, id: target.newAccountId });
  fitText(ctx, idLine, 600, 34, inner);
  ctx.fillText(idLine, centre, 315);

  const qrSize = 520;
  ctx.imageSmoothingEnabled = false; // keep the modules sharp
  ctx.drawImage(qr, centre - qrSize / 2, 360, qrSize, qrSize);

  ctx.fillStyle = '#5a6472';
  const how = t(encode === 'vcard' ? 'readd.moved.cardHowVcard' : 'readd.moved.cardHowId');
  fitText(ctx, how, 400, 26, inner);
  ctx.fillText(how, centre, 930);
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function savePng(canvas: HTMLCanvasElement, fileName: string): void {
  canvas.toBlob((blob) => {
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }, 'image/png');
}

export function MovedKitPanel({ caseId, view }: { caseId: string; view: ReaddView }) {
  const { t } = useI18n();
  const target = view.settings.targets.find((x) => x.id === view.settings.activeTargetId);
  const [encode, setEncode] = useState<Encode>('id');
  const [kit, setKit] = useState<Kit>();
  const [error, setError] = useState<string>();
  const [copied, setCopied] = useState<string>();
  const [showAll, setShowAll] = useState(false);
  const canvas = useRef<HTMLCanvasElement>(null);
  const hasId = !!target?.newAccountId;

  useEffect(() => {
    if (!hasId) return;
    let live = true;
    setError(undefined);
    api.call('readd.movedKit', { caseId, encode }).then(
      (result) => live && setKit(result),
      (e: unknown) => live && setError(errorText(t, e)),
    );
    return () => {
      live = false;
    };
  }, [caseId, encode, hasId, t, target?.newAccountId, target?.newAccountName, target?.platform, target?.oldAccountName]);

  useEffect(() => {
    if (kit && target && canvas.current) {
      drawCard(canvas.current, t, target, kit.qr.pngDataUrl, encode).catch((e: unknown) => setError(errorText(t, e)));
    }
  }, [kit, target, t, encode]);

  if (!target || !hasId) {
    return (
      <div className="notice notice-warning" role="alert" data-testid="moved-no-id">
        {t('readd.moved.noId')}
      </div>
    );
  }

  const downloadVcard = async () => {
    try {
      downloadExported(await api.call('readd.export', { caseId, kind: 'moved-vcard' }));
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  const copyDraft = async (key: string, text: string) => {
    if (await copy(text)) setCopied(key);
  };
  const drafts = kit?.drafts ?? [];
  const shown = showAll ? drafts : drafts.slice(0, DRAFTS_SHOWN);

  return (
    <div className="moved-kit">
      <div className="notice moved-why">
        <strong>{t('readd.moved.whyTitle')}</strong> {t('readd.moved.why')}
      </div>
      <ErrorNotice text={error} />

      <section className="panel moved-card-panel" aria-labelledby="moved-card-title">
        <h2 id="moved-card-title">{t('readd.moved.cardTitle')}</h2>
        <div className="moved-card-layout">
          <canvas
            ref={canvas}
            width={CARD_W}
            height={CARD_H}
            className="moved-card"
            role="img"
            aria-label={t('readd.moved.cardAlt', { id: target.newAccountId })}
            data-testid="moved-card"
          />
          <div className="moved-card-side">
            <fieldset className="moved-encode">
              <legend>{t('readd.moved.encode')}</legend>
              <label>
                <input type="radio" name="moved-encode" value="id" checked={encode === 'id'} onChange={() => setEncode('id')} />
                {t('readd.moved.encodeId')}
              </label>
              <p className="muted small">{t('readd.moved.encodeIdHint')}</p>
              <label>
                <input type="radio" name="moved-encode" value="vcard" checked={encode === 'vcard'} onChange={() => setEncode('vcard')} />
                {t('readd.moved.encodeVcard')}
              </label>
              <p className="muted small">{t('readd.moved.encodeVcardHint')}</p>
              {encode === 'vcard' && !target.newPhone ? (
                <p className="notice notice-warning small" data-testid="moved-no-phone">
                  {t('readd.moved.noPhone')}
                </p>
              ) : null}
            </fieldset>
            {kit ? (
              <figure className="moved-qr">
                <img src={kit.qr.pngDataUrl} alt={t('readd.moved.qrAlt')} width={160} height={160} data-testid="moved-qr" />
                <figcaption className="muted small">{t('readd.moved.qrContent', { content: encode === 'id' ? kit.qr.content : t('readd.moved.vcardShort') })}</figcaption>
              </figure>
            ) : (
              <p>{t('common.loading')}</p>
            )}
            <div className="card-actions">
              <button type="button" className="button primary" disabled={!kit} onClick={() => canvas.current && savePng(canvas.current, t('readd.moved.pngName', { id: target.newAccountId }))}>
                {t('readd.moved.savePng')}
              </button>
              <button type="button" className="button" onClick={() => void downloadVcard()}>
                {t('readd.moved.downloadVcard')}
              </button>
            </div>
            <p className="muted small">{t('readd.moved.whereToPost')}</p>
          </div>
        </div>
      </section>

      <section className="panel" aria-labelledby="moved-drafts-title">
        <h2 id="moved-drafts-title">{t('readd.moved.draftsTitle', { count: drafts.length })}</h2>
        <p className="muted">{t('readd.moved.draftsIntro')}</p>
        {kit && drafts.length === 0 ? <p className="empty-state">{t('readd.moved.noDrafts')}</p> : null}
        <ul className="moved-drafts" data-testid="moved-drafts">
          {shown.map((d) => {
            const key = `${d.personId}-${d.channel}`;
            const text = d.subject ? `${d.subject}\n\n${d.body}` : d.body;
            return (
              <li key={key} className="moved-draft" data-testid="moved-draft">
                <div className="moved-draft-head">
                  <strong>{d.name}</strong>
                  <span className="tag">{t(d.channel === 'email' ? 'readd.moved.email' : 'readd.moved.sms')}</span>
                  <span className="muted">{d.to}</span>
                </div>
                {d.subject ? <div className="moved-draft-subject">{d.subject}</div> : null}
                <p className="moved-draft-body">{d.body}</p>
                <div className="card-actions">
                  <a className="button" href={d.url} target="_blank" rel="noreferrer">
                    {t(d.channel === 'email' ? 'readd.moved.openEmail' : 'readd.moved.openSms', { name: d.name })}
                  </a>
                  <button type="button" className="button" onClick={() => void copyDraft(key, text)}>
                    {copied === key ? t('readd.copied') : t('readd.moved.copyText')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
        {drafts.length > shown.length ? (
          <button type="button" className="button" onClick={() => setShowAll(true)}>
            {t('readd.moved.showAll', { count: drafts.length })}
          </button>
        ) : null}
      </section>
    </div>
  );
}

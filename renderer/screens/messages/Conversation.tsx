// One conversation, virtualized: messages are fetched page by page as they scroll into view, day
// separators between days, the owner's messages on the right, system lines centred, pictures as
// thumbnails from the case's content store. Opened from a search hit it centres and marks that message.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ArchivedMessage, ChatSummary } from '../../../shared/types';
import { api } from '../../api/client';
import { errorText } from '../../components/errors';
import { useI18n } from '../../i18n/i18n';
import { counted, dayKey, dayLabel, kindName, platformName, timeLabel } from './format';
import { messageMediaUrl, messageVoiceUrl, thumbnailUrl } from './picture';
import { formatBytes } from '../photos/format';
import { downloadExported } from '../../components/download';
import { ErrorNotice } from '../../components/ErrorNotice';
import { JobProgressBar } from '../../components/ProgressBar';
import { useJob } from '../../components/useJob';

const PAGE = 200;
const MAX_PARTICIPANT_LINKS = 8;

export const personRefOf = (p: { name: string; handles: string[] }): string => p.handles[0] ?? `name:${p.name}`;

export function Conversation(props: { caseId: string; chat: ChatSummary; focusId?: string; onOpenPerson(ref: string): void }) {
  const { t, locale } = useI18n();
  const { caseId, chat, focusId } = props;
  const parent = useRef<HTMLDivElement>(null);
  const loaded = useRef(new Map<number, ArchivedMessage>());
  const requested = useRef(new Set<number>());
  const generation = useRef(0);
  const [total, setTotal] = useState<number>();
  const [startIndex, setStartIndex] = useState<number>();
  const [, setTick] = useState(0);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const exportJob = useJob('messages.export');

  const store = useCallback((offset: number, messages: ArchivedMessage[]) => {
    messages.forEach((m, i) => loaded.current.set(offset + i, m));
    setTick((n) => n + 1);
  }, []);

  // First page: around the focused message, else the newest messages (a chat opens at its end).
  useEffect(() => {
    const run = ++generation.current;
    loaded.current.clear();
    requested.current.clear();
    setTotal(undefined);
    setStartIndex(undefined);
    setError(undefined);
    void (async () => {
      try {
        if (focusId) {
          const page = await api.call('messages.get', { caseId, chatId: chat.id, aroundMessageId: focusId, limit: PAGE });
          if (run !== generation.current) return;
          store(page.offset, page.messages);
          setTotal(page.total);
          setStartIndex(Math.max(0, page.offset + page.messages.findIndex((m) => m.id === focusId)));
          return;
        }
        const first = await api.call('messages.get', { caseId, chatId: chat.id, offset: 0, limit: PAGE });
        if (run !== generation.current) return;
        store(0, first.messages);
        if (first.total > PAGE) {
          const offset = first.total - PAGE;
          const last = await api.call('messages.get', { caseId, chatId: chat.id, offset, limit: PAGE });
          if (run !== generation.current) return;
          store(offset, last.messages);
        }
        setTotal(first.total);
        setStartIndex(first.total - 1);
      } catch (e) {
        if (run === generation.current) setError(errorText(t, e));
      }
    })();
  }, [caseId, chat.id, focusId, store, t]);

  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => parent.current,
    estimateSize: () => 72,
    overscan: 8,
  });

  useEffect(() => {
    if (startIndex === undefined || !total) return;
    virtualizer.scrollToIndex(startIndex, { align: focusId ? 'center' : 'end' });
    // Only when a chat (or a hit) is opened; later scrolling is the user's.
  }, [startIndex, total]);

  const items = virtualizer.getVirtualItems();
  const firstShown = items[0]?.index;
  const lastShown = items[items.length - 1]?.index;

  // Pages that scrolled into view but are not loaded yet.
  useEffect(() => {
    if (firstShown === undefined || lastShown === undefined) return;
    const run = generation.current;
    for (let i = firstShown; i <= lastShown; i++) {
      if (loaded.current.has(i)) continue;
      const offset = Math.floor(i / PAGE) * PAGE;
      if (requested.current.has(offset)) continue;
      requested.current.add(offset);
      api
        .call('messages.get', { caseId, chatId: chat.id, offset, limit: PAGE })
        .then((page) => run === generation.current && store(offset, page.messages))
        .catch((e: unknown) => run === generation.current && setError(errorText(t, e)));
    }
  }, [firstShown, lastShown, caseId, chat.id, store, t]);

  // A long chat takes a while to write: a job with progress and Cancel, then downloaded from the data folder.
  const exportAs = async (format: 'html' | 'txt') => {
    setNotice(undefined);
    setError(undefined);
    try {
      const file = await exportJob.run((jobId) => api.call('messages.export', { caseId, chatId: chat.id, format, jobId }));
      downloadExported(file);
      setNotice(t('messages.exported', { file: file.fileName }));
    } catch (e) {
      if ((e as { code?: string }).code === 'cancelled') setNotice(t('messages.exportCancelled'));
      else setError(errorText(t, e));
    }
  };
  const exported = exportJob.progress?.counters;

  const others = chat.participants.filter((p) => !p.isSelf);
  return (
    <section className="msg-conversation-panel" aria-labelledby="conversation-title">
      <div className="msg-conversation-head">
        <div>
          <h2 id="conversation-title">{chat.name}</h2>
          <div className="muted">
            {platformName(t, chat.platform)}
            {chat.kind === 'group' ? ` · ${t('messages.group')}` : ''}
            {' · '}
            {counted(t, 'messages.chatCount', chat.messages)}
          </div>
        </div>
        <div className="card-actions">
          <button type="button" className="button" onClick={() => void exportAs('html')} disabled={exportJob.running}>
            {t('messages.exportHtml')}
          </button>
          <button type="button" className="button" onClick={() => void exportAs('txt')} disabled={exportJob.running}>
            {t('messages.exportText')}
          </button>
        </div>
      </div>
      <JobProgressBar
        job={exportJob}
        label={t('messages.exporting')}
        detail={exported ? t('messages.exportCount', { written: exported.written, total: exported.total }) : undefined}
      />
      {others.length ? (
        <div className="msg-participants">
          {others.slice(0, MAX_PARTICIPANT_LINKS).map((p) => (
            <button key={personRefOf(p)} type="button" className="button msg-person-link" onClick={() => props.onOpenPerson(personRefOf(p))}>
              {t('messages.openPerson', { name: p.name || personRefOf(p) })}
            </button>
          ))}
        </div>
      ) : null}
      {notice ? (
        <div className="notice" role="status">
          {notice}
        </div>
      ) : null}
      <ErrorNotice text={error} />
      <div ref={parent} className="msg-conversation" role="list" aria-label={t('messages.conversationLabel', { name: chat.name })} tabIndex={0}>
        {total === undefined ? <p className="muted msg-loading">{t('common.loading')}</p> : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const message = loaded.current.get(item.index);
            const previous = loaded.current.get(item.index - 1);
            const newDay = message && (item.index === 0 || (previous && dayKey(previous.at) !== dayKey(message.at)));
            return (
              <div
                key={item.key}
                role="listitem"
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="msg-row-slot"
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
              >
                {message ? (
                  <>
                    {newDay ? (
                      <div className="msg-day">
                        <span>{dayLabel(message.at, locale)}</span>
                      </div>
                    ) : null}
                    <MessageRow caseId={caseId} message={message} focused={message.id === focusId} showSender={chat.kind === 'group' || !message.sender.isSelf} />
                  </>
                ) : (
                  <div className="msg-row msg-placeholder muted">{t('messages.loadingRow')}</div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}

function MessageRow(props: { caseId: string; message: ArchivedMessage; focused: boolean; showSender: boolean }) {
  const { t, locale } = useI18n();
  const m = props.message;
  if (m.kind === 'system' || m.kind === 'recall' || m.kind === 'pat') {
    return (
      <div className={props.focused ? 'msg-row msg-system msg-focus' : 'msg-row msg-system'} data-testid={props.focused ? 'focused-message' : undefined}>
        <span>{m.text || kindName(t, m.kind)}</span>
      </div>
    );
  }
  const side = m.sender.isSelf ? 'msg-self' : 'msg-other';
  return (
    <div className={`msg-row ${side}${props.focused ? ' msg-focus' : ''}`} data-testid={props.focused ? 'focused-message' : undefined}>
      <div className="msg-bubble">
        <div className="msg-meta">
          {props.showSender ? <span className="msg-sender">{m.sender.name}</span> : null}
          <time dateTime={m.at} title={m.localTime}>
            {timeLabel(m.at, locale)}
          </time>
        </div>
        {m.replyTo?.text ? (
          <blockquote className="msg-reply">
            {m.replyTo.sender ? t('messages.replyTo', { name: m.replyTo.sender }) : ''}
            {m.replyTo.text}
          </blockquote>
        ) : null}
        {m.kind === 'image' ? (
          <Picture caseId={props.caseId} message={m} />
        ) : m.kind !== 'text' && !(m.kind === 'quote' && m.replyTo?.text) ? (
          <div className="msg-kind">
            {m.media?.path ? t('messages.kindWithFile', { kind: kindName(t, m.kind), file: baseName(m.media.path) }) : t('messages.kindOnly', { kind: kindName(t, m.kind) })}
          </div>
        ) : null}
        {m.text ? <div className="msg-text">{m.text}</div> : null}
        {m.media?.size !== undefined && (m.kind === 'voice' || m.kind === 'video' || m.kind === 'file') ? <StoredMedia caseId={props.caseId} message={m} /> : null}
      </div>
    </div>
  );
}

/**
 * A stored video and a voice play in place (nothing loads before the user presses play, so
 * scrolling stays fast; WeChat's SILK voice arrives decoded to WAV); a voice and a file download.
 */
function StoredMedia(props: { caseId: string; message: ArchivedMessage }) {
  const { t, locale } = useI18n();
  const m = props.message;
  const url = messageMediaUrl(props.caseId, m.id);
  const size = formatBytes(m.media?.size ?? 0, locale);
  if (m.kind === 'video') {
    return (
      <div className="msg-media">
        <video className="msg-video" controls preload="none" src={url} width={240} height={135} aria-label={t('messages.videoLabel', { size })} />
        <span className="muted">{size}</span>
      </div>
    );
  }
  if (m.kind === 'voice') return <StoredVoice caseId={props.caseId} message={m} size={size} />;
  return (
    <div className="msg-media">
      <a className="msg-media-link" href={url} download data-testid="message-media-file">
        {t('messages.downloadFile', { name: baseName(m.media?.path ?? ''), size })}
      </a>
    </div>
  );
}

/** A voice plays in place; when it cannot be decoded (damaged, or an old client's AMR) that is said, and the original still downloads. */
function StoredVoice(props: { caseId: string; message: ArchivedMessage; size: string }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const m = props.message;
  return (
    <div className="msg-media">
      {failed ? (
        <span className="msg-media-note" role="status" data-testid="message-voice-unplayable">
          {t('messages.voiceUnplayable')}
        </span>
      ) : (
        <audio className="msg-audio" controls preload="none" src={messageVoiceUrl(props.caseId, m.id)} aria-label={t('messages.voiceLabel', { size: props.size })} onError={() => setFailed(true)} />
      )}
      <a className="msg-media-link" href={messageMediaUrl(props.caseId, m.id)} download data-testid="message-media-voice">
        {t('messages.downloadVoice', { size: props.size })}
      </a>
    </div>
  );
}

const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

function Picture(props: { caseId: string; message: ArchivedMessage }) {
  const { t } = useI18n();
  const media = props.message.media;
  const name = media?.path ? baseName(media.path) : '';
  if (!media?.sha256) return <PicturePlaceholder text={media?.missing || !name ? t('messages.pictureMissing') : t('messages.pictureNamed', { name })} />;
  return <StoredPicture caseId={props.caseId} sha256={media.sha256} name={name || t('messages.picture')} />;
}

function StoredPicture(props: { caseId: string; sha256: string; name: string }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  if (failed) return <PicturePlaceholder text={t('messages.pictureNamed', { name: props.name })} />;
  return <img className="msg-picture" src={thumbnailUrl(props.caseId, props.sha256)} alt={props.name} width={160} height={160} onError={() => setFailed(true)} />;
}

function PicturePlaceholder(props: { text: string }) {
  return (
    <div className="msg-picture msg-picture-missing">
      <svg width={28} height={28} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} aria-hidden="true" focusable="false">
        <path d="M4 5h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zM3 16l5-5 4 4 3-3 6 6" />
      </svg>
      <span>{props.text}</span>
    </div>
  );
}

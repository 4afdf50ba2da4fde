// Every chat of the case, newest activity first, virtualized: only the rows on screen exist.
import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ChatSummary } from '../../../shared/types';
import { useI18n } from '../../i18n/i18n';
import { counted, lastLine, platformName, shortDate } from './format';

const ROW_HEIGHT = 76;

export function ChatList(props: { chats: ChatSummary[]; onOpen(chat: ChatSummary): void }) {
  const { t, locale } = useI18n();
  const parent = useRef<HTMLDivElement>(null);
  const names = new Intl.ListFormat(locale, { type: 'conjunction' });
  const virtualizer = useVirtualizer({
    count: props.chats.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  return (
    <div
      ref={parent}
      className="virtual-list msg-chat-list"
      // A few chats need no tall empty box; many scroll inside the window's height.
      style={{ height: `min(calc(100vh - 300px), ${props.chats.length * ROW_HEIGHT + 2}px)` }}
      role="list"
      aria-label={t('messages.chatListLabel')}
      tabIndex={0}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const chat = props.chats[item.index]!;
          const others = chat.participants.filter((p) => !p.isSelf);
          return (
            <div
              key={chat.id}
              role="listitem"
              className="msg-chat-row"
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
            >
              <button type="button" className="msg-chat-open" onClick={() => props.onOpen(chat)}>
                <span className="msg-chat-line">
                  <span className="msg-chat-name">{chat.name}</span>
                  {chat.kind === 'group' ? <span className="tag">{t('messages.group')}</span> : null}
                  <span className="tag">{platformName(t, chat.platform)}</span>
                  <span className="msg-chat-date">{chat.lastAt ? shortDate(chat.lastAt, locale) : ''}</span>
                </span>
                <span className="msg-chat-last">{lastLine(t, chat)}</span>
                <span className="msg-chat-meta">
                  {counted(t, 'messages.chatCount', chat.messages)}
                  {' · '}
                  {others.length
                    ? t('messages.participantsNames', { count: chat.participants.length, names: names.format(others.slice(0, 4).map((p) => p.name)) + (others.length > 4 ? '…' : '') })
                    : t('messages.participants', { count: chat.participants.length })}
                </span>
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}

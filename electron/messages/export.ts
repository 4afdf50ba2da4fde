// A chat written out for reading without the app: plain text, or one self-contained HTML page
// (no scripts, no outside resources, every text escaped), its words in the user's language.
import type { ArchivedMessage, Locale } from '../../shared/types';
import { EXPORT_WORDS, type ExportWords } from './export-words';
import { chatRow, messageRowsOfChat, toArchived, type MessageRow } from './queries';
import { isNoticeKind } from './model';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function* messagesOf(caseDir: string, chatId: number): Generator<ArchivedMessage> {
  let batch: MessageRow[] = [];
  for (const row of messageRowsOfChat(caseDir, chatId)) {
    batch.push(row);
    if (batch.length === 1000) {
      yield* toArchived(caseDir, batch);
      batch = [];
    }
  }
  yield* toArchived(caseDir, batch);
}

function mediaNote(m: ArchivedMessage, words: ExportWords): string {
  if (m.kind === 'text') return '';
  return words.media(words.kinds[m.kind] ?? words.kinds.other, m.media?.path ?? (m.media?.missing ? words.notIncluded : undefined));
}

export function exportChatText(caseDir: string, chatId: string, locale: Locale): string {
  const words = EXPORT_WORDS[locale];
  const chat = chatRow(caseDir, Number(chatId));
  if (!chat) throw new Error(`no chat ${chatId} in this archive`);
  const platform = words.platforms[chat.platform] ?? chat.platform;
  const lines = [words.heading(chat.name, platform, words.chatKinds[chat.kindResolved]), ''];
  for (const m of messagesOf(caseDir, chat.id)) {
    const who = m.sender.name || (isNoticeKind(m.kind) ? '' : '?');
    const note = mediaNote(m, words);
    const reply = m.replyTo?.text ? `${words.replyTo(m.replyTo.sender ?? '', m.replyTo.text)} ` : '';
    const body = [note, reply + m.text].filter((s) => s.trim()).join(' ');
    lines.push(`${m.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}${who ? ` ${who}:` : ''} ${body}`);
  }
  return lines.join('\n') + '\n';
}

export function exportChatHtml(caseDir: string, chatId: string, locale: Locale): string {
  const words = EXPORT_WORDS[locale];
  const chat = chatRow(caseDir, Number(chatId));
  if (!chat) throw new Error(`no chat ${chatId} in this archive`);
  const rows: string[] = [];
  for (const m of messagesOf(caseDir, chat.id)) {
    const cls = isNoticeKind(m.kind) ? 'sys' : m.sender.isSelf ? 'me' : 'them';
    const reply = m.replyTo?.text ? `<blockquote>${escapeHtml(m.replyTo.sender ?? '')}: ${escapeHtml(m.replyTo.text)}</blockquote>` : '';
    const note = mediaNote(m, words);
    rows.push(
      `<div class="msg ${cls}"><div class="meta"><time datetime="${escapeHtml(m.at)}">${escapeHtml(m.localTime)}</time> <b>${escapeHtml(m.sender.name)}</b></div>` +
        `${reply}${note ? `<div class="media">${escapeHtml(note)}</div>` : ''}<div class="text">${escapeHtml(m.text)}</div></div>`,
    );
  }
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(chat.name)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;background:#f5f5f5;color:#222}
.msg{margin:.5rem 0;padding:.4rem .7rem;border-radius:.5rem;background:#fff}
.msg.me{background:#dcf8c6;margin-left:3rem}.msg.them{margin-right:3rem}.msg.sys{background:none;text-align:center;color:#666;font-size:13px}
.meta{font-size:12px;color:#666}.text{white-space:pre-wrap;word-break:break-word}.media{color:#555;font-style:italic}
blockquote{margin:.2rem 0;padding-left:.5rem;border-left:3px solid #aaa;color:#555}
</style></head><body>
<h1>${escapeHtml(chat.name)}</h1>
${rows.join('\n')}
</body></html>
`;
}

// A chat written out for reading without the app: plain text, or one self-contained HTML page
// (no scripts, no outside resources, every text escaped), its words in the user's language. A long job: the chat is read a page at a
// time (by id, so no cursor stays open while the file is written) and written as pieces into a temp
// file renamed when whole (writeExportFile).
import type { ArchivedMessage, Locale } from '../../shared/types';
import { writeExportFile, type ExportProgress } from '../platform/export-file';
import { EXPORT_WORDS, type ExportWords } from './export-words';
import { isNoticeKind } from './model';
import { chatExtent, chatRow, messageRowsOfChatAfter, toArchived } from './queries';

export type ChatExportFormat = 'html' | 'txt';

/** Messages read per page: each page is a few hundred KB of output, written before the next is read. */
const PAGE = 1000;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The chat's messages page by page, as they were when it began; checks the signal before each page. */
function* pagesOf(caseDir: string, chatId: number, opts: ExportProgress): Generator<ArchivedMessage[]> {
  const { total, lastId } = chatExtent(caseDir, chatId);
  let written = 0;
  let after = -1;
  opts.onProgress?.(0, total);
  for (;;) {
    opts.signal?.throwIfAborted();
    const rows = messageRowsOfChatAfter(caseDir, chatId, after, lastId, PAGE);
    if (!rows.length) return;
    yield toArchived(caseDir, rows);
    after = rows.at(-1)!.id;
    written += rows.length;
    opts.onProgress?.(written, total);
  }
}

function mediaNote(m: ArchivedMessage, words: ExportWords): string {
  if (m.kind === 'text') return '';
  return words.media(words.kinds[m.kind] ?? words.kinds.other, m.media?.path ?? (m.media?.missing ? words.notIncluded : undefined));
}

function textLine(m: ArchivedMessage, words: ExportWords): string {
  const who = m.sender.name || (isNoticeKind(m.kind) ? '' : '?');
  const note = mediaNote(m, words);
  const reply = m.replyTo?.text ? `${words.replyTo(m.replyTo.sender ?? '', m.replyTo.text)} ` : '';
  const body = [note, reply + m.text].filter((s) => s.trim()).join(' ');
  return `${m.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}${who ? ` ${who}:` : ''} ${body}\n`;
}

function htmlRow(m: ArchivedMessage, words: ExportWords): string {
  const cls = isNoticeKind(m.kind) ? 'sys' : m.sender.isSelf ? 'me' : 'them';
  const reply = m.replyTo?.text ? `<blockquote>${escapeHtml(m.replyTo.sender ?? '')}: ${escapeHtml(m.replyTo.text)}</blockquote>` : '';
  const note = mediaNote(m, words);
  return (
    `<div class="msg ${cls}"><div class="meta"><time datetime="${escapeHtml(m.at)}">${escapeHtml(m.localTime)}</time> <b>${escapeHtml(m.sender.name)}</b></div>` +
    `${reply}${note ? `<div class="media">${escapeHtml(note)}</div>` : ''}<div class="text">${escapeHtml(m.text)}</div></div>\n`
  );
}

function htmlHead(name: string, locale: Locale): string {
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(name)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;background:#f5f5f5;color:#222}
.msg{margin:.5rem 0;padding:.4rem .7rem;border-radius:.5rem;background:#fff}
.msg.me{background:#dcf8c6;margin-left:3rem}.msg.them{margin-right:3rem}.msg.sys{background:none;text-align:center;color:#666;font-size:13px}
.meta{font-size:12px;color:#666}.text{white-space:pre-wrap;word-break:break-word}.media{color:#555;font-style:italic}
blockquote{margin:.2rem 0;padding-left:.5rem;border-left:3px solid #aaa;color:#555}
</style></head><body>
<h1>${escapeHtml(name)}</h1>
`;
}

/** The export's text in pieces, one per page of messages. */
function* chatPieces(caseDir: string, chatId: string, format: ChatExportFormat, locale: Locale, opts: ExportProgress): Generator<string> {
  const words = EXPORT_WORDS[locale];
  const chat = chatRow(caseDir, Number(chatId));
  if (!chat) throw new Error(`no chat ${chatId} in this archive`);
  const platform = words.platforms[chat.platform] ?? chat.platform;
  yield format === 'html' ? htmlHead(chat.name, locale) : `${words.heading(chat.name, platform, words.chatKinds[chat.kindResolved])}\n\n`;
  const line = format === 'html' ? htmlRow : textLine;
  for (const page of pagesOf(caseDir, chat.id, opts)) yield page.map((m) => line(m, words)).join('');
  if (format === 'html') yield '</body></html>\n';
}

/** Writes one chat to `target`; nothing is left under `target` unless it finished. */
export async function writeChatExport(
  caseDir: string,
  chatId: string,
  format: ChatExportFormat,
  locale: Locale,
  target: string,
  opts: ExportProgress = {},
): Promise<{ messages: number; bytes: number }> {
  let messages = 0;
  const onProgress = (written: number, total: number) => {
    messages = written;
    opts.onProgress?.(written, total);
  };
  const bytes = await writeExportFile(target, chatPieces(caseDir, chatId, format, locale, { ...opts, onProgress }));
  return { messages, bytes };
}

// MemoTrace (留痕 / WeChatMsg) chat exports: per-chat and all-chats CSV, TXT, and HTML
// (a `const chatMessages = [ … ]` array of JS literals in 1.x, JSON objects in 2.1.1).
import type { ChatKind, MessageKind } from '../../../shared/types';
import { readHeadedCsv } from '../csv';
import type { ParsedChat, ParsedMessage, ParseEvent, ParsedSender, ReaderInput } from '../model';
import { isNoticeKind, kindFromExtension } from '../model';
import { JsLiteralError, JsLiteralReader } from './js-literal';
import { isGroupId, weChatNoticeKind, kindFromPlaceholder, kindFromWeChatType, localDateTime, memotraceChatFromPath, noticeText, typedWeChatMessage } from './wechat';

export const MEMOTRACE_CSV_COLUMNS = ['localId', 'TalkerId', 'Type', 'SubType', 'IsSender', 'CreateTime', 'Status', 'StrContent', 'StrTime', 'Remark', 'NickName', 'Sender'];

function chatFromPath(label: string, suffix: RegExp): ParsedChat {
  const { name, wxid } = memotraceChatFromPath(label, suffix);
  const kind: ChatKind | undefined = wxid ? (isGroupId(wxid) ? 'group' : 'private') : undefined;
  return { key: wxid ? `wechat:${wxid}` : `wechat:name:${name}`, name, platform: 'wechat', kind };
}

/** Per-chat `<remark>_utf8.csv`, or the all-chats CSV (then chats are told apart by TalkerId). */
export async function* readMemoTraceCsv(input: ReaderInput): AsyncIterable<ParseEvent> {
  const perChat = /_utf8\.csv$/i.test(input.label) || /\([^()]+\)[\\/][^\\/]+$/.test(input.label);
  const fileChat = perChat ? chatFromPath(input.label, /(_utf8)?\.csv$/i) : undefined;
  const talkerChats = new Map<string, ParsedChat>();
  for await (const event of readHeadedCsv(input.chunks(), MEMOTRACE_CSV_COLUMNS.length)) {
    if (event.type === 'skip') {
      yield event;
      continue;
    }
    const { line, get } = event;
    const seconds = Number(get('CreateTime'));
    const at = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : localDateTime(get('StrTime'));
    if (at === undefined) {
      yield { type: 'skip', line, reason: `no usable time (CreateTime "${get('CreateTime')}", StrTime "${get('StrTime')}")`, code: 'chat-no-time' };
      continue;
    }
    const isSelf = get('IsSender') === '1';
    const wxid = get('Sender');
    const name = get('Remark') || get('NickName') || wxid;
    const sender: ParsedSender = { name, handles: wxid ? [wxid] : [], isSelf };
    let chat = fileChat;
    if (!chat) {
      const talker = get('TalkerId');
      chat = talkerChats.get(talker);
      if (!chat) {
        // The all-chats CSV names the sender, not the chat: the first other person's name stands in.
        chat = { key: `wechat:talker:${talker}`, name: isSelf ? `会话 ${talker}` : name, platform: 'wechat', nameIsGuess: true };
        talkerChats.set(talker, chat);
      } else if (chat.name.startsWith('会话 ') && !isSelf) {
        chat = { ...chat, name };
        talkerChats.set(talker, chat);
      }
    }
    const { kind, text, replyTo } = typedWeChatMessage(Number(get('Type')), Number(get('SubType')) || 0, get('StrContent'));
    yield {
      type: 'message',
      message: { chat, at, localTime: get('StrTime') || new Date(at).toISOString(), sender, kind, text, replyTo, line },
    };
  }
}

const TXT_HEADER = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) (.*)$/;

/** `<remark>.txt`: "time name\ncontent\n\n" blocks; a header with no content below is a system line. */
export async function* readMemoTraceTxt(input: ReaderInput): AsyncIterable<ParseEvent> {
  const chat = chatFromPath(input.label, /\.txt$/i);
  let block: { stamp: string; head: string; body: string[]; line: number } | undefined;
  let lineNo = 0;
  const flush = (): ParseEvent | undefined => {
    if (!block) return undefined;
    const { stamp, head, line } = block;
    const body = block.body;
    block = undefined;
    while (body.length > 0 && body[body.length - 1] === '') body.pop();
    const at = localDateTime(stamp)!;
    if (body.length === 0) {
      return { type: 'message', message: { chat, at, localTime: stamp, sender: { name: '', handles: [], isSelf: false }, kind: 'system', text: head, line } };
    }
    let text = body.join('\n');
    let replyTo: ParsedMessage['replyTo'];
    const quote = /\n引用:([^:\n]*):([\s\S]*)$/.exec(text);
    if (quote) {
      replyTo = { sender: quote[1], text: quote[2] };
      text = text.slice(0, quote.index);
    }
    const kind: MessageKind = weChatNoticeKind(text) ?? kindFromPlaceholder(text) ?? 'text';
    const keepText = kind === 'text' || isNoticeKind(kind);
    return { type: 'message', message: { chat, at, localTime: stamp, sender: { name: head, handles: [`name:${head}`], isSelf: false }, kind, text: keepText ? text : '', replyTo, line } };
  };
  for await (const line of input.lines()) {
    lineNo++;
    const m = TXT_HEADER.exec(line);
    if (m && localDateTime(m[1]!) !== undefined && (!block || block.body.length === 0 || block.body[block.body.length - 1] === '')) {
      const done = flush();
      if (done) yield done;
      block = { stamp: m[1]!, head: m[2]!.trim(), body: [], line: lineNo };
    } else if (block) {
      block.body.push(line);
    } else if (line.trim()) {
      yield { type: 'skip', line: lineNo, reason: 'text before the first dated message', code: 'chat-text-before-first' };
    }
  }
  const done = flush();
  if (done) yield done;
}

export const HTML_MARKER = /const\s+chatMessages\s*=\s*\[/;

type Item = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function htmlKind(item: Item): MessageKind {
  const type = Number(item.type);
  const sub = Number(item.sub_type ?? item.SubType ?? 0);
  return kindFromWeChatType(type, sub);
}

/** `<remark>.html`: reads the chatMessages array without evaluating it. */
export async function* readMemoTraceHtml(input: ReaderInput): AsyncIterable<ParseEvent> {
  const html = await input.text();
  const marker = HTML_MARKER.exec(html);
  if (!marker) {
    yield { type: 'skip', reason: 'no chatMessages array: this HTML page is not a MemoTrace chat export', code: 'chat-html-not-export' };
    return;
  }
  // Offsets only grow while reading the array, so lines are counted incrementally.
  let countedTo = 0;
  let countedLines = 1;
  const lineAt = (offset: number): number => {
    if (offset < countedTo) return countedLines;
    for (let i = html.indexOf('\n', countedTo); i >= 0 && i < offset; i = html.indexOf('\n', i + 1)) countedLines++;
    countedTo = offset;
    return countedLines;
  };
  const base = chatFromPath(input.label, /\.html?$/i);
  let chat: ParsedChat | undefined;
  const events: ParseEvent[] = [];
  const reader = new JsLiteralReader(html, marker.index + marker[0].length - 1);
  try {
    reader.arrayItems((value, index, offset) => {
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        events.push({ type: 'skip', line: lineAt(offset), reason: `item ${index + 1} is not an object`, code: 'chat-item-not-object', params: { item: index + 1 } });
        return;
      }
      const item = value as Item;
      const seconds = Number(item.timestamp);
      if (!Number.isFinite(seconds) || seconds <= 0) {
        events.push({ type: 'skip', line: lineAt(offset), reason: `item ${index + 1}: no timestamp`, code: 'chat-item-no-time', params: { item: index + 1 } });
        return;
      }
      chat ??= { ...base, kind: base.kind ?? (Number(item.is_chatroom) === 1 ? 'group' : 'private') };
      const isSelf = Number(item.is_send) === 1;
      const name = str(item.displayname);
      const sender: ParsedSender = { name, handles: name ? [`name:${name}`] : [], isSelf };
      const kind = htmlKind(item) === 'text' ? (weChatNoticeKind(str(item.text)) ?? 'text') : htmlKind(item);
      const raw = str(item.text);
      const isPath = /^\.?\/?(image|voice|video|file|emoji|music)\//.test(raw);
      const mediaPath = isPath ? raw.replace(/^\.\//, '') : undefined;
      let text = isPath ? '' : isNoticeKind(kind) ? noticeText(raw) : raw;
      if (kind === 'voice' && typeof item.voice_to_text === 'string') text = item.voice_to_text;
      let replyTo: ParsedMessage['replyTo'];
      if (item.quote_text || item.refer_text) replyTo = { text: str(item.quote_text ?? item.refer_text) };
      events.push({
        type: 'message',
        message: {
          chat,
          at: seconds * 1000,
          localTime: new Date(seconds * 1000).toISOString(),
          sender,
          kind: mediaPath && kind === 'other' ? kindFromExtension(mediaPath) : kind,
          text,
          sourceId: item.MsgSvrID !== undefined ? str(item.MsgSvrID) : undefined,
          mediaPath,
          replyTo,
          line: lineAt(offset),
        },
      });
    });
  } catch (error) {
    const where = error instanceof JsLiteralError ? ` at line ${lineAt(error.offset)}` : '';
    events.push({
      type: 'skip',
      line: error instanceof JsLiteralError ? lineAt(error.offset) : undefined,
      reason: `message array unreadable${where}: ${(error as Error).message}; messages before it were kept`,
      code: 'chat-array-unreadable',
    });
  }
  yield* events;
}

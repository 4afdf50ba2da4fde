// Other WeChat exporters: PyWxDump (CSV + users.json, JSON), chatlog CSV, WechatExporter TXT,
// WeFlow / EchoTrace JSON.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ChatKind, MessageKind } from '../../../shared/types';
import { readHeadedCsv } from '../csv';
import { isNoticeKind, type ParsedChat, type ParsedMessage, type ParseEvent, type ParsedSender, type ReaderInput } from '../model';
import { appMessageText, isGroupId, weChatNoticeKind, kindFromPlaceholder, kindFromTypeName, kindFromWeChatType, localDateTime, noticeText } from './wechat';

export const PYWXDUMP_CSV_COLUMNS = ['id', 'MsgSvrID', 'type_name', 'is_sender', 'talker', 'room_name', 'msg', 'src', 'CreateTime'];
export const CHATLOG_CSV_COLUMNS = ['Time', 'SenderName', 'Sender', 'TalkerName', 'Talker', 'Content'];

interface UserInfo {
  remark?: string;
  nickname?: string;
  account?: string;
}

/** PyWxDump writes users.json beside (or one level above) the chat's files. */
export function loadUsers(baseDir: string | undefined): Record<string, UserInfo> {
  if (!baseDir) return {};
  for (const dir of [baseDir, dirname(baseDir), dirname(dirname(baseDir))]) {
    const path = join(dir, 'users.json');
    if (!existsSync(path)) continue;
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
      if (data && typeof data === 'object') return data as Record<string, UserInfo>;
    } catch {
      return {};
    }
  }
  return {};
}

const displayName = (users: Record<string, UserInfo>, wxid: string): string => {
  const u = users[wxid];
  return (u?.remark || u?.nickname || wxid).trim();
};

const wechatHandles = (users: Record<string, UserInfo>, wxid: string): string[] => {
  const account = users[wxid]?.account;
  return [wxid, ...(account && account !== wxid ? [account] : [])].filter(Boolean);
};

/** One PyWxDump message (CSV row or JSON object) to a parsed message, or a reason to skip it. */
export function pywxdumpMessage(row: Record<string, unknown>, users: Record<string, UserInfo>, chats: Map<string, ParsedChat>, line: number | undefined): ParseEvent {
  const get = (k: string): string => (row[k] === undefined || row[k] === null ? '' : String(row[k]));
  const room = get('room_name') || get('talker');
  const localTime = get('CreateTime');
  const at = /^\d{9,11}$/.test(localTime) ? Number(localTime) * 1000 : localDateTime(localTime);
  if (!room) return { type: 'skip', line, reason: 'no room_name / talker', code: 'chat-no-chat-name' };
  if (at === undefined) return { type: 'skip', line, reason: `unreadable CreateTime "${localTime}"`, code: 'chat-bad-time', params: { value: localTime } };
  let chat = chats.get(room);
  if (!chat) {
    chat = { key: `wechat:${room}`, name: displayName(users, room), platform: 'wechat', kind: isGroupId(room) ? 'group' : 'private' };
    chats.set(room, chat);
  }
  const talker = get('talker');
  const isSelf = get('is_sender') === '1';
  const sender: ParsedSender = { name: displayName(users, talker), handles: wechatHandles(users, talker), isSelf };
  const typeName = get('type_name');
  const msg = get('msg');
  const named = kindFromTypeName(typeName);
  const kind = named === 'text' ? (weChatNoticeKind(msg) ?? named) : named;
  const app = msg.startsWith('<') && !isNoticeKind(kind) ? appMessageText(msg) : undefined;
  const src = get('src');
  const isFilePath = src && !/^https?:/i.test(src);
  return {
    type: 'message',
    message: {
      chat,
      at,
      localTime,
      sender,
      kind,
      text: app ? app.text : kind === 'image' || kind === 'video' || kind === 'voice' ? '' : isNoticeKind(kind) ? noticeText(msg) : msg,
      sourceId: get('MsgSvrID') || undefined,
      mediaPath: isFilePath && (kind === 'image' || kind === 'video' || kind === 'voice' || kind === 'file') ? src.replace(/\\/g, '/') : undefined,
      replyTo: app?.replyTo,
      line,
    },
  };
}

export async function* readPyWxDumpCsv(input: ReaderInput): AsyncIterable<ParseEvent> {
  const users = loadUsers(input.baseDir);
  const chats = new Map<string, ParsedChat>();
  for await (const event of readHeadedCsv(input.chunks(), PYWXDUMP_CSV_COLUMNS.length)) {
    if (event.type === 'skip') {
      yield event;
      continue;
    }
    const { fields, line, columns: col } = event;
    const row: Record<string, string> = {};
    for (const [name, i] of col) row[name] = fields[i] ?? '';
    yield pywxdumpMessage(row, users, chats, line);
  }
}

export async function* readChatlogCsv(input: ReaderInput): AsyncIterable<ParseEvent> {
  const chats = new Map<string, ParsedChat>();
  for await (const event of readHeadedCsv(input.chunks(), CHATLOG_CSV_COLUMNS.length)) {
    if (event.type === 'skip') {
      yield event;
      continue;
    }
    const { line, get } = event;
    const at = localDateTime(get('Time'));
    if (at === undefined) {
      yield { type: 'skip', line, reason: `unreadable Time "${get('Time')}"`, code: 'chat-bad-time', params: { value: get('Time') } };
      continue;
    }
    const talker = get('Talker');
    let chat = chats.get(talker);
    if (!chat) {
      chat = { key: `wechat:${talker}`, name: get('TalkerName') || talker, platform: 'wechat', kind: isGroupId(talker) ? 'group' : 'private' };
      chats.set(talker, chat);
    }
    const wxid = get('Sender');
    // In a one-to-one chat every message not from the other person is the owner's.
    const isSelf = chat.kind === 'private' && wxid !== '' && wxid !== talker;
    const content = get('Content');
    const kind: MessageKind = weChatNoticeKind(content) ?? kindFromPlaceholder(content) ?? 'text';
    yield {
      type: 'message',
      message: { chat, at, localTime: get('Time'), sender: { name: get('SenderName') || wxid, handles: wxid ? [wxid] : [], isSelf }, kind, text: kind === 'text' || isNoticeKind(kind) ? content : '', line },
    };
  }
}

const EXPORTER_TITLE = /^(.*) - (微信聊天记录|WeChat Chat History)\s*$/;
const EXPORTER_LINE = /^(.+?) \((\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})\):(.*)$/;

export async function* readWechatExporterTxt(input: ReaderInput): AsyncIterable<ParseEvent> {
  const folder = input.label.split(/[\\/]/).slice(-2, -1)[0];
  let chat: ParsedChat | undefined;
  let current: ParsedMessage | undefined;
  let lineNo = 0;
  const makeChat = (name: string): ParsedChat => ({ key: `wechat:name:${name}`, name, platform: 'wechat' });
  const finish = (m: ParsedMessage): ParsedMessage => {
    const quote = /^「([^：:]+)[：:]([\s\S]*?)」\n- - - -[- ]*\n?([\s\S]*)$/.exec(m.text);
    if (quote) return { ...m, text: quote[3]!.trim(), replyTo: { sender: quote[1], text: quote[2] } };
    return m;
  };
  for await (const line of input.lines()) {
    lineNo++;
    const title = lineNo <= 3 && !chat ? EXPORTER_TITLE.exec(line) : null;
    if (title) {
      chat = makeChat(title[1]!.trim());
      continue;
    }
    const m = EXPORTER_LINE.exec(line);
    const at = m ? localDateTime(m[2]!) : undefined;
    if (m && at !== undefined) {
      if (current) yield { type: 'message', message: finish(current) };
      chat ??= makeChat(folder || input.label);
      const name = m[1]!.trim();
      const system = /^(System Message|系统消息)$/i.test(name);
      const body = m[3]!;
      const kind: MessageKind = system ? 'system' : (weChatNoticeKind(body) ?? kindFromPlaceholder(body) ?? 'text');
      current = {
        chat,
        at,
        localTime: m[2]!,
        sender: system ? { name: '', handles: [], isSelf: false } : { name, handles: [`name:${name}`], isSelf: false },
        kind,
        text: kind === 'text' || isNoticeKind(kind) ? body : '',
        line: lineNo,
      };
    } else if (current) {
      current.text += `\n${line}`;
    } else if (line.trim()) {
      yield { type: 'skip', line: lineNo, reason: 'text before the first dated message', code: 'chat-text-before-first' };
    }
  }
  if (current) yield { type: 'message', message: finish({ ...current, text: current.text.replace(/\n+$/, '') }) };
}

type Json = Record<string, unknown>;

export function isWeFlowExport(data: unknown): boolean {
  const o = data as Json;
  return !!o && typeof o === 'object' && typeof o.session === 'object' && Array.isArray(o.messages);
}

/** The chat of a WeFlow export, from its `session`. */
export function weflowChat(data: Json): ParsedChat {
  const session = (data.session ?? {}) as Json;
  const wxid = String(session.wxid ?? '');
  const name = String(session.remark || session.displayName || session.nickname || wxid || 'WeFlow chat');
  const kind: ChatKind = session.type === '群聊' || isGroupId(wxid) ? 'group' : 'private';
  return { key: wxid ? `wechat:${wxid}` : `wechat:name:${name}`, name, platform: 'wechat', kind };
}

/** Message `i` of a WeFlow export. */
export function weflowMessage(value: unknown, i: number, chat: ParsedChat): ParseEvent {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { type: 'skip', reason: `item ${i + 1} is not an object`, code: 'chat-item-not-object', params: { item: i + 1 } };
  const m = value as Json;
  const seconds = Number(m.createTime);
  const at = Number.isFinite(seconds) && seconds > 0 ? (seconds > 1e11 ? seconds : seconds * 1000) : localDateTime(String(m.formattedTime ?? ''));
  if (at === undefined) return { type: 'skip', reason: `message ${i + 1}: no usable createTime`, code: 'chat-item-no-time', params: { item: i + 1 } };
  const isSelf = m.isSend === 1 || m.isSend === true;
  const user = String(m.senderUsername ?? '');
  const sender: ParsedSender = { name: String(m.senderDisplayName ?? user), handles: user ? [user] : [], isSelf };
  const localType = Number(m.localType);
  const content = typeof m.content === 'string' ? m.content : '';
  // localType packs SubType above the low 32 bits (a pat: 62 << 32 | 49).
  const typed: MessageKind = Number.isFinite(localType) && localType > 0 ? kindFromWeChatType(localType % 2 ** 32, Math.floor(localType / 2 ** 32)) : (kindFromPlaceholder(content) ?? 'text');
  const msgKind: MessageKind = typed === 'text' || isNoticeKind(typed) ? (weChatNoticeKind(noticeText(content)) ?? typed) : typed;
  return {
    type: 'message',
    message: {
      chat,
      at,
      localTime: String(m.formattedTime ?? new Date(at).toISOString()),
      sender,
      kind: msgKind,
      text: isNoticeKind(msgKind) ? noticeText(content) : content,
      sourceId: m.platformMessageId !== undefined ? String(m.platformMessageId) : undefined,
      replyTo: m.replyToMessageId !== undefined ? { sourceId: String(m.replyToMessageId) } : undefined,
    },
  };
}

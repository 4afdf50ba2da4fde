// ChatLab standard format: one JSON document, or JSONL (header line, member lines, message lines).
import type { MessageKind, Platform } from '../../../shared/types';
import type { ParsedChat, ParseEvent, ParsedSender, ReaderInput } from '../model';

type Json = Record<string, unknown>;

const KINDS: Record<number, MessageKind> = {
  0: 'text', 1: 'image', 2: 'voice', 3: 'video', 4: 'file', 5: 'sticker', 7: 'link', 8: 'location',
  20: 'redPacket', 21: 'transfer', 22: 'system', 23: 'call', 24: 'link', 25: 'text', 26: 'forward', 27: 'contact',
  80: 'system', 81: 'recall', 99: 'other',
};

const PLATFORMS: Platform[] = ['wechat', 'telegram', 'whatsapp', 'weibo'];

export function chatlabChat(meta: Json): { chat: ParsedChat; ownerId?: string } {
  const platform = (PLATFORMS as string[]).includes(String(meta.platform)) ? (meta.platform as Platform) : 'other';
  const name = String(meta.name ?? 'ChatLab chat');
  const id = meta.groupId !== undefined ? String(meta.groupId) : undefined;
  return {
    chat: { key: `${platform}:${id ?? `name:${name}`}`, name, platform, kind: meta.type === 'group' ? 'group' : meta.type === 'private' ? 'private' : undefined },
    ownerId: meta.ownerId !== undefined ? String(meta.ownerId) : undefined,
  };
}

function handleOf(platform: Platform, id: string): string {
  if (platform === 'wechat') return id;
  if (platform === 'telegram') return `telegram:${id.replace(/^user/, '')}`;
  if (platform === 'whatsapp') return /^\+?\d{6,}$/.test(id) ? (id.startsWith('+') ? id : `+${id}`) : `whatsapp:${id}`;
  return `${platform}:${id}`;
}

export function chatlabMessage(m: Json, chat: ParsedChat, ownerId: string | undefined, where: string, line?: number): ParseEvent {
  const seconds = Number(m.timestamp);
  if (!Number.isFinite(seconds) || seconds <= 0) return { type: 'skip', line, reason: `${where}: no usable timestamp`, code: 'chat-no-time' };
  const at = seconds > 1e11 ? seconds : seconds * 1000; // tolerate milliseconds
  const id = m.sender !== undefined ? String(m.sender) : '';
  const name = String(m.groupNickname || m.accountName || id);
  const sender: ParsedSender = { name, handles: id ? [handleOf(chat.platform, id)] : [], isSelf: ownerId !== undefined && id === ownerId };
  const kind = KINDS[Number(m.type)] ?? 'other';
  return {
    type: 'message',
    message: {
      chat,
      at,
      localTime: new Date(at).toISOString(),
      sender,
      kind,
      text: typeof m.content === 'string' ? m.content : '',
      sourceId: m.platformMessageId !== undefined ? String(m.platformMessageId) : undefined,
      replyTo: m.replyToMessageId !== undefined ? { sourceId: String(m.replyToMessageId) } : undefined,
      line,
    },
  };
}

export function isChatLabJson(data: unknown): boolean {
  const o = data as Json;
  return !!o && typeof o === 'object' && typeof o.chatlab === 'object' && Array.isArray(o.messages);
}

export async function* readChatLabJsonl(input: ReaderInput): AsyncIterable<ParseEvent> {
  let lineNo = 0;
  let head: { chat: ParsedChat; ownerId?: string } | undefined;
  for await (const line of input.lines()) {
    lineNo++;
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    let row: Json;
    try {
      row = JSON.parse(trimmed) as Json;
    } catch (error) {
      yield { type: 'skip', line: lineNo, reason: `not valid JSON (${(error as Error).message})`, code: 'chat-line-not-json' };
      continue;
    }
    if (row._type === 'header') {
      head = chatlabChat((row.meta ?? {}) as Json);
    } else if (row._type === 'message') {
      if (!head) {
        yield { type: 'skip', line: lineNo, reason: 'message before the header line', code: 'chat-before-header' };
        continue;
      }
      yield chatlabMessage(row, head.chat, head.ownerId, `line ${lineNo}`, lineNo);
    }
  }
}

// Telegram Desktop "Export chat history" JSON: a full export (result.json, chats.list[]) or a
// single chat ({name, type, id, messages}). Text is a string or an array of strings and entities.
import type { ChatKind, MessageKind } from '../../../shared/types';
import type { ParsedChat, ParsedMessage, ParseEvent, ParsedSender } from '../model';

type Json = Record<string, unknown>;

const NOT_INCLUDED = /^\(File not included/;
const PRIVATE_TYPES = new Set(['personal_chat', 'bot_chat', 'saved_messages']);

export function isTelegramExport(data: unknown): boolean {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return false;
  const o = data as Json;
  const chats = o.chats as Json | undefined;
  if (chats && Array.isArray(chats.list)) return true;
  const messages = o.messages;
  if (!Array.isArray(messages)) return false;
  const first = messages[0] as Json | undefined;
  return !first || (typeof first === 'object' && ('date_unixtime' in first || ('date' in first && 'type' in first)));
}

/** Plain text of a Telegram `text` field (string, or array of strings and {text} entities). */
export function telegramText(text: unknown): string {
  if (typeof text === 'string') return text;
  if (!Array.isArray(text)) return '';
  return text.map((part) => (typeof part === 'string' ? part : typeof (part as Json)?.text === 'string' ? ((part as Json).text as string) : '')).join('');
}

function chatOf(raw: Json, fallbackName: string): ParsedChat {
  const type = typeof raw.type === 'string' ? raw.type : undefined;
  const kind: ChatKind | undefined = type ? (PRIVATE_TYPES.has(type) ? 'private' : 'group') : undefined;
  const name = typeof raw.name === 'string' && raw.name ? raw.name : type === 'saved_messages' ? 'Saved Messages' : fallbackName;
  const id = raw.id !== undefined ? String(raw.id) : undefined;
  return { key: id ? `telegram:${id}` : `telegram:name:${name}`, name, platform: 'telegram', kind };
}

function senderOf(m: Json, selfId: string | undefined): ParsedSender {
  const fromId = typeof m.from_id === 'string' ? m.from_id : typeof m.actor_id === 'string' ? m.actor_id : undefined;
  const name = typeof m.from === 'string' ? m.from : typeof m.actor === 'string' ? m.actor : '';
  const userId = fromId?.replace(/^user/, '');
  const handles = fromId ? [fromId.startsWith('user') ? `telegram:${userId}` : `telegram:${fromId}`] : name ? [`name:${name}`] : [];
  return { name: name || fromId || '', handles, isSelf: selfId !== undefined && userId === selfId };
}

function mediaOf(m: Json): Pick<ParsedMessage, 'kind' | 'mediaPath' | 'mediaMissing'> | undefined {
  const path = typeof m.photo === 'string' ? m.photo : typeof m.file === 'string' ? m.file : undefined;
  let kind: MessageKind | undefined;
  if (typeof m.photo === 'string') kind = 'image';
  else if (typeof m.media_type === 'string') {
    kind = ({ sticker: 'sticker', voice_message: 'voice', video_message: 'video', animation: 'video', video_file: 'video', audio_file: 'voice' } as Record<string, MessageKind>)[m.media_type] ?? 'file';
  } else if (typeof m.file === 'string') kind = 'file';
  else if (m.location_information) kind = 'location';
  else if (m.contact_information) kind = 'contact';
  if (!kind) return undefined;
  if (!path) return { kind };
  return NOT_INCLUDED.test(path) ? { kind, mediaMissing: true } : { kind, mediaPath: path };
}

/** "2023-11-14T10:00:00" read as if it were UTC: the wall clock as a number, to compare with the real instant. */
function wallClockAsUtc(local: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
}

/** The message carries its instant (`date_unixtime`, seconds), not only the exporter's wall clock. */
const hasInstant = (m: Json): boolean => (typeof m.date_unixtime === 'string' || typeof m.date_unixtime === 'number') && Number.isFinite(Number(m.date_unixtime));

/**
 * How the export's local times relate to real instants. `date` is the exporter's wall clock with no
 * zone; messages that also carry `date_unixtime` show its offset, and the most common one is used for
 * those that carry only `date` (older exports). Without any, this machine's zone is the best guess.
 * Offsets are tallied as messages stream by (`learn`), so the file is never held.
 */
export class TelegramClock {
  private readonly counts = new Map<number, number>();
  /** Messages read in this machine's zone because the file shows no offset. */
  assumedLocal = 0;

  /** Tallies the offset a message shows; true when it carries its instant (`date_unixtime`). */
  learn(m: Json): boolean {
    if (!hasInstant(m)) return false;
    const s = Number(m.date_unixtime);
    const wall = typeof m.date === 'string' ? wallClockAsUtc(m.date) : undefined;
    if (wall !== undefined) {
      const offset = Math.round((wall - s * 1000) / 60_000) * 60_000; // zones are whole minutes
      this.counts.set(offset, (this.counts.get(offset) ?? 0) + 1);
    }
    return true;
  }

  /** Offset of the exporter's wall clock from UTC in ms, when the messages learned so far show it. */
  get offset(): number | undefined {
    let best: [number, number] | undefined;
    for (const entry of this.counts) if (!best || entry[1] > best[1]) best = entry;
    return best?.[0];
  }

  timeOf(m: Json): { at: number; local: string } | undefined {
    const local = typeof m.date === 'string' ? m.date : '';
    if (hasInstant(m)) {
      const s = Number(m.date_unixtime);
      return { at: s * 1000, local: local || new Date(s * 1000).toISOString() };
    }
    if (!local) return undefined;
    const wall = wallClockAsUtc(local);
    const offset = this.offset;
    if (wall !== undefined && offset !== undefined) return { at: wall - offset, local };
    const t = new Date(local).getTime(); // no zone in the export and none learned: this machine's
    if (!Number.isFinite(t)) return undefined;
    this.assumedLocal++;
    return { at: t, local };
  }
}

/** One message of a chat (its index `i` in the chat's list) as an event. */
export function telegramMessage(value: unknown, i: number, chat: ParsedChat, where: string, selfId: string | undefined, clock: TelegramClock): ParseEvent {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { type: 'skip', reason: `${where} item ${i + 1} is not an object`, code: 'chat-item-not-object', params: { item: i + 1 } };
  }
  const m = value as Json;
  const at = clock.timeOf(m);
  if (!at) {
    return {
      type: 'skip',
      reason: `${where} message ${i + 1}${m.id !== undefined ? ` (id ${String(m.id)})` : ''}: no usable date`,
      code: 'chat-item-no-time',
      params: { item: i + 1 },
    };
  }
  const text = telegramText(m.text);
  const base = { chat, at: at.at, localTime: at.local, sender: senderOf(m, selfId), sourceId: m.id !== undefined ? String(m.id) : undefined, line: i + 1 };
  const replyTo = m.reply_to_message_id !== undefined ? { sourceId: String(m.reply_to_message_id) } : undefined;
  if (m.type === 'service') {
    const action = typeof m.action === 'string' ? m.action : 'service';
    const kind: MessageKind = action === 'phone_call' || action === 'group_call' ? 'call' : 'system';
    const sentence = [base.sender.name, action.replace(/_/g, ' '), Array.isArray(m.members) ? (m.members as unknown[]).join(', ') : '', text].filter(Boolean).join(' ');
    return { type: 'message', message: { ...base, kind, text: sentence } };
  }
  const media = mediaOf(m);
  return { type: 'message', message: { ...base, kind: media?.kind ?? 'text', text, mediaPath: media?.mediaPath, mediaMissing: media?.mediaMissing, replyTo } };
}

/** A message that carries only its local time waits until the whole file showed the clock's offset. */
export const waitsForClock = (value: unknown): boolean => !!value && typeof value === 'object' && !Array.isArray(value) && !hasInstant(value as Json);

/** The export's owner (personal_information.user_id), to tell their messages. */
export function telegramSelfId(root: Json): string | undefined {
  const personal = root.personal_information as Json | undefined;
  return personal?.user_id !== undefined ? String(personal.user_id) : undefined;
}

export { chatOf as telegramChat };

/** The note for messages read in this machine's zone, when there were any. */
export function localTimeNote(clock: TelegramClock): ParseEvent | undefined {
  if (clock.assumedLocal === 0) return undefined;
  return {
    type: 'note',
    reason: `${clock.assumedLocal} messages carry only a local time with no time zone, and no message in the file shows the offset: they were read in this computer's time zone`,
    code: 'chat-local-time-assumed',
    params: { count: clock.assumedLocal },
  };
}

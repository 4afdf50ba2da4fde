// What every format reader hands to the archive: chats and messages in one neutral shape.
import type { ChatKind, IssueParams, MessageFormat, MessageKind, Platform } from '../../shared/types';

export interface ParsedChat {
  /** Stable identity of the chat across imports, e.g. "wechat:wxid_abc", "wechat:name:张三", "telegram:123". */
  key: string;
  name: string;
  platform: Platform;
  /** Undefined when the export does not say: decided from the number of senders once the file is read. */
  kind?: ChatKind;
  /** The export does not name the chat; `name` is a stand-in that a later, better one replaces. */
  nameIsGuess?: boolean;
}

export interface ParsedSender {
  name: string;
  /** Identifiers of the person (see MessageHandle in shared/types). */
  handles: string[];
  isSelf: boolean;
}

export interface ParsedMessage {
  chat: ParsedChat;
  /** Milliseconds since the epoch (UTC). */
  at: number;
  /**
   * The time the duplicate check compares, when coarser than `at`: WhatsApp's Android export writes
   * minutes and iOS's seconds, so both compare by minute and importing both exports of one chat
   * does not double it.
   */
  dedupeAt?: number;
  /** The time exactly as the export wrote it. */
  localTime: string;
  sender: ParsedSender;
  kind: MessageKind;
  text: string;
  /** Id the platform gave the message (MsgSvrID, Telegram id), used to resolve replies. */
  sourceId?: string;
  /** Path of an attached media file, relative to the export file's folder. */
  mediaPath?: string;
  /** Media existed but the export left it out. */
  mediaMissing?: boolean;
  /** The media is already in the case's content store (bytes a database held, e.g. WeChat voice). */
  mediaSha256?: string;
  /** The file at `mediaPath` is kept in the content store even though it is not a picture (a WeChat database's videos and files). */
  keepMedia?: boolean;
  replyTo?: { sourceId?: string; sender?: string; text?: string };
  /** 1-based line (or record) where the message starts. */
  line?: number;
}

export type ParseEvent =
  | { type: 'message'; message: ParsedMessage }
  | { type: 'skip'; line?: number; reason: string; code?: string; params?: IssueParams }
  /** Something the user should know about how the whole file was read (a guess it had to make). */
  | { type: 'note'; reason: string; code: string; params?: IssueParams };

/** The sender of notices (joins, pats, recalls, the encryption notice): no one. */
export const NO_ONE: ParsedSender = { name: '', handles: [], isSelf: false };

/** Kinds that are notices of the platform, never a person's message: pats and recall notices too. */
export const isNoticeKind = (kind: MessageKind): boolean => kind === 'system' || kind === 'pat' || kind === 'recall';

/**
 * A notice is no one's message, whatever sender the export wrote beside it (MemoTrace puts the
 * friend who patted, Telegram the member who joined): it never creates a person nor counts as theirs.
 */
export function withoutNoticeSender(message: ParsedMessage): ParsedMessage {
  if (!isNoticeKind(message.kind) || message.sender === NO_ONE) return message;
  if (!message.sender.name && message.sender.handles.length === 0 && !message.sender.isSelf) return message;
  return { ...message, sender: NO_ONE };
}

/** Called by readers as they consume input, for progress reports. */
export type BytesCallback = (bytesRead: number) => void;

export interface FormatReader {
  format: MessageFormat;
  /** Reads one file; `baseDir` is where relative media paths point to. */
  read(input: ReaderInput): AsyncIterable<ParseEvent>;
}

export interface ReaderInput {
  /** Path shown in messages (the file, or "zip!entry"). */
  label: string;
  /** Folder the export's relative media paths start from (undefined inside a zip). */
  baseDir?: string;
  /** Decoded text lines, streamed. */
  lines(): AsyncIterable<string>;
  /** Decoded text in chunks, streamed (for CSV, whose fields may span lines). */
  chunks(): AsyncIterable<string>;
  /** Whole decoded text (for formats that need it, e.g. JSON). */
  text(): Promise<string>;
  onBytes?: BytesCallback;
}

export const kindFromExtension = (path: string): MessageKind => {
  const ext = path.toLowerCase().replace(/^.*\./, '');
  if (ext === 'tgs') return 'sticker';
  if (['jpg', 'jpeg', 'png', 'gif', 'webp', 'heic', 'bmp', 'dat'].includes(ext)) return 'image';
  if (['opus', 'ogg', 'mp3', 'm4a', 'aac', 'amr', 'silk', 'wav'].includes(ext)) return 'voice';
  if (['mp4', 'mov', '3gp', 'mkv', 'webm', 'avi'].includes(ext)) return 'video';
  return 'file';
};

// A parsed message as the archive writer stores it: notice senders dropped, its duplicate key made.
// This work needs no database, so an import does it on the reading thread (parse-worker.ts), and
// the thread that owns the archive allocates ids and inserts. Rows cross threads packed in batches
// (a few typed arrays and a few strings), not as objects to be cloned one by one.
//
// Search tokens are still made on the archive's thread, by the insert trigger (writer.ts): made
// here, they had to go through the stage beside each row and be found again by id there, which
// cost the archive's thread more than making them (1M MemoTrace messages on one thread, one run
// each at load 4–7: 27.2 s CPU against 25.2 s).
import { hash } from 'node:crypto';
import type { ParsedChat, ParsedMessage, ParsedSender } from './model';
import { withoutNoticeSender } from './model';

export interface MessageRow {
  chat: ParsedChat;
  sender: ParsedSender;
  /** UTC second of the message: its id is allocated within it. */
  second: number;
  dedupe: bigint;
  localTime: string;
  kind: string;
  text: string;
  sourceId: string | null;
  mediaPath: string | null;
  mediaMissing: boolean;
  mediaSha256: string | null;
  /** replyTo as JSON. */
  reply: string | null;
  /** The media file goes to the content store once the message is known to be new. */
  picture: boolean;
}

/** Identity of a sender within a platform: first handle, else the name; the owner and "no one" have fixed keys. */
export function senderKey(chat: ParsedChat, sender: ParsedSender): string {
  if (isSystemSender(sender)) return `${chat.platform}:system`;
  const first = sender.handles[0];
  if (first) return `${chat.platform}:${first}`;
  if (sender.isSelf) return `${chat.platform}:self`;
  return `${chat.platform}:name:${sender.name}`;
}

export const isSystemSender = (sender: ParsedSender): boolean => !sender.isSelf && !sender.name && sender.handles.length === 0;

/** Turns one file's messages into rows; a new encoder for each file (occurrences count per file). */
export class RowEncoder {
  /**
   * How often each content was seen in this file, so identical lines sent in the same second stay
   * distinct; keyed by the content's first key (a long string key is read whole for every look-up).
   */
  private occurrences = new Map<bigint, number>();

  encode(parsed: ParsedMessage): MessageRow {
    const message = withoutNoticeSender(parsed);
    const second = Math.floor(message.at / 1000);
    return {
      chat: message.chat,
      sender: message.sender,
      second,
      dedupe: this.dedupeKey(message, message.dedupeAt === undefined ? second : Math.floor(message.dedupeAt / 1000)),
      localTime: message.localTime,
      kind: message.kind,
      text: message.text,
      sourceId: message.sourceId ?? null,
      mediaPath: message.mediaPath ?? null,
      mediaMissing: message.mediaMissing === true,
      mediaSha256: message.mediaSha256 ?? null,
      reply: message.replyTo ? JSON.stringify(message.replyTo) : null,
      picture: Boolean(message.mediaPath && !message.mediaSha256 && (message.kind === 'image' || message.keepMedia)),
    };
  }

  private dedupeKey(message: ParsedMessage, second: number): bigint {
    // Bounded memory: files are mostly in time order, so forgetting old keys now and then is safe.
    if (this.occurrences.size > 50_000) this.occurrences.clear();
    // One-shot SHA-1 of the same bytes as before (chat, sender, second, text, occurrence joined by
    // U+0001): keys stay comparable with older archives. The first occurrence's key names the content.
    const content = `${message.chat.key}\u0001${senderKey(message.chat, message.sender)}\u0001${second}\u0001${message.text}\u0001`;
    const first = hash('sha1', `${content}1`, 'buffer').readBigInt64LE(0);
    const seen = (this.occurrences.get(first) ?? 0) + 1;
    this.occurrences.set(first, seen);
    return seen === 1 ? first : hash('sha1', `${content}${seen}`, 'buffer').readBigInt64LE(0);
  }
}

/** The string fields of a row, in packing order. */
const STRINGS = ['localTime', 'kind', 'text', 'sourceId', 'mediaPath', 'mediaSha256', 'reply'] as const;
const MEDIA_MISSING = 1;
const PICTURE = 2;
/**
 * The string fields go in strings of about this many characters, a row never split: a string much
 * larger lands in V8's large-object space, which only a full collection frees, and the receiving
 * thread held hundreds of MB of spent batches that way (a 400k WhatsApp import: 650 MB instead of 480).
 */
const CHUNK_CHARS = 16_384;

/**
 * Rows packed for another thread: numbers in typed arrays (their buffers are transferred, not
 * copied), the string fields joined into a few strings with their lengths (-1 for null), and chats and
 * senders as indexes into the file's tables, each entry sent once, in the batch that first uses it.
 */
export interface PackedRows {
  count: number;
  seconds: Float64Array;
  dedupe: BigInt64Array;
  chat: Int32Array;
  sender: Int32Array;
  flags: Uint8Array;
  lengths: Int32Array;
  /** Which of `strings` holds each row's fields. */
  chunk: Int32Array;
  strings: string[];
  newChats: ParsedChat[];
  newSenders: ParsedSender[];
}

/** Packs one file's rows into batches; chats and senders are numbered per packer (one per file). */
export class RowPacker {
  private readonly chats = new Map<ParsedChat, number>();
  private readonly chatsByValue = new Map<string, number>();
  private readonly senders = new Map<ParsedSender, number>();
  private readonly sendersByValue = new Map<string, number>();
  private rows: MessageRow[] = [];
  private newChats: ParsedChat[] = [];
  private newSenders: ParsedSender[] = [];

  get size(): number {
    return this.rows.length;
  }

  add(row: MessageRow): void {
    this.rows.push(row);
  }

  /** The rows added since the last take, packed; transfer `transferables(packed)` with it. */
  take(): PackedRows {
    const rows = this.rows;
    const n = rows.length;
    const packed: PackedRows = {
      count: n,
      seconds: new Float64Array(n),
      dedupe: new BigInt64Array(n),
      chat: new Int32Array(n),
      sender: new Int32Array(n),
      flags: new Uint8Array(n),
      lengths: new Int32Array(n * STRINGS.length),
      chunk: new Int32Array(n),
      strings: [],
      newChats: [],
      newSenders: [],
    };
    let parts: string[] = [];
    let chars = 0;
    for (let i = 0; i < n; i++) {
      const row = rows[i]!;
      packed.seconds[i] = row.second;
      packed.dedupe[i] = row.dedupe;
      packed.chat[i] = this.chatIndex(row.chat);
      packed.sender[i] = this.senderIndex(row.sender);
      packed.flags[i] = (row.mediaMissing ? MEDIA_MISSING : 0) | (row.picture ? PICTURE : 0);
      if (chars >= CHUNK_CHARS) {
        packed.strings.push(parts.join(''));
        parts = [];
        chars = 0;
      }
      packed.chunk[i] = packed.strings.length;
      for (let f = 0; f < STRINGS.length; f++) {
        const value = row[STRINGS[f]!];
        packed.lengths[i * STRINGS.length + f] = value === null ? -1 : value.length;
        if (value) {
          parts.push(value);
          chars += value.length;
        }
      }
    }
    packed.strings.push(parts.join(''));
    packed.newChats = this.newChats;
    packed.newSenders = this.newSenders;
    this.rows = [];
    this.newChats = [];
    this.newSenders = [];
    return packed;
  }

  // Readers mostly reuse one chat and one sender object for many messages; objects that are equal
  // by value share an index too, so the tables stay as small as the file's chats and people.
  private chatIndex(chat: ParsedChat): number {
    let index = this.chats.get(chat);
    if (index !== undefined) return index;
    const value = JSON.stringify([chat.key, chat.name, chat.platform, chat.kind ?? null, chat.nameIsGuess === true]);
    index = this.chatsByValue.get(value);
    if (index === undefined) {
      index = this.chatsByValue.size;
      this.chatsByValue.set(value, index);
      this.newChats.push(chat);
    }
    if (this.chats.size > 10_000) this.chats.clear();
    this.chats.set(chat, index);
    return index;
  }

  private senderIndex(sender: ParsedSender): number {
    let index = this.senders.get(sender);
    if (index !== undefined) return index;
    const value = JSON.stringify([sender.name, sender.handles, sender.isSelf]);
    index = this.sendersByValue.get(value);
    if (index === undefined) {
      index = this.sendersByValue.size;
      this.sendersByValue.set(value, index);
      this.newSenders.push(sender);
    }
    if (this.senders.size > 10_000) this.senders.clear();
    this.senders.set(sender, index);
    return index;
  }
}

export const transferables = (packed: PackedRows): ArrayBuffer[] =>
  [packed.seconds, packed.dedupe, packed.chat, packed.sender, packed.flags, packed.lengths, packed.chunk].map((a) => a.buffer as ArrayBuffer);

/** Reads packed batches of one file back into rows; keeps the file's chat and sender tables. */
export class RowUnpacker {
  private readonly chats: ParsedChat[] = [];
  private readonly senders: ParsedSender[] = [];

  /** Calls `each` with every row of the batch (one row object, reused: copy what must outlive the call). */
  unpack(packed: PackedRows, each: (row: MessageRow) => void): void {
    this.chats.push(...packed.newChats);
    this.senders.push(...packed.newSenders);
    const row: MessageRow = {
      chat: this.chats[0]!,
      sender: this.senders[0]!,
      second: 0,
      dedupe: 0n,
      localTime: '',
      kind: '',
      text: '',
      sourceId: null,
      mediaPath: null,
      mediaMissing: false,
      mediaSha256: null,
      reply: null,
      picture: false,
    };
    const { lengths } = packed;
    let chunk = -1;
    let strings = '';
    let at = 0;
    const next = (i: number): string | null => {
      const length = lengths[i]!;
      if (length < 0) return null;
      const value = strings.slice(at, at + length);
      at += length;
      return value;
    };
    for (let i = 0; i < packed.count; i++) {
      const base = i * STRINGS.length;
      if (packed.chunk[i] !== chunk) {
        chunk = packed.chunk[i]!;
        strings = packed.strings[chunk]!;
        at = 0;
      }
      row.chat = this.chats[packed.chat[i]!]!;
      row.sender = this.senders[packed.sender[i]!]!;
      row.second = packed.seconds[i]!;
      row.dedupe = packed.dedupe[i]!;
      row.mediaMissing = (packed.flags[i]! & MEDIA_MISSING) !== 0;
      row.picture = (packed.flags[i]! & PICTURE) !== 0;
      row.localTime = next(base)!;
      row.kind = next(base + 1)!;
      row.text = next(base + 2)!;
      row.sourceId = next(base + 3);
      row.mediaPath = next(base + 4);
      row.mediaSha256 = next(base + 5);
      row.reply = next(base + 6);
      each(row);
    }
  }
}

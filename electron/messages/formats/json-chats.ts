// JSON chat exports (Telegram result.json and single chats, ChatLab, WeFlow / EchoTrace, PyWxDump),
// streamed: messages are read one at a time from the text as it arrives (json-items.ts), so a
// 600k-message result.json is never held whole. The format is told from the document's other
// values and its first message, read before any message is handed on. Files that put those values
// after the messages (no exporter does) are read once more first, to the end, for them.
import type { MessageFormat } from '../../../shared/types';
import { detectJsonChat } from '../detect';
import { JsonItemScanner, JsonStreamError, type JsonItemEvent, type JsonItemShape, type JsonPath } from '../json-items';
import type { ParsedChat, ParseEvent, ReaderInput } from '../model';
import { chatlabChat, chatlabMessage } from './chatlab';
import { localTimeNote, telegramChat, TelegramClock, telegramMessage, telegramSelfId, waitsForClock } from './telegram';
import { loadUsers, pywxdumpMessage, weflowChat, weflowMessage } from './wechat-others';

type Json = Record<string, unknown>;

const isChatList = (p: JsonPath): boolean => (p[0] === 'chats' || p[0] === 'left_chats') && p[1] === 'list';

/** Where messages are: a root array (PyWxDump), `messages`, and each chat's in a full Telegram export. */
export const CHAT_JSON_LAYOUT: JsonItemShape = {
  isItemArray: (p) => p.length === 0 || (p.length === 1 && p[0] === 'messages') || (p.length === 4 && isChatList(p) && p[3] === 'messages'),
  isAncestor: (p) => p.length === 0 || (p.length === 1 && (p[0] === 'chats' || p[0] === 'left_chats')) || ((p.length === 2 || p.length === 3) && isChatList(p)),
};

export type JsonChatFormat = Extract<MessageFormat, 'telegram-json' | 'chatlab-json' | 'weflow-json' | 'pywxdump-json'>;
export type NotAChat = { error: string; errorCode: string };

/** The scanner's items as the text streams in; a broken document throws JsonStreamError. */
async function* itemsOf(input: ReaderInput, scanner: JsonItemScanner): AsyncGenerator<JsonItemEvent> {
  for await (const chunk of input.chunks()) yield* scanner.write(chunk);
  yield* scanner.end();
}

const invalid = (error: unknown): NotAChat => ({ error: `not valid JSON: ${(error as Error).message} (truncated or damaged file?)`, errorCode: 'chat-json-invalid' });

/** The chat format of the skeleton (root with each message list's first message), or why it is none. */
function formatOf(root: unknown): JsonChatFormat | NotAChat {
  const format = detectJsonChat(root);
  if (format) return format as JsonChatFormat;
  if (Array.isArray(root) && root.some((d) => d && typeof d === 'object' && 'conversations' in d)) {
    return { error: 'MemoTrace AI training data (shuffled excerpts), not a chat archive: import the CSV, TXT or HTML export instead', errorCode: 'chat-json-training-data' };
  }
  return { error: 'a JSON file that is not a chat export this app knows', errorCode: 'chat-json-unknown' };
}

/** The chat object holding a message list (the root for a single chat), when read already. */
function chatObject(root: Json, array: JsonPath): Json | undefined {
  if (array.length < 4) return root;
  const list = (root[array[0] as string] as Json | undefined)?.list;
  const chat = Array.isArray(list) ? (list[array[2] as number] as unknown) : undefined;
  return chat && typeof chat === 'object' ? (chat as Json) : undefined;
}

/** Whether what the format reads besides the messages came before the first one. */
function readBeforeMessages(format: JsonChatFormat, root: unknown, array: JsonPath): boolean {
  const r = root as Json;
  switch (format) {
    case 'telegram-json': {
      const chat = chatObject(r, array);
      return (array.length < 4 || 'personal_information' in r) && !!chat && ('name' in chat || 'id' in chat || 'type' in chat);
    }
    case 'chatlab-json':
      return 'meta' in r;
    default:
      return true;
  }
}

/**
 * Opens a JSON chat export: its format and its events, or why it is not one. Reads up to the first
 * message (or, when the file puts what tells its chat after the messages, once to the end).
 */
export async function openJsonChat(input: ReaderInput, fallbackName: string): Promise<{ format: JsonChatFormat; events: AsyncIterable<ParseEvent> } | NotAChat> {
  const scanner = new JsonItemScanner(CHAT_JSON_LAYOUT);
  const items = itemsOf(input, scanner);
  let first: JsonItemEvent | undefined;
  try {
    const next = await items.next();
    first = next.done ? undefined : next.value;
  } catch (error) {
    if (error instanceof JsonStreamError) return invalid(error);
    throw error;
  }
  const format = formatOf(scanner.root);
  if (first && (typeof format !== 'string' || !readBeforeMessages(format, scanner.root, first.array))) {
    // Read to the end for the values that come after the messages, then read the messages again.
    await items.return(undefined);
    const survey = new JsonItemScanner(CHAT_JSON_LAYOUT);
    try {
      for await (const _ of itemsOf(input, survey)) void _;
    } catch (error) {
      if (error instanceof JsonStreamError) return invalid(error);
      throw error;
    }
    const known = formatOf(survey.root);
    if (typeof known !== 'string') return known;
    const again = new JsonItemScanner(CHAT_JSON_LAYOUT);
    return { format: known, events: readChat(known, survey.root, itemsOf(input, again), input, fallbackName) };
  }
  if (typeof format !== 'string') return format;
  const rest = (async function* () {
    if (first) yield first;
    yield* items;
  })();
  return { format, events: readChat(format, scanner.root, rest, input, fallbackName) };
}

/** A message JSON.parse refused: skipped with its line, the rest of the list is read. */
const badItem = (e: Extract<JsonItemEvent, { type: 'bad-item' }>): ParseEvent => ({
  type: 'skip',
  line: e.line,
  reason: `message ${e.index + 1} is not valid JSON (${e.message})`,
  code: 'chat-line-not-json',
});

async function* readChat(format: JsonChatFormat, root: unknown, items: AsyncIterable<JsonItemEvent>, input: ReaderInput, fallbackName: string): AsyncGenerator<ParseEvent> {
  switch (format) {
    case 'telegram-json':
      return yield* readTelegram(root as Json, items, input, fallbackName);
    case 'chatlab-json': {
      const { chat, ownerId } = chatlabChat(((root as Json).meta ?? {}) as Json);
      for await (const e of items) yield e.type === 'bad-item' ? badItem(e) : chatlabMessage((e.value ?? {}) as Json, chat, ownerId, `message ${e.index + 1}`);
      return;
    }
    case 'weflow-json': {
      const chat = weflowChat(root as Json);
      for await (const e of items) yield e.type === 'bad-item' ? badItem(e) : weflowMessage(e.value, e.index, chat);
      return;
    }
    case 'pywxdump-json': {
      const users = loadUsers(input.baseDir);
      const chats = new Map<string, ParsedChat>();
      for await (const e of items) {
        if (e.type === 'bad-item') yield badItem(e);
        else if (!e.value || typeof e.value !== 'object' || Array.isArray(e.value)) yield { type: 'skip', reason: `item ${e.index + 1} is not an object`, code: 'chat-item-not-object', params: { item: e.index + 1 } };
        else yield pywxdumpMessage(e.value as Json, users, chats, undefined);
      }
      return;
    }
  }
}

/**
 * Telegram: a message with its instant (`date_unixtime`) is read at once and shows the exporter's
 * clock; one with only a local date (older exports) waits for the whole file's clock, so those are
 * read in a second pass over the file, only when there are any.
 */
async function* readTelegram(root: Json, items: AsyncIterable<JsonItemEvent>, input: ReaderInput, fallbackName: string): AsyncGenerator<ParseEvent> {
  const clock = new TelegramClock();
  const chats = new Map<string, { chat: ParsedChat; where: string }>();
  const chatAt = (array: JsonPath): { chat: ParsedChat; where: string } => {
    const key = array.join('/');
    let found = chats.get(key);
    if (!found) {
      const raw = chatObject(root, array) ?? {};
      // Chats are numbered through both lists, as the export lists them.
      const before = array[0] === 'left_chats' ? ((root.chats as Json | undefined)?.list as unknown[] | undefined)?.length ?? 0 : 0;
      const n = array.length < 4 ? 0 : before + (array[2] as number) + 1;
      found = n ? { chat: telegramChat(raw, `${fallbackName} chat ${n}`), where: `chat ${n}` } : { chat: telegramChat(raw, fallbackName), where: 'chat' };
      chats.set(key, found);
    }
    return found;
  };
  const selfId = (): string | undefined => telegramSelfId(root);
  let waiting = 0;
  for await (const e of items) {
    if (e.type === 'bad-item') yield badItem(e);
    else if (waitsForClock(e.value)) waiting++;
    else {
      if (e.value && typeof e.value === 'object') clock.learn(e.value as Json);
      const { chat, where } = chatAt(e.array);
      yield telegramMessage(e.value, e.index, chat, where, selfId(), clock);
    }
  }
  if (waiting > 0) {
    for await (const e of itemsOf(input, new JsonItemScanner(CHAT_JSON_LAYOUT))) {
      if (e.type !== 'item' || !waitsForClock(e.value)) continue;
      const { chat, where } = chatAt(e.array);
      yield telegramMessage(e.value, e.index, chat, where, selfId(), clock);
    }
  }
  const note = localTimeNote(clock);
  if (note) yield note;
}

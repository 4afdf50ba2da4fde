// JSON contact exports: WeFlow contacts JSON, PyWxDump users.json, Telegram result.json.
// Streamed with the message importer's scanner (messages/json-items.ts): a Telegram result.json
// holds the whole account's chats after its contact list, hundreds of MB, and neither they nor
// the file's text are ever held whole. Telegram's contacts are read one at a time as they come;
// every chat's messages are skipped as they come. WeChat contact lists (WeFlow, PyWxDump) are
// read as the skeleton's values, as before: a list of a few thousand friends.
import iconv from 'iconv-lite';
import type { ContactFormat, RawContact, SourceRef } from '../../shared/types';
import { readChunks } from './chunks';
import {
  addHandle, addLabel, addPhone, addWechatIdentifier, appendNote, classifyWechatUserName, clean, finishName,
  hasContent, newContact,
} from './contact';
import { detectJsonChat } from '../messages/detect';
import { CHAT_JSON_LAYOUT } from '../messages/formats/json-chats';
import { JsonItemScanner, JsonStreamError, type JsonItemEvent, type JsonItemShape, type JsonPath } from '../messages/json-items';
import { reportChatExport } from './chat-export';
import type { FileEncoding } from './encoding';
import type { ImportRun } from './run';

type Json = unknown;
type Obj = Record<string, Json>;

function isObj(v: Json): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function str(v: Json): string | undefined {
  if (typeof v === 'string') return clean(v);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

export type JsonFormat = Extract<ContactFormat, 'wechat-weflow-json' | 'wechat-pywxdump' | 'telegram'>;

export function detectJsonFormat(root: Json): JsonFormat | undefined {
  if (isObj(root)) {
    if (isObj(root.contacts) && Array.isArray(root.contacts.list)) return 'telegram';
    if (isObj(root.personal_information)) return 'telegram';
    if (Array.isArray(root.contacts) && root.contacts.some((c) => isObj(c) && ('username' in c || 'alias' in c))) return 'wechat-weflow-json';
    const values = Object.values(root);
    if (values.length > 0 && values.some((v) => isObj(v) && 'wxid' in v)) return 'wechat-pywxdump';
  }
  if (Array.isArray(root) && root.some((c) => isObj(c) && 'wxid' in c)) return 'wechat-pywxdump';
  return undefined;
}

const isTelegramList = (p: JsonPath): boolean => p.length === 2 && p[0] === 'contacts' && p[1] === 'list';

/**
 * What the scanner hands over one element at a time: Telegram's contact list, and every list of
 * messages a chat export keeps (CHAT_JSON_LAYOUT; skipped here). Everything else (WeChat contact
 * lists, personal_information, a chat's name) is a value of the skeleton.
 */
const CONTACT_JSON_LAYOUT: JsonItemShape = {
  isItemArray: (p) => isTelegramList(p) || CHAT_JSON_LAYOUT.isItemArray(p),
  isAncestor: (p) => (p.length === 1 && p[0] === 'contacts') || CHAT_JSON_LAYOUT.isAncestor(p),
};

/** What was read of the file: the skeleton's root, and the root array's elements when it is one. */
interface JsonRead {
  root: Json;
  /** Telegram's contacts.list was there (its entries were emitted as they came). */
  telegramEntries?: number;
}

export async function readJsonFile(run: ImportRun, encoding: FileEncoding, bomLength: number): Promise<JsonFormat | 'unknown'> {
  const read = await streamJson(run, encoding, bomLength);
  if (!read) return 'unknown';
  const { root } = read;
  const format = read.telegramEntries !== undefined ? 'telegram' : detectJsonFormat(root);
  // A Telegram export with a contact list is one; any other chat export (a WeFlow chat names a
  // wxid like PyWxDump's users.json does) belongs under Messages.
  const chat = format === 'telegram' ? undefined : detectJsonChat(root);
  if (chat) {
    reportChatExport(run, chat);
    return 'unknown';
  }
  if (!format) {
    run.error('JSON file is not a known contact export (WeFlow, PyWxDump users.json or Telegram result.json)', undefined, undefined, { code: 'json-unknown' });
    return 'unknown';
  }
  if (format === 'telegram') finishTelegram(run, root as Obj, read.telegramEntries ?? 0);
  else if (format === 'wechat-weflow-json') readWeflow(run, (root as Obj).contacts as Json[]);
  else readPywxdump(run, root);
  return format;
}

/**
 * Reads the document as it streams in: Telegram contacts are emitted as they come, the elements of
 * a root array are kept (a PyWxDump list of users; a chat export's messages are not: its first one
 * tells it is a chat), messages are dropped. A broken document is reported with its line and gives
 * undefined, unless Telegram contacts came before the break: they are kept.
 */
async function streamJson(run: ImportRun, encoding: FileEncoding, bomLength: number): Promise<JsonRead | undefined> {
  const scanner = new JsonItemScanner(CONTACT_JSON_LAYOUT);
  const decoder = iconv.getDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding, { stripBOM: true });
  const rootItems: Json[] = [];
  let telegramEntries: number | undefined;
  let skipBom = bomLength;
  /** Handles one element; true when the rest of the file need not be read (a chat export). */
  const onItem = (e: JsonItemEvent): boolean => {
    if (isTelegramList(e.array)) {
      telegramEntries = e.index + 1;
      readTelegramEntry(run, e);
      return false;
    }
    if (e.array.length > 0) {
      // A chat's messages, skipped. The first one tells a chat export given here (its name and
      // kind came before it) when nothing so far is a contact export: no need to read on.
      return e.index === 0 && telegramEntries === undefined && !detectJsonFormat(scanner.root) && !!detectJsonChat(scanner.root);
    }
    if (e.index === 0 && detectJsonChat(scanner.root)) return true; // told by its first element
    if (e.type === 'bad-item') throw new JsonStreamError(e.message, e.line);
    rootItems.push(e.value);
    return false;
  };
  try {
    let told = false;
    const handle = (events: JsonItemEvent[]) => {
      for (const e of events) if (onItem(e)) told = true;
    };
    for await (let chunk of readChunks(run.path, { signal: run.signal, onProgress: run.onProgress })) {
      if (skipBom > 0) {
        const cut = Math.min(skipBom, chunk.length);
        chunk = chunk.subarray(cut);
        skipBom -= cut;
      }
      handle(scanner.write(decoder.write(chunk)));
      if (told) return { root: scanner.root as Json };
    }
    const tail = decoder.end();
    if (tail) handle(scanner.write(tail));
    handle(scanner.end());
  } catch (err) {
    if (!(err instanceof JsonStreamError)) throw err;
    for (const e of err.itemsBefore) if (isTelegramList(e.array)) onItem(e);
    const { line } = err;
    run.error(`Not valid JSON: ${err.message}`, `line ${line}`, line, { code: 'json-invalid-at', params: { line } });
    // Telegram contacts read before the break are kept (the rest of such a file is its chats).
    return telegramEntries === undefined ? undefined : { root: scanner.root as Json, telegramEntries };
  }
  const root = scanner.root as Json;
  return { root: Array.isArray(root) ? rootItems : root, telegramEntries };
}

function source(run: ImportRun, record: string): SourceRef {
  return { file: run.file, record };
}

function emitOrSkip(run: ImportRun, c: RawContact, record: string): void {
  finishName(c);
  if (hasContent(c)) run.emit(c);
  else {
    run.warn('Skipped: entry has no name, phone or ID', record, undefined, { code: 'entry-empty', params: { record } });
    run.skip();
  }
}

function telegramContact(entry: Obj, src: SourceRef): RawContact {
  const c = newContact(src);
  c.givenName = str(entry.first_name);
  c.familyName = str(entry.last_name);
  c.name = [c.givenName, c.familyName].filter(Boolean).join(' ') || undefined;
  addPhone(c, str(entry.phone_number));
  const username = str(entry.username);
  if (username) addHandle(c, 'telegram', username.startsWith('@') ? username : `@${username}`);
  const id = str(entry.user_id ?? entry.id);
  if (id && id !== '0') addHandle(c, 'telegram', `user${id}`);
  appendNote(c, str(entry.bio));
  return c;
}

/** One entry of Telegram's contacts.list, as it streams in. */
function readTelegramEntry(run: ImportRun, e: JsonItemEvent): void {
  const record = `contacts.list[${e.index}]`;
  if (e.type === 'bad-item' || !isObj(e.value)) {
    run.error('Skipped: entry is not an object', record, e.type === 'bad-item' ? e.line : undefined, { code: 'entry-not-object', params: { record } });
    run.skip();
    return;
  }
  emitOrSkip(run, telegramContact(e.value, source(run, record)), record);
}

/** After the list: the export's owner, or why there were no contacts. */
function finishTelegram(run: ImportRun, root: Obj, entries: number): void {
  if (isObj(root.personal_information)) {
    const owner = telegramContact(root.personal_information, source(run, 'personal_information'));
    finishName(owner);
    run.owner = owner;
  }
  if (entries === 0) {
    run.warn('The Telegram export has no contact list (was "Contacts" ticked when exporting?)', undefined, undefined, { code: 'telegram-no-contacts' });
  }
}

function readWeflow(run: ImportRun, list: Json[]): void {
  let officials = 0;
  list.forEach((entry, i) => {
    const record = `contacts[${i}]`;
    if (!isObj(entry)) {
      run.error('Skipped: entry is not an object', record, undefined, { code: 'entry-not-object', params: { record } });
      run.skip();
      return;
    }
    const username = str(entry.username);
    const type = `${str(entry.type) ?? ''} ${str(entry.typeLabel) ?? ''}`;
    const kind = classifyWechatUserName(username);
    const src = source(run, record);
    if (kind === 'group' || /群聊|group/i.test(type)) {
      run.groups.push({ id: username ?? `group ${i}`, name: str(entry.remark) ?? str(entry.displayName) ?? str(entry.nickname), source: src });
      return;
    }
    if (kind === 'official' || /公众号|服务号|企业号|official/i.test(type)) {
      officials++;
      run.skip();
      return;
    }
    const c = newContact(src);
    addWechatIdentifier(c, username);
    addWechatIdentifier(c, str(entry.alias));
    c.remark = str(entry.remark);
    c.nickname = str(entry.nickname);
    c.name = str(entry.displayName);
    if (Array.isArray(entry.labels)) for (const l of entry.labels) addLabel(c, str(l));
    else addLabel(c, str(entry.labels));
    appendNote(c, str(entry.description));
    emitOrSkip(run, c, record);
  });
  if (officials) run.warn(`Left out ${officials} official account(s)`, undefined, undefined, { code: 'officials-left-out', params: { count: officials } });
}

function readPywxdump(run: ImportRun, root: Json): void {
  const entries: [string, Json][] = Array.isArray(root) ? root.map((v, i) => [String(i), v]) : Object.entries(root as Obj);
  let officials = 0;
  for (const [key, entry] of entries) {
    const record = `users["${key}"]`;
    if (!isObj(entry)) {
      run.error('Skipped: entry is not an object', record, undefined, { code: 'entry-not-object', params: { record } });
      run.skip();
      continue;
    }
    const wxid = str(entry.wxid) ?? key;
    const kind = classifyWechatUserName(wxid);
    const src = source(run, record);
    if (kind === 'group') {
      run.groups.push({ id: wxid, name: str(entry.remark) ?? str(entry.nickname), source: src });
      continue;
    }
    if (kind === 'official') {
      officials++;
      run.skip();
      continue;
    }
    const c = newContact(src);
    addWechatIdentifier(c, wxid);
    addWechatIdentifier(c, str(entry.account));
    c.remark = str(entry.remark);
    c.nickname = str(entry.nickname);
    if (Array.isArray(entry.LabelIDList)) for (const l of entry.LabelIDList) addLabel(c, str(l));
    appendNote(c, str(entry.describe));
    const extra = isObj(entry.ExtraBuf) ? entry.ExtraBuf : {};
    addPhone(c, str(extra['手机号']));
    c.org = str(extra['公司名称']);
    emitOrSkip(run, c, record);
  }
  if (officials) run.warn(`Left out ${officials} official account(s) (gh_…)`, undefined, undefined, { code: 'officials-left-out', params: { count: officials } });
}

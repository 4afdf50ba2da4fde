// JSON contact exports: WeFlow contacts JSON, PyWxDump users.json, Telegram result.json.
// These files are small next to chat exports, so they are parsed whole (up to a bound).
import { readFile, stat } from 'node:fs/promises';
import type { ContactFormat, RawContact, SourceRef } from '../../shared/types';
import { throwIfAborted } from './abort';
import {
  addHandle, addLabel, addPhone, addWechatIdentifier, appendNote, classifyWechatUserName, clean, finishName,
  hasContent, newContact,
} from './contact';
import { detectJsonChat } from '../messages/detect';
import { reportChatExport } from './chat-export';
import { decodeHead } from './sniff';
import type { FileEncoding } from './encoding';
import type { ImportRun } from './run';

export const MAX_JSON_BYTES = 512 * 1024 * 1024;

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

/** 1-based line of a character offset, for JSON syntax errors. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Offset of a JSON syntax error. Newer V8 messages give no position, so find the shortest prefix
 * that fails for another reason than ending early (binary search; only runs on broken files).
 */
function syntaxErrorOffset(text: string, err: Error): number {
  const m = /position (\d+)/.exec(err.message);
  if (m) return Number(m[1]);
  const failsInside = (len: number) => {
    try {
      JSON.parse(text.slice(0, len));
      return false;
    } catch (e) {
      return !/end of JSON input|Unterminated string|^Expected/.test((e as Error).message);
    }
  };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsInside(mid + 1)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export async function readJsonFile(run: ImportRun, encoding: FileEncoding, bomLength: number): Promise<JsonFormat | 'unknown'> {
  const size = (await stat(run.path)).size;
  if (size > MAX_JSON_BYTES) {
    run.error(`JSON file is larger than ${MAX_JSON_BYTES >> 20} MB; export the contact list alone`, undefined, undefined, {
      code: 'json-too-large',
      params: { mb: MAX_JSON_BYTES >> 20 },
    });
    return 'unknown';
  }
  const bytes = await readFile(run.path, { signal: run.signal });
  run.onProgress?.(bytes.length, size);
  throwIfAborted(run.signal);
  const text = decodeHead(bytes, encoding, bomLength);
  let root: Json;
  try {
    root = JSON.parse(text);
  } catch (err) {
    const line = lineAt(text, syntaxErrorOffset(text, err as Error));
    run.error(`Not valid JSON: ${(err as Error).message}`, line ? `line ${line}` : undefined, line, line ? { code: 'json-invalid-at', params: { line } } : { code: 'json-invalid' });
    return 'unknown';
  }
  const format = detectJsonFormat(root);
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
  if (format === 'telegram') readTelegram(run, root as Obj);
  else if (format === 'wechat-weflow-json') readWeflow(run, (root as Obj).contacts as Json[]);
  else readPywxdump(run, root);
  return format;
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

function readTelegram(run: ImportRun, root: Obj): void {
  if (isObj(root.personal_information)) {
    const owner = telegramContact(root.personal_information, source(run, 'personal_information'));
    finishName(owner);
    run.owner = owner;
  }
  const list = isObj(root.contacts) && Array.isArray(root.contacts.list) ? root.contacts.list : [];
  if (list.length === 0) {
    run.warn('The Telegram export has no contact list (was "Contacts" ticked when exporting?)', undefined, undefined, { code: 'telegram-no-contacts' });
  }
  list.forEach((entry, i) => {
    const record = `contacts.list[${i}]`;
    if (!isObj(entry)) {
      run.error('Skipped: entry is not an object', record, undefined, { code: 'entry-not-object', params: { record } });
      run.skip();
      return;
    }
    emitOrSkip(run, telegramContact(entry, source(run, record)), record);
  });
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

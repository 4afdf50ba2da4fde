// vCard 3.0 (RFC 2426) output: the remaining queue for another phone or app, and the new account's
// own card for the "I've moved" kit. Values are escaped (\\ \, \; \n) and lines folded at 75 octets.
import type { Locale, Person, QueueItem, ReaddTarget } from '../../shared/types';
import { paced, type ExportProgress } from '../platform/export-file';

export function escapeVcardText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\r\n|\r|\n/g, '\\n').replace(/,/g, '\\,').replace(/;/g, '\\;');
}

/** Folds a content line into ≤75-octet pieces without splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function card(lines: string[]): string {
  return ['BEGIN:VCARD', 'VERSION:3.0', ...lines, 'END:VCARD'].map(foldLine).join('\r\n') + '\r\n';
}

/** The NOTE's label for the key to search, in the user's language. */
const SEARCH_LABEL: Record<Locale, string> = { 'zh-CN': '搜索：', en: 'Search: ' };

function personCard(person: Person, item: QueueItem | undefined, locale: Locale): string {
  const lines = [`FN:${escapeVcardText(person.name)}`, `N:${escapeVcardText(person.name)};;;;`];
  if (person.nickname) lines.push(`NICKNAME:${escapeVcardText(person.nickname)}`);
  if (person.org) lines.push(`ORG:${escapeVcardText(person.org)}`);
  for (const phone of person.phones) lines.push(`TEL;TYPE=CELL:${escapeVcardText(phone.value)}`);
  for (const email of person.emails) lines.push(`EMAIL;TYPE=INTERNET:${escapeVcardText(email.value)}`);
  for (const id of person.wechatIds) lines.push(`X-WECHAT-ID:${escapeVcardText(id.value)}`);
  if (person.labels.length > 0) lines.push(`CATEGORIES:${person.labels.map(escapeVcardText).join(',')}`);
  const notes: string[] = [];
  if (person.remark) notes.push(person.remark);
  if (item?.searchKeys[0]) notes.push(SEARCH_LABEL[locale] + item.searchKeys[0].value);
  if (item?.message) notes.push(item.message);
  if (person.note) notes.push(person.note);
  if (notes.length > 0) lines.push(`NOTE:${escapeVcardText(notes.join('\n'))}`);
  return card(lines);
}

/** The queue (in queue order) as one vCard file, its notes worded in `locale`. */
export function queueVcard(queue: readonly QueueItem[], persons: readonly Person[], locale: Locale): string {
  return [...queueVcardPieces(queue, persons, locale)].join('');
}

/** The same, a card at a time: a long export at a large case (paced: progress and cancel). */
export function* queueVcardPieces(
  queue: readonly QueueItem[],
  persons: readonly Person[],
  locale: Locale,
  progress?: ExportProgress,
): Generator<string> {
  const byId = new Map(persons.map((p) => [p.id, p]));
  for (const item of paced(queue, progress)) {
    const person = byId.get(item.personId);
    if (person) yield personCard(person, item, locale);
  }
}

const PLATFORM_FIELD: Record<ReaddTarget['platform'], string> = {
  wechat: 'X-WECHAT-ID',
  telegram: 'X-TELEGRAM',
  whatsapp: 'X-WHATSAPP',
  weibo: 'X-WEIBO',
  xianyu: 'X-XIANYU',
  other: 'X-ACCOUNT',
};

/** How the account's ID is named in the card's note, which every phone shows (X- fields most ignore). */
const ID_LABEL: Record<Locale, Record<ReaddTarget['platform'], string>> = {
  'zh-CN': { wechat: '微信号', telegram: 'Telegram', whatsapp: 'WhatsApp', weibo: '微博', xianyu: '闲鱼', other: '账号' },
  en: { wechat: 'WeChat ID', telegram: 'Telegram', whatsapp: 'WhatsApp', weibo: 'Weibo', xianyu: 'Xianyu', other: 'Account' },
};

/**
 * The new account as a contact card: name, the new phone number (what a phone's address book keeps),
 * the ID in its platform field and, since phones ignore those, first in the note.
 */
export function newAccountVcard(target: ReaddTarget, noteText?: string, locale: Locale = 'zh-CN'): string {
  const name = target.newAccountName || target.oldAccountName || target.newAccountId;
  const lines = [`FN:${escapeVcardText(name)}`, `N:${escapeVcardText(name)};;;;`];
  const phone = target.newPhone?.trim();
  if (phone) lines.push(`TEL;TYPE=CELL:${escapeVcardText(phone)}`);
  const notes: string[] = [];
  if (target.newAccountId) {
    lines.push(`${PLATFORM_FIELD[target.platform]}:${escapeVcardText(target.newAccountId)}`);
    if (target.platform === 'telegram') lines.push(`URL:https://t.me/${encodeURIComponent(target.newAccountId.replace(/^@/, ''))}`);
    notes.push(`${ID_LABEL[locale][target.platform]}${locale === 'zh-CN' ? '：' : ': '}${target.newAccountId}`);
  }
  if (noteText) notes.push(noteText);
  if (notes.length) lines.push(`NOTE:${escapeVcardText(notes.join('\n'))}`);
  return card(lines);
}

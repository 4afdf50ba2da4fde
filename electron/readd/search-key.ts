// What to type into the new account's search box to find a person. WeChat finds people only by
// WeChat ID (微信号) or mobile number — never by the internal wxid — so a person with neither cannot
// be found there and needs another way (structured suggestions; the UI words them).
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Person, Platform, ReachSuggestion, SearchKey, UnsearchableKey } from '../../shared/types';

/** Internal WeChat names that are not searchable IDs. */
function isInternalWechatName(value: string): boolean {
  return /^wxid_/i.test(value) || value.endsWith('@chatroom') || value.startsWith('gh_') || value.endsWith('@openim');
}

/** WeChat IDs: 6–20 chars, a letter first, then letters, digits, _ or - (the rule WeChat enforces). */
function looksLikeWechatId(value: string): boolean {
  return /^[a-zA-Z][-_a-zA-Z0-9]{5,19}$/.test(value) && !isInternalWechatName(value);
}

export interface PhoneForms {
  /** +<country><national>. */
  e164: string;
  /** What WeChat's search accepts: 11 national digits for mainland China mobiles, else +CC digits. */
  wechat?: string;
  isMainlandMobile: boolean;
}

const phoneCache = new Map<string, PhoneForms | null>();

/** Phone forms of a raw number (mainland China when it has no country code); cached, queues re-read them often. */
export function phoneForms(raw: string): PhoneForms | undefined {
  let forms = phoneCache.get(raw);
  if (forms === undefined) {
    forms = parsePhone(raw) ?? null;
    if (phoneCache.size > 200_000) phoneCache.clear();
    phoneCache.set(raw, forms);
  }
  return forms ?? undefined;
}

/** A mainland mobile written as 11 digits, with or without +86: most numbers of a Chinese book. */
const MAINLAND_MOBILE = /^(?:\+86)?(1[3-9]\d{9})$/;

export function parsePhone(raw: string, defaultCountry: 'CN' = 'CN'): PhoneForms | undefined {
  const cleaned = raw.replace(/[\s()-]/g, '');
  // What the library answers for these (checked in test/unit/readd/queue.test.ts), without its
  // general parse: that parse was most of building a 100k-person queue.
  const mobile = MAINLAND_MOBILE.exec(cleaned)?.[1];
  if (mobile !== undefined) return { e164: `+86${mobile}`, wechat: mobile, isMainlandMobile: true };
  return parseWithLibrary(cleaned, defaultCountry);
}

/** The library's reading of a number without spaces, dashes or brackets. */
export function parseWithLibrary(cleaned: string, defaultCountry: 'CN' = 'CN'): PhoneForms | undefined {
  const parsed = parsePhoneNumberFromString(cleaned, defaultCountry);
  if (!parsed || !parsed.isPossible()) return undefined;
  const e164 = parsed.number;
  const national = parsed.nationalNumber;
  if (parsed.countryCallingCode === '86') {
    const isMainlandMobile = /^1[3-9]\d{9}$/.test(national);
    // WeChat finds Chinese users by their mobile only; a landline is for calling, not searching.
    return isMainlandMobile ? { e164, wechat: national, isMainlandMobile } : { e164, isMainlandMobile };
  }
  return { e164, wechat: e164, isMainlandMobile: false };
}

function unique(keys: SearchKey[]): SearchKey[] {
  const seen = new Set<string>();
  return keys.filter((k) => {
    const id = `${k.kind}:${k.value.toLowerCase()}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** A person's searchable WeChat IDs, one at a time (no lists made: the queue asks this of everyone). */
function* wechatIdsOf(person: Person): Generator<string> {
  // Exported 微信号 are searchable as given (old accounts may break today's naming rule).
  for (const { value } of person.wechatIds) {
    const id = value.trim();
    if (id !== '' && !isInternalWechatName(id)) yield id;
  }
  // Legacy accounts had a custom user name instead of wxid_…: that name is the WeChat ID.
  for (const { value } of person.wxids) {
    const id = value.trim();
    if (looksLikeWechatId(id)) yield id;
  }
}

function handlesOf(person: Person, kind: string): string[] {
  return person.handles.filter((h) => h.kind === kind).map((h) => h.value.trim()).filter(Boolean);
}

function telegramHandle(value: string): string {
  const name = value.replace(/^https?:\/\/t\.me\//i, '').replace(/^@/, '');
  return `@${name}`;
}

/** Search keys for a person on a platform, best first; [] when the person cannot be searched there. */
export function searchKeysFor(person: Person, platform: Platform): SearchKey[] {
  return unique([...searchKeyCandidates(person, platform)]);
}

/**
 * Whether searchKeysFor() gives any key, without making the list: placing 100k persons in the
 * re-add queue asks this of everyone, and the keys themselves are needed only for the cards shown.
 * (Deduplicating never empties a list, so the first candidate answers.)
 */
export function hasSearchKey(person: Person, platform: Platform): boolean {
  return !searchKeyCandidates(person, platform).next().done;
}

/** The one rule of what to search for on each platform, best first, before duplicates are dropped. */
function* searchKeyCandidates(person: Person, platform: Platform): Generator<SearchKey> {
  const phones = () => person.phones.map((p) => phoneForms(p.value)).filter((p): p is PhoneForms => p !== undefined);
  const emails = () => person.emails.map((e) => e.value.trim()).filter((e) => e.includes('@'));
  switch (platform) {
    case 'wechat':
      for (const id of wechatIdsOf(person)) yield { kind: 'wechatId', value: id };
      for (const { value } of person.phones) {
        const wechat = phoneForms(value)?.wechat;
        if (wechat) yield { kind: 'phone', value: wechat };
      }
      break;
    case 'telegram':
      for (const handle of handlesOf(person, 'telegram')) if (!/^\d+$/.test(handle)) yield { kind: 'telegram', value: telegramHandle(handle) };
      for (const phone of phones()) yield { kind: 'phone', value: phone.e164 };
      break;
    case 'whatsapp':
      for (const phone of phones()) yield { kind: 'phone', value: phone.e164 };
      for (const handle of handlesOf(person, 'whatsapp')) {
        const forms = phoneForms(handle);
        if (forms) yield { kind: 'phone', value: forms.e164 };
      }
      break;
    case 'weibo':
      for (const handle of handlesOf(person, 'weibo')) yield { kind: 'weibo', value: handle };
      for (const phone of phones()) yield { kind: 'phone', value: phone.isMainlandMobile ? phone.wechat! : phone.e164 };
      for (const email of emails()) yield { kind: 'email', value: email };
      break;
    case 'xianyu':
      // Xianyu (闲鱼) uses the Taobao account: a mainland mobile is the only dependable key.
      for (const phone of phones()) yield { kind: 'phone', value: phone.isMainlandMobile ? phone.wechat! : phone.e164 };
      for (const email of emails()) yield { kind: 'email', value: email };
      break;
    case 'other':
      for (const phone of phones()) yield { kind: 'phone', value: phone.e164 };
      for (const email of emails()) yield { kind: 'email', value: email };
      for (const handle of person.handles) yield { kind: 'handle', value: handle.value };
      break;
  }
}

/**
 * Other ways to reach a person, for the "needs another way" list and follow-ups: a mutual friend
 * (when shared groups are known), email, SMS and a call (phones), other platforms' handles.
 */
export function reachSuggestions(person: Person, platform: Platform, mutualGroups: readonly string[] = []): ReachSuggestion[] {
  const suggestions: ReachSuggestion[] = [];
  if (mutualGroups.length > 0) suggestions.push({ code: 'ask-mutual-friend', groups: [...mutualGroups] });
  for (const email of person.emails) if (email.value.includes('@')) suggestions.push({ code: 'email', email: email.value.trim() });
  for (const phone of person.phones) {
    const forms = phoneForms(phone.value);
    const number = forms?.e164 ?? phone.value.trim();
    const isChineseLandline = forms !== undefined && forms.e164.startsWith('+86') && !forms.isMainlandMobile;
    if (!isChineseLandline) suggestions.push({ code: 'sms', phone: number });
    suggestions.push({ code: 'call', phone: number });
  }
  for (const handle of person.handles) {
    if (handle.kind !== platform) suggestions.push({ code: 'other-platform', kind: handle.kind, value: handle.value });
  }
  const seen = new Set<string>();
  return suggestions.filter((s) => {
    const id = JSON.stringify(s);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Why a person has no search key on a platform, in what they carry instead: only a wxid (internal,
 * never searchable), only an e-mail, only a landline or a number the platform cannot search, only
 * another platform's handle; [] when they carry nothing at all.
 */
export function unsearchableKeys(person: Person, platform: Platform): UnsearchableKey[] {
  const has: UnsearchableKey[] = [];
  if (person.wxids.length > 0 || person.wechatIds.length > 0) has.push('wxid');
  if (person.emails.some((e) => e.value.includes('@'))) has.push('email');
  for (const phone of person.phones) {
    const forms = phoneForms(phone.value);
    const kind: UnsearchableKey = forms && forms.e164.startsWith('+86') && !forms.isMainlandMobile ? 'landline' : 'phone';
    if (!has.includes(kind)) has.push(kind);
  }
  if (person.handles.some((h) => h.kind !== platform)) has.push('other-platform');
  return has;
}

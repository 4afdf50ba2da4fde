// Turns the properties of one vCard into a RawContact.
import type { HandleKind, RawContact, SourceRef } from '../../../shared/types';
import {
  addCountry, addEmail, addHandle, addLabel, addPhone, addWechatIdentifier, appendNote, clean, finishName, newContact,
} from '../contact';
import { decodePhoto } from './photo';
import { propertyText, type CharsetContext, type VProperty } from './property';

export interface ParsedCard {
  version?: string;
  props: VProperty[];
}

/** Splits a text value into components at unescaped `sep`, undoing escapes (2.1 knows only `\;`). */
export function splitValue(text: string, sep: ';' | ',' | null, v21: boolean): string[] {
  const out: string[] = [];
  out.push(components(text, sep === null ? -1 : sep.charCodeAt(0), v21, out));
  return out;
}

/** splitValue's one component when nothing splits it (FN, TEL, NOTE…): no array for it. */
export function unescapeValue(text: string, v21: boolean): string {
  // Most values escape nothing: one native search says so faster than the loop on ASCII (phones, e-mails).
  return text.indexOf('\\') < 0 ? text : components(text, -1, v21, undefined);
}

const BACKSLASH = 0x5c;

/**
 * The components of `text` split at the character `sepCode` (-1: none) that no backslash escapes:
 * all but the last pushed to `out`, the last returned. One pass by character code: String#split
 * and indexOf on short values were a runtime call each, the largest cost of reading a card.
 */
function components(text: string, sepCode: number, v21: boolean, out: string[] | undefined): string {
  let cur = '';
  /** Start of the characters not yet added to `cur` (taken as one slice). */
  let from = 0;
  const end = text.length;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === sepCode) {
      out!.push(cur + text.slice(from, i));
      cur = '';
      from = i + 1;
    } else if (c === BACKSLASH && i + 1 < end) {
      // A backslash that ends the value is a character of it.
      const next = text.charCodeAt(i + 1);
      if (!v21) {
        // \, \; \\ \: and unknown escapes keep the escaped character (the next slice starts at it); \n is a newline.
        cur += text.slice(from, i);
        if (next === 0x6e || next === 0x4e) {
          cur += '\n';
          from = i + 2;
        } else from = i + 1;
        i++;
      } else if (next === 0x3b || next === 0x2c) {
        // 2.1 escapes only ';' and ','; any other backslash is a character of the value.
        cur += text.slice(from, i);
        from = i + 1;
        i++;
      }
    }
  }
  return from === 0 ? text : cur + text.slice(from);
}

/** Friendlier phone/email labels from vCard TYPE values. */
const TYPE_LABELS: Record<string, string> = {
  cell: 'mobile',
  mobile: 'mobile',
  iphone: 'iPhone',
  home: 'home',
  work: 'work',
  fax: 'fax',
  pager: 'pager',
  main: 'main',
  other: 'other',
  car: 'car',
  isdn: 'isdn',
  video: 'video',
  modem: 'modem',
  msg: 'msg',
  bbs: 'bbs',
};
const NOT_A_LABEL = new Set(['pref', 'voice', 'internet', 'x400', 'text', 'uri', 'aol', 'applelink', 'x-internet']);

/** labelFromTypes per TYPE list, remembered: a head's list is shared by every property that repeats it (cachedPropertyHead). */
const typeListLabels = new WeakMap<string[], string | null>();

function typeListLabel(types: string[]): string | undefined {
  let label = typeListLabels.get(types);
  if (label === undefined) {
    label = labelFromTypes(types) ?? null;
    typeListLabels.set(types, label);
  }
  return label ?? undefined;
}

export function labelFromTypes(types: string[]): string | undefined {
  const words: string[] = [];
  for (const t of types) {
    if (NOT_A_LABEL.has(t) || /^[0-9]+$/.test(t)) continue;
    const w = TYPE_LABELS[t] ?? (t.startsWith('x-') ? t.slice(2) : t);
    if (w && !words.includes(w)) words.push(w);
  }
  return words.length ? words.join(' ') : undefined;
}

/** Apple labels look like `_$!<Mobile>!$_` for built-in ones and plain text for custom ones. */
function cleanAppleLabel(label: string | undefined): string | undefined {
  const v = clean(label);
  if (!v) return undefined;
  const m = /^_\$!<(.*)>!\$_$/.exec(v);
  return m ? m[1] : v;
}

const X_HANDLES: Record<string, HandleKind | 'wechat' | `other:${string}`> = {
  'X-WECHAT-ID': 'wechat',
  'X-WECHAT': 'wechat',
  'X-WEIXIN': 'wechat',
  'X-WEIXIN-ID': 'wechat',
  'X-QQ': 'qq',
  'X-SKYPE': 'skype',
  'X-SKYPE-USERNAME': 'skype',
  'X-MS-IMADDRESS': 'other:im',
  'X-SIP': 'sip',
  'X-TELEGRAM': 'telegram',
  'X-WHATSAPP': 'whatsapp',
  'X-WEIBO': 'weibo',
  'X-AIM': 'other:aim',
  'X-ICQ': 'other:icq',
  'X-MSN': 'other:msn',
  'X-YAHOO': 'other:yahoo',
  'X-JABBER': 'other:xmpp',
  'X-GOOGLE-TALK': 'other:gtalk',
  'X-GTALK': 'other:gtalk',
  'X-GADUGADU': 'other:gadugadu',
  'X-TWITTER': 'other:twitter',
};

/** Service names (IMPP schemes, X-SERVICE-TYPE, X-SOCIALPROFILE types) -> handle kind. */
function serviceKind(service: string): HandleKind | 'wechat' | undefined {
  const s = service.toLowerCase();
  if (/^(wechat|weixin|微信)$/.test(s)) return 'wechat';
  if (/^(qq|tencent ?qq)$/.test(s)) return 'qq';
  if (/^(skype|callto)$/.test(s)) return 'skype';
  if (/^(sip|sips)$/.test(s)) return 'sip';
  if (/^(telegram|tg)$/.test(s)) return 'telegram';
  if (/^(whatsapp)$/.test(s)) return 'whatsapp';
  if (/^(weibo|sinaweibo|sina weibo|新浪微博|微博)$/.test(s)) return 'weibo';
  return undefined;
}

function addService(c: RawContact, kind: HandleKind | 'wechat', value: string | undefined, service?: string): void {
  if (kind === 'wechat') addWechatIdentifier(c, value);
  else if (kind === 'other' && service) {
    const v = clean(value);
    if (v) addHandle(c, 'other', v.toLowerCase().startsWith(`${service.toLowerCase()}:`) ? v : `${service}:${v}`);
  } else addHandle(c, kind, value);
}

/** IMPP:scheme:handle, optionally with X-SERVICE-TYPE (iOS writes `x-apple:` as the scheme). */
function addImpp(c: RawContact, prop: VProperty, text: string): void {
  const value = text.trim();
  const m = /^([a-z][a-z0-9+.-]*):(.*)$/i.exec(value);
  const scheme = m ? m[1]!.toLowerCase() : '';
  const handle = m ? m[2]!.replace(/^\/\//, '') : value;
  const serviceType = prop.params.get('X-SERVICE-TYPE')?.[0] ?? '';
  const kind = serviceKind(serviceType) ?? serviceKind(scheme);
  if (kind) return addService(c, kind, decodeURIComponentSafe(handle));
  const service = serviceType || (scheme && scheme !== 'x-apple' ? schemeName(scheme) : 'im');
  addService(c, 'other', decodeURIComponentSafe(handle), service.toLowerCase());
}

function schemeName(scheme: string): string {
  return ({ msnim: 'msn', ymsgr: 'yahoo', xmpp: 'xmpp', aim: 'aim', icq: 'icq', gtalk: 'gtalk' } as Record<string, string>)[scheme] ?? scheme;
}

function decodeURIComponentSafe(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** X-SOCIALPROFILE;TYPE=weibo;X-USER=name:http://weibo.com/name */
function addSocialProfile(c: RawContact, prop: VProperty, text: string): void {
  const user = prop.params.get('X-USER')?.[0];
  const service = prop.types.find((t) => t !== 'pref') ?? '';
  const kind = serviceKind(service);
  const value = clean(user) ?? clean(text.replace(/^x-apple:/i, ''));
  if (kind) addService(c, kind, value);
  else if (value) addHandle(c, /^https?:/i.test(value) ? 'url' : 'other', service && !/^https?:/i.test(value) ? `${service}:${value}` : value);
}

export function cardToContact(card: ParsedCard, source: SourceRef, ctx: CharsetContext): RawContact {
  const c = newContact(source);
  const v21 = card.version === '2.1' || card.version === undefined;
  let groupLabels: Map<string, string> | undefined;
  for (const p of card.props) {
    if (p.group && p.name === 'X-ABLABEL') {
      const label = cleanAppleLabel(propertyText(p, ctx));
      if (label) (groupLabels ??= new Map()).set(p.group.toLowerCase(), label);
    }
  }
  const labelOf = (p: VProperty) => (p.group && groupLabels?.get(p.group.toLowerCase())) || typeListLabel(p.types);
  // Made once per card, not per property: a 100k-card file has a million properties.
  const text = (p: VProperty) => propertyText(p, ctx);
  const single = (p: VProperty) => unescapeValue(propertyText(p, ctx), v21);

  for (const p of card.props) {
    if (p.name === 'PHOTO') {
      c.photo ??= decodePhoto(p);
      continue;
    }
    switch (p.name) {
      case 'FN':
        c.name ??= clean(single(p));
        break;
      case 'N': {
        const [family, given, middle] = splitValue(text(p), ';', v21);
        c.familyName ??= clean(family);
        // Given and middle name joined by a space, each only if it holds something (as written: clean() trims the whole).
        c.givenName ??= clean(clean(given) ? (clean(middle) ? `${given} ${middle}` : given) : clean(middle) ? middle : undefined);
        break;
      }
      case 'NICKNAME':
        c.nickname ??= clean(splitValue(text(p), ',', v21)[0]);
        break;
      case 'TEL':
        addPhone(c, single(p), labelOf(p));
        break;
      case 'EMAIL':
        addEmail(c, single(p), labelOf(p));
        break;
      case 'ADR':
        addCountry(c, splitValue(text(p), ';', v21)[6]);
        break;
      case 'ORG':
        c.org ??= clean(splitValue(text(p), ';', v21).map((s) => s.trim()).filter(Boolean).join(', '));
        break;
      case 'NOTE':
        appendNote(c, single(p));
        break;
      case 'CATEGORIES':
        for (const cat of splitValue(text(p), ',', v21)) addLabel(c, cat);
        break;
      case 'URL':
        addHandle(c, 'url', single(p));
        break;
      case 'IMPP':
        addImpp(c, p, single(p));
        break;
      case 'X-SOCIALPROFILE':
        addSocialProfile(c, p, single(p));
        break;
      case 'X-ANDROID-CUSTOM': {
        const [mime, data] = splitValue(text(p), ';', v21);
        if (mime === 'vnd.android.cursor.item/nickname') c.nickname ??= clean(data);
        break;
      }
      default: {
        const kind = X_HANDLES[p.name];
        if (!kind) break;
        if (kind.startsWith('other:')) addService(c, 'other', single(p), kind.slice(6));
        else addService(c, kind as HandleKind | 'wechat', single(p));
      }
    }
  }
  finishName(c);
  return c;
}

// The "I've moved" kit: the new account as a vCard and a QR code, and ready-to-send email / SMS
// drafts (mailto: / sms: links) for contacts who have an email address or a phone.
import QRCode from 'qrcode';
import type { Locale, Person, ReaddSettings } from '../../shared/types';
import { newAccountVcard } from './export-vcard';
import { phoneForms } from './search-key';
import { activeTarget } from './settings';
import { renderTemplate } from './template';

export const MOVED_TEMPLATES: Record<Locale, { subject: string; body: string }> = {
  'zh-CN': {
    subject: '我是{old}，换新号了',
    body: '{name}你好，我是{old}。我原来的账号被封了，新账号是 {id}（{platform}），麻烦加我一下，谢谢！',
  },
  en: {
    subject: "It's {old} — my new account",
    body: "Hi {name}, it's {old}. My old account was banned; my new one is {id} on {platform}. Please add me — thanks!",
  },
};

const PLATFORM_NAMES: Record<Locale, Record<string, string>> = {
  'zh-CN': { wechat: '微信', weibo: '微博', xianyu: '闲鱼', telegram: 'Telegram', whatsapp: 'WhatsApp', other: '' },
  en: { wechat: 'WeChat', weibo: 'Weibo', xianyu: 'Xianyu', telegram: 'Telegram', whatsapp: 'WhatsApp', other: '' },
};

export interface MovedQr {
  /** What the code encodes. */
  content: string;
  svg: string;
  pngDataUrl: string;
}

/** A QR code of the new account: its ID (default) or its whole vCard. */
export async function movedQr(settings: ReaddSettings, encode: 'id' | 'vcard' = 'id', targetId?: string, locale: Locale = settings.locale): Promise<MovedQr> {
  const target = activeTarget(settings, targetId);
  const content = encode === 'vcard' ? newAccountVcard(target, undefined, locale) : target.newAccountId;
  if (content === '') throw new Error('the new account has no ID yet: set it in the re-add settings first');
  const options = { errorCorrectionLevel: 'M' as const, margin: 2 };
  const [svg, pngDataUrl] = await Promise.all([
    QRCode.toString(content, { ...options, type: 'svg' }),
    QRCode.toDataURL(content, { ...options, type: 'image/png', width: 512 }),
  ]);
  return { content, svg, pngDataUrl };
}

export interface MovedDraft {
  personId: string;
  name: string;
  channel: 'email' | 'sms';
  to: string;
  subject?: string;
  body: string;
  /** mailto: or sms: link that opens the draft. */
  url: string;
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
}

/** RFC 6068 mailto: every reserved character percent-encoded, line breaks as %0D%0A. */
export function mailtoUrl(to: string, subject: string, body: string): string {
  const encode = (s: string): string => encodeURIComponent(s.replace(/\r?\n/g, '\r\n'));
  return `mailto:${encodeURIComponent(to).replace(/%40/g, '@')}?subject=${encode(subject)}&body=${encode(body)}`;
}

/** RFC 5724 sms: link. */
export function smsUrl(phone: string, body: string): string {
  return `sms:${phone.replace(/[^\d+]/g, '')}?body=${encodeURIComponent(body)}`;
}

export function movedDrafts(persons: readonly Person[], settings: ReaddSettings, locale: Locale = settings.locale, targetId?: string): MovedDraft[] {
  const target = activeTarget(settings, targetId);
  const template = MOVED_TEMPLATES[locale];
  const drafts: MovedDraft[] = [];
  for (const person of persons) {
    const values = {
      name: person.name,
      old: target.oldAccountName || settings.myName || '',
      id: target.newAccountId,
      platform: PLATFORM_NAMES[locale][target.platform] ?? '',
    };
    const subject = fill(template.subject, values);
    const body = fill(template.body, values);
    const email = person.emails.find((e) => e.value.includes('@'))?.value.trim();
    if (email) drafts.push({ personId: person.id, name: person.name, channel: 'email', to: email, subject, body, url: mailtoUrl(email, subject, body) });
    const phone = person.phones.map((p) => phoneForms(p.value)).find((f) => f !== undefined && !(f.e164.startsWith('+86') && !f.isMainlandMobile));
    if (phone) drafts.push({ personId: person.id, name: person.name, channel: 'sms', to: phone.e164, body, url: smsUrl(phone.e164, body) });
  }
  return drafts;
}

export interface MovedKit {
  /** vCard 3.0 of the new account. */
  vcard: string;
  qr: MovedQr;
  drafts: MovedDraft[];
}

/** Everything for the kit at once. */
export async function movedKit(
  persons: readonly Person[],
  settings: ReaddSettings,
  options: { locale?: Locale; encode?: 'id' | 'vcard'; targetId?: string } = {},
): Promise<MovedKit> {
  const target = activeTarget(settings, options.targetId);
  const locale = options.locale ?? settings.locale;
  const note = renderTemplate(settings.templates[locale], { old: target.oldAccountName, me: settings.myName ?? target.newAccountName }).text;
  return {
    vcard: newAccountVcard(target, note, locale),
    qr: await movedQr(settings, options.encode ?? 'id', options.targetId, locale),
    drafts: movedDrafts(persons, settings, locale, options.targetId),
  };
}

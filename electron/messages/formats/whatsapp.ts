// WhatsApp "Export chat" text (Android .txt, iOS _chat.txt): one header line per message
// ("date, time - Name: text" or "[date, time] Name: text" in every locale's form), continuation
// lines for multi-line messages, system lines without "Name:". Day/month order is decided once per
// file, because a single line like 03/06/18 cannot tell.
import { createHash } from 'node:crypto';
import type { MessageKind } from '../../../shared/types';
import type { ParsedChat, ParsedMessage, ParseEvent, ParsedSender, ReaderInput } from '../model';
import { kindFromExtension, NO_ONE } from '../model';

const AMPM_WORDS = '上午|下午|오전|오후|ص|م';
const DATE = '(\\d{1,4})\\s?[./-]\\s?(\\d{1,4})\\s?[./-]\\s?(\\d{1,4})\\.?'; // a sep b sep c
const TIME =
  `(?:(${AMPM_WORDS})\\s?)?` + // a word before (上午)
  '(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2}))?' +
  '(?:\\s*([aApP])\\.?\\s?[mM]\\.?)?' + // a.m. / PM / p. m. (with NBSP or U+202F)
  `(?:\\s?(${AMPM_WORDS}))?`; // or after (오후)
const TAIL = '(\\])?(\\s-\\s|:\\s|\\s)(.*)$';
type Field = 'open' | 'a' | 'b' | 'c' | 'wordBefore' | 'hh' | 'mm' | 'ss' | 'latinHalf' | 'wordAfter' | 'close' | 'sep' | 'rest';
const DATE_FIELDS: Field[] = ['a', 'b', 'c'];
const TIME_FIELDS: Field[] = ['wordBefore', 'hh', 'mm', 'ss', 'latinHalf', 'wordAfter'];
const TAIL_FIELDS: Field[] = ['close', 'sep', 'rest'];
/** "date, time - " (Android), "[date, time] " (iOS), and the time-first form some locales use ("[14:56:01, 3/18/22] ", Vietnamese); with the field each group holds. */
const HEADERS: { re: RegExp; fields: Field[] }[] = [
  { re: new RegExp(`^(\\[)?\\s?${DATE},?\\s+(?:klo\\s+)?${TIME}${TAIL}`, 's'), fields: ['open', ...DATE_FIELDS, ...TIME_FIELDS, ...TAIL_FIELDS] },
  { re: new RegExp(`^(\\[)?\\s?${TIME},?\\s+${DATE}${TAIL}`, 's'), fields: ['open', ...TIME_FIELDS, ...DATE_FIELDS, ...TAIL_FIELDS] },
];

/**
 * The line as the header patterns read it, character for character the same length: Arabic-Indic
 * digits as ASCII, the Arabic comma as a comma, and the right-to-left marks Arabic exports put
 * inside dates ("١٨‏/٣‏/٢٠٢٢") as spaces. Text is then cut from the line as written.
 */
const NEEDS_VIEW = /[\u0660-\u0669\u06f0-\u06f9\u060c\u200f\u061c]/;
/** A header is at most this long: only the start of a line is viewed differently. */
const HEADER_SPAN = 48;

function headerView(line: string): string {
  const head = line.slice(0, HEADER_SPAN);
  if (!NEEDS_VIEW.test(head)) return line;
  return head.replace(/[\u0660-\u0669\u06f0-\u06f9\u060c\u200f\u061c]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
    if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
    return ch === '\u060c' ? ',' : ' ';
  }) + line.slice(HEADER_SPAN);
}

export interface WhatsAppHeader {
  /** The three numbers of the date, in written order. */
  date: [number, number, number];
  /** Digits of each date field as written (to spot a four-digit year). */
  widths: [number, number, number];
  hour: number;
  minute: number;
  second: number;
  /** 'am' | 'pm' when the clock is 12-hour. */
  half?: 'am' | 'pm';
  /** Date and time exactly as written. */
  stamp: string;
  /** The rest: "Name: text" or a system text. */
  rest: string;
}

const INVISIBLE_START = /^[\u200e\u200f\u202a\u202b\u202c\ufeff\s]+/;

export function parseHeaderLine(line: string): WhatsAppHeader | undefined {
  const clean = line.replace(INVISIBLE_START, '');
  const view = headerView(clean);
  let g: Partial<Record<Field, string>> | undefined;
  for (const { re, fields } of HEADERS) {
    const m = re.exec(view);
    if (!m) continue;
    g = {};
    fields.forEach((f, i) => (g![f] = m[i + 1]));
    break;
  }
  if (!g) return undefined;
  const { open, a, b, c, wordBefore, hh, mm, ss, latinHalf, wordAfter, close, sep } = g;
  const restLength = g.rest!.length;
  const rest = clean.slice(clean.length - restLength);
  if (Boolean(open) !== Boolean(close)) return undefined;
  // A bare space after the time is how a few locales write it ("13. 6. 2018. 21:25:15 a: m");
  // anywhere else it would turn ordinary text that starts with a date into a header.
  if (sep === ' ' && !open && !/^[^:]+: /.test(rest)) return undefined;
  const word = wordBefore ?? wordAfter;
  const half = latinHalf ? (latinHalf.toLowerCase() === 'a' ? 'am' : 'pm') : word ? (['上午', '오전', 'ص'].includes(word) ? 'am' : 'pm') : undefined;
  const stampEnd = clean.length - restLength - sep!.length - (close ? 1 : 0);
  return {
    date: [Number(a), Number(b), Number(c)],
    widths: [a!.length, b!.length, c!.length],
    hour: Number(hh),
    minute: Number(mm),
    second: ss ? Number(ss) : 0,
    half,
    stamp: clean.slice(open ? 1 : 0, stampEnd).trim(),
    rest,
  };
}

export type DateOrder = 'dmy' | 'mdy' | 'ymd' | 'ydm' | 'myd';

/** How a file's date order was decided: by its own evidence, or (nothing decided) by the locale's habit. */
export interface DateOrderDecision {
  order: DateOrder;
  /** True when the file itself decided (or nothing in it was ambiguous). */
  decided: boolean;
  /** A date of the file that reads differently under the other order (to show the user), when it was a fallback. */
  example?: WhatsAppHeader;
}

/** "IMG-20241202-WA0001" (Android) and "00000042-PHOTO-2020-06-07-15-13-20" / "2015-08-04-PHOTO-…" (iOS) carry the day the file was sent. */
const MEDIA_NAME_DATE = /\b(?:(?:IMG|VID|AUD|PTT|DOC|STK)-(\d{4})(\d{2})(\d{2})-WA\d+|(\d{4})-(\d{2})-(\d{2})-(?:\d{2}-\d{2}-\d{2}\b|(?:PHOTO|VIDEO|AUDIO|GIF|STICKER)-))/;

function mediaNameDay(rest: string): number | undefined {
  if (!rest.includes('-')) return undefined;
  const m = MEDIA_NAME_DATE.exec(rest);
  if (!m) return undefined;
  const [y, mo, d] = m[1] ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
  return Date.UTC(Number(y), Number(mo) - 1, Number(d)) / 86_400_000;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Day number (days since 1970, calendar only) of a header's date under an order; undefined when not a date. */
function dayOf(h: WhatsAppHeader, order: DateOrder): number | undefined {
  const [y, month, day] = ymdOf(h, order);
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]! + (month === 2 && isLeap(y) ? 1 : 0)) return undefined;
  return Date.UTC(y, month - 1, day) / 86_400_000;
}

function ymdOf(h: WhatsAppHeader, order: DateOrder): [number, number, number] {
  const [a, b, c] = h.date;
  let y: number, month: number, day: number;
  if (order === 'dmy') [y, month, day] = [c, b, a];
  else if (order === 'mdy') [y, month, day] = [c, a, b];
  else if (order === 'ymd') [y, month, day] = [a, b, c];
  else if (order === 'ydm') [y, month, day] = [a, c, b];
  else [y, month, day] = [b, a, c];
  return [y < 100 ? y + 2000 : y, month, day];
}

interface OrderScore {
  order: DateOrder;
  /** Headers that are not a date under this order (a field > 12 where the month would be). */
  invalid: number;
  /** Attachments whose file name carries the same day (or the next: the name may be the receiving day). */
  mediaAgree: number;
  /** Times a date goes back from the one before: an export is written in time order. */
  backwards: number;
}

/** Better evidence first: fewer impossible dates, then more attachment names that agree, then fewer steps back in time. */
const compareScores = (x: OrderScore, y: OrderScore): number => x.invalid - y.invalid || y.mediaAgree - x.mediaAgree || x.backwards - y.backwards;

/** The locale's habit when a file cannot tell: US-style 12-hour English files are month-first, the rest of the world day-first. */
function habitualOrder(first: WhatsAppHeader, candidates: DateOrder[]): DateOrder {
  if (candidates.includes('dmy')) return first.half && /[AaPp]\.?\s?[Mm]/.test(first.stamp) && /\//.test(first.stamp) ? 'mdy' : 'dmy';
  return candidates[0]!;
}

const ORDERS: DateOrder[] = ['dmy', 'mdy', 'ymd', 'ydm', 'myd'];
/** Orders that read the same fields two ways: a header on which they give different days shows the user what a guess meant. */
const TWINS: [DateOrder, DateOrder][] = [
  ['dmy', 'mdy'],
  ['ymd', 'ydm'],
];

/**
 * The evidence for a file's date order, gathered header by header (a file is read twice, once for
 * this, rather than held whole): where the four-digit year stands, and for every order how many
 * dates are impossible, how many attachment names agree, and how often the dates go back.
 */
export class DateOrderEvidence {
  private first: WhatsAppHeader | undefined;
  private readonly yearAt = [0, 0, 0];
  private readonly scores = ORDERS.map((order) => ({ order, invalid: 0, mediaAgree: 0, backwards: 0, previous: undefined as number | undefined }));
  private readonly examples = new Map<string, WhatsAppHeader>();

  add(h: WhatsAppHeader): void {
    this.first ??= h;
    const year = h.widths.findIndex((w) => w === 4);
    if (year >= 0) this.yearAt[year]!++;
    const named = mediaNameDay(h.rest);
    const days = new Map<DateOrder, number | undefined>();
    for (const score of this.scores) {
      const day = dayOf(h, score.order);
      days.set(score.order, day);
      if (day === undefined) {
        score.invalid++;
        continue;
      }
      if (score.previous !== undefined && day < score.previous) score.backwards++;
      score.previous = day;
      if (named !== undefined && Math.abs(named - day) <= 1) score.mediaAgree++;
    }
    for (const [x, y] of TWINS) {
      const key = `${x}|${y}`;
      const dx = days.get(x);
      const dy = days.get(y);
      if (!this.examples.has(key) && dx !== undefined && dy !== undefined && dx !== dy) this.examples.set(key, h);
    }
  }

  /** The orders the file's dates could be in: where the four-digit year stands (most headers) decides the candidates. */
  private candidates(): DateOrder[] {
    const most = this.yearAt.indexOf(Math.max(...this.yearAt));
    if (this.yearAt[most] === 0 || most === 2) return ['dmy', 'mdy'];
    return most === 0 ? ['ymd', 'ydm'] : ['myd'];
  }

  /**
   * Decides how to read the dates of the whole file from all its evidence: dates that are impossible
   * under one order (a field > 12), attachment names that carry the day, and the order of the lines
   * (dates never go back). Only when none of these tells the orders apart does the locale's habit decide.
   */
  decide(): DateOrderDecision {
    if (!this.first) return { order: 'dmy', decided: true };
    const candidates = this.candidates();
    const scores = this.scores.filter((s) => candidates.includes(s.order)).sort(compareScores);
    if (scores.length === 1 || compareScores(scores[0]!, scores[1]!) < 0) return { order: scores[0]!.order, decided: true };
    const tied = scores.filter((s) => compareScores(s, scores[0]!) === 0).map((s) => s.order);
    const habit = habitualOrder(this.first, candidates);
    const order = tied.includes(habit) ? habit : tied[0]!;
    const other = tied.find((o) => o !== order)!;
    // Files whose every date reads the same either way (01/01, 05/05) were never ambiguous.
    const example = this.examples.get(`${order}|${other}`) ?? this.examples.get(`${other}|${order}`);
    return example ? { order, decided: false, example } : { order, decided: true };
  }
}

/** Decides how to read the dates of a file from all its headers (see DateOrderEvidence). */
export function decideDateOrder(headers: WhatsAppHeader[]): DateOrderDecision {
  const evidence = new DateOrderEvidence();
  for (const h of headers) evidence.add(h);
  return evidence.decide();
}

/** Local wall-clock time of a header as epoch milliseconds (interpreted in this machine's zone). */
export function headerTime(h: WhatsAppHeader, order: DateOrder): number | undefined {
  const [year, month, day] = ymdOf(h, order);
  let hour = h.hour;
  if (h.half === 'am' && hour === 12) hour = 0;
  if (h.half === 'pm' && hour < 12) hour += 12;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || h.minute > 59 || h.second > 59) return undefined;
  const date = new Date(year, month - 1, day, hour, h.minute, h.second);
  if (date.getDate() !== day) return undefined; // 31/02
  return date.getTime();
}

/** Quotation marks a notice puts a group's name or description in: straight, curly (English, German), guillemets, CJK corners. */
const QUOTE_OPENS = '“„«「『';
const QUOTE_CLOSES = '”“»」』';

/** Whether `text` ends inside a quotation (an odd straight quote, or a curly one opened and not closed). */
function endsInsideQuote(text: string): boolean {
  let straight = false;
  let curly = false;
  for (const c of text) {
    if (c === '"') straight = !straight;
    else if (curly ? QUOTE_CLOSES.includes(c) : QUOTE_OPENS.includes(c)) curly = !curly;
  }
  return straight || curly;
}

/**
 * Splits "Name: text"; undefined for system lines. The name ends at the first ": " of the first line
 * that is not inside a quotation: a notice quoting a name or text with a colon in it (Android's
 * `Ann changed the subject from "Trip" to "Trip: 2024"`) has no author and is nobody's message.
 */
export function splitAuthor(rest: string): { author: string; text: string } | undefined {
  const lineEnd = rest.indexOf('\n') < 0 ? rest.length : rest.indexOf('\n');
  for (let i = rest.indexOf(':'); i >= 0 && i < lineEnd; i = rest.indexOf(':', i + 1)) {
    if (i === 0) continue;
    // "John Doe:." is not a message: WhatsApp always writes ": " after the name (or ends the line there).
    const atEnd = i === rest.length - 1;
    if (!atEnd && rest[i + 1] !== ' ') continue;
    if (atEnd && rest.indexOf(':') !== i) return undefined;
    if (endsInsideQuote(rest.slice(0, i))) continue;
    const author = rest.slice(0, i).replace(/^~[\s\u202f]*/, '').replace(INVISIBLE_START, '').trim();
    if (!author) return undefined;
    return { author, text: atEnd ? '' : rest.slice(i + 2) };
  }
  return undefined;
}

const ATTACHED = [
  /^<\s*attached:\s*([^>]+?)\s*>$/i,
  /^([^<>\s][^<>]*?)\s*<\s*\u200e?attached\s*>$/i,
  /^(\S+\.[A-Za-z0-9]{2,5}) \((?:file attached|datei angehängt|archivo adjunto|fichier joint|arquivo anexado|file allegato|bestand bijgevoegd|dosya ekli|файл прикреплен|文件已附加|附件)\)$/i,
];
const OMITTED: [RegExp, MessageKind][] = [
  [/^(image|photo) omitted$/i, 'image'],
  [/^video omitted$/i, 'video'],
  [/^audio omitted$/i, 'voice'],
  [/^(sticker|gif) omitted$/i, 'sticker'],
  [/^(document|contact card) omitted/i, 'file'],
  [/^[<‹][^<>‹›\n]{3,40}[>›]$/, 'file'], // "<Media omitted>", "‹省略影音内容>", "<Medien ausgeschlossen>"
];

/** Kind, text and media of a message body (attachment markers, omitted media, deleted messages). */
export function classifyBody(body: string): Pick<ParsedMessage, 'kind' | 'text' | 'mediaPath' | 'mediaMissing'> {
  const [firstLine = '', ...more] = body.split('\n');
  const head = firstLine.replace(/[\u200e\u200f]/g, '').trim();
  const caption = more.join('\n');
  for (const pattern of ATTACHED) {
    const m = pattern.exec(head);
    if (m) return { kind: kindFromExtension(m[1]!), text: caption, mediaPath: m[1]!.trim() };
  }
  for (const [pattern, kind] of OMITTED) {
    if (pattern.test(head)) return { kind, text: caption, mediaMissing: true };
  }
  if (/^(this message was deleted|you deleted this message|此消息已删除|你删除了此消息)\.?$/i.test(head)) {
    return { kind: 'recall', text: head };
  }
  if (/^(missed (voice|video) call|未接(语音|视频)通话)/i.test(head)) return { kind: 'call', text: head };
  return { kind: 'text', text: body };
}

/**
 * The chat a WhatsApp export names in its file, folder or zip name: "WhatsApp Chat with X.txt"
 * (Android), "WhatsApp Chat - X.zip" (iOS) and their translations; undefined for any other name
 * ("_chat.txt", "export.txt"), which says nothing about the chat.
 */
export function exportChatName(fileName: string): string | undefined {
  const base = fileName
    .replace(/^.*[\\/]/, '')
    .replace(/\.(txt|zip)$/i, '')
    .replace(/\s*\(\d+\)$/, '') // "… (1)": the same export saved twice
    .trim();
  const before =
    /^(?:WhatsApp[- ]?Chat|Chat (?:de |do )?WhatsApp|Discussion WhatsApp|Conversa (?:do|de) WhatsApp|Czat WhatsApp|Чат WhatsApp|WhatsApp[- ]?chat|WhatsApp ?(?:聊天|對話|对话|チャット|채팅))\s*(?:s\s+uživatelem|с\s+контактом|with|mit|con|avec|com|met|med|dengan|cu|ile|z|s|с|-|–)\s+(.+)$/i;
  const after = [/^(?:与|與|和)(.+?)的 ?WhatsApp ?(?:聊天|對話|对话)(?:记录|記錄)?$/, /^(.+?) ile WhatsApp Sohbeti$/i, /^(.+?)とのWhatsApp ?トーク$/];
  const m = before.exec(base) ?? after.map((re) => re.exec(base)).find(Boolean);
  const name = m?.[1]?.trim();
  return name || undefined;
}

/** Chat name from a file name: the name a WhatsApp export gives, else the file's own name. */
export function chatNameFromFile(fileName: string): string {
  return exportChatName(fileName) ?? fileName.replace(/^.*[\\/]/, '').replace(/\.(txt|zip|json|jsonl|csv|html?)$/i, '');
}

/**
 * The end-to-end encryption notice, in every locale WhatsApp writes it: it names WhatsApp (or says
 * "this chat") and encryption. Matched by those two words rather than by whole sentences, whose
 * wording changes between versions.
 */
const ENCRYPTION_WORD =
  /encrypt|crypt|cript|crittograf|chiffr|penyulitan|shifrlash|koduara|şifrələn|ఎన్క్రిప్షన్|மறையாக்க|എൻക്രിപ്ഷൻ|ಎನ್ಕ್ರಿಪ್ಷನ್|ਇੰਕ੍ਰਿਪਸ਼ਨ|cifrad|ifrad|verschlüssel|versleutel|krypter|szyfr|şifre|шифр|加密|暗号|암호화|salata|enkrip|disulit|mã hoá|mã hóa|הצפנ|מוצפנ|مشفر|التشفير|رمزگذاری|رمزکاری|انکرپ|اینکرپ|κρυπτογρ|enkript|ŝifr|titkosít|šifrov|šifrir|шифрован|криптиран|एन्क्रिप्ट|एन्क्रिप्शन|कूटबद्ध|এনক্রিপ্ট|এনক্রিপশান|ગુપ્તીકરણ|સુરક્ષિત|เข้ารหัส|mwisho-kwa-mwisho|ufumbaji|criptiú|xifrat|encriptació|otsast otsani|ištisiniu|pilnīgu/i;
const WHATSAPP_WORD = /WhatsApp|واتساب|واتساپ|ווטסאפ|end-to-end|ende-zu-ende|de bout en bout|extremo a extremo|ponta a ponta|端对端|端對端|端到端|エンドツーエンド|종단간|uçtan uca|сквозн|наскрізн/i;
export const isEncryptionNotice = (text: string): boolean => text.length >= 30 && text.length <= 400 && ENCRYPTION_WORD.test(text) && WHATSAPP_WORD.test(text);

/** Notices WhatsApp writes in a person's or the chat's name on iOS that are still no one's message. */
const OTHER_NOTICES =
  /^(your security code with .+ changed|.+'s security code changed|you blocked this contact|you unblocked this contact|disappearing messages|messages to this (group|chat) are now secured|this chat is with a business account)|security code|Sicherheitsnummer|código de seguridad|code de sécurité|codice di sicurezza|código de segurança|код безопасности|код безпеки|安全码|安全碼|セキュリティコード|보안 코드/i;

/** "X created group "Name"" in the locales that quote the name. */
const CREATED = /(created group|erstellt|creó el grupo|a créé le groupe|criou o grupo|ha creato il gruppo|создал|створив|oluşturdu|创建|建立|membuat grup|utworzył|aangemaakt|skapade|opprettet|oprettede|vytvořil)/i;
const QUOTED = /["“„«「『]\s*(.+?)\s*["”“»」』]/;

const PHONE = /^\+?[\d\s\-().\u00a0\u202a\u202c\u2011]{6,}$/;

export function senderOf(author: string): ParsedSender {
  const name = author.replace(/[\u202a\u202c]/g, '');
  if (PHONE.test(name)) {
    const digits = name.replace(/\D/g, '');
    return { name, handles: [name.trim().startsWith('+') ? `+${digits}` : digits], isSelf: false };
  }
  return { name, handles: [`whatsapp:${name}`], isSelf: false };
}

/** Where an export file came from, for its chat's name: its own name, then the folders and zip around it (nearest first). */
export type ExportOrigin = string[];

/** A line's own marks, decided once in the first pass: whether it can be a notice depends on them. */
const MARKED = 1;
const MARKED_TEXT = 2; // marked, and plain text (not omitted media)
const ENCRYPTION = 4;
const OTHER_NOTICE = 8;
const CREATED_LINE = 16;
const GROUP_WORDS = /created group|added|left$|创建了群|加入|退出了|群组/;

function marksOf(author: string | undefined, text: string): number {
  if (author === undefined) return 0;
  const clean = text.replace(INVISIBLE_START, '');
  let marks = 0;
  if (/^[\u200e\u200f]/.test(text)) marks |= MARKED;
  if (marks & MARKED && classifyBody(text).kind === 'text') marks |= MARKED_TEXT;
  if (isEncryptionNotice(clean)) marks |= ENCRYPTION;
  if (OTHER_NOTICES.test(clean)) marks |= OTHER_NOTICE;
  if (CREATED.test(clean)) marks |= CREATED_LINE;
  return marks;
}

/** Lines that may name the chat or show it is a group, kept from the first pass (few in any chat). */
interface SpecialLine {
  author?: string;
  marks: number;
  rest: string;
}
const MAX_SPECIAL_LINES = 500;

/**
 * First pass over an export: everything about the whole file that reading each message depends on —
 * the date order, who the iOS chat title is, who speaks, whether it is a group, a fingerprint — in
 * small tallies, so a file of 600k messages is never held whole.
 */
class FileEvidence {
  readonly dates = new DateOrderEvidence();
  private readonly firstLines: string[] = [];
  /** The author iOS writes a known notice under: the chat's own name. */
  private titleByNotice: string | undefined;
  /** Per author: every line of theirs was marked text (what the chat's name writes). */
  private readonly onlyMarked = new Map<string, boolean>();
  /** Per author: the kinds of lines they wrote, as bits: 1 unmarked, 2 marked text that is no known notice, 4 a marked "created" line. */
  private readonly wrote = new Map<string, number>();
  private readonly special: SpecialLine[] = [];
  private noAuthorGroupHint = false;
  /** Authors with a line not marked as iOS marks its notices. */
  private readonly speaksUnmarked = new Set<string>();

  see(line: string, header: WhatsAppHeader | undefined): void {
    if (!header) return;
    this.dates.add(header);
    if (this.firstLines.length < 8) this.firstLines.push(line);
    const split = splitAuthor(header.rest);
    const author = split?.author;
    const text = split ? split.text : header.rest;
    const marks = marksOf(author, text);
    if (author === undefined) {
      if (GROUP_WORDS.test(header.rest) || CREATED.test(header.rest)) this.noAuthorGroupHint = true;
    } else {
      if (this.titleByNotice === undefined && marks & MARKED && marks & (ENCRYPTION | CREATED_LINE)) this.titleByNotice = author;
      this.onlyMarked.set(author, (this.onlyMarked.get(author) ?? true) && (marks & MARKED_TEXT) !== 0);
      if (!(marks & MARKED)) this.speaksUnmarked.add(author);
      let kind = 0;
      if (!(marks & ENCRYPTION)) {
        if (!(marks & MARKED_TEXT)) kind = 1;
        else if (!(marks & (OTHER_NOTICE | CREATED_LINE))) kind = 2;
        else if (!(marks & OTHER_NOTICE)) kind = 4;
      }
      this.wrote.set(author, (this.wrote.get(author) ?? 0) | kind);
    }
    if ((CREATED.test(header.rest) || GROUP_WORDS.test(header.rest)) && this.special.length < MAX_SPECIAL_LINES) this.special.push({ author, marks, rest: header.rest });
  }

  /** How the file's lines are told apart, and what chat it is, once the whole file has been seen. */
  resolve(origins: ExportOrigin): { chat: ParsedChat; isNotice(author: string | undefined, text: string): boolean } {
    const title = this.titleByNotice ?? [...this.onlyMarked].find(([, only]) => only)?.[0];
    // In a one-to-one iOS chat the chat's name is the other person's, who also writes messages: then
    // their marked lines ("\u200eBild weggelassen", media left out) are theirs, and only known notices are not.
    const titleSpeaks = title !== undefined && this.speaksUnmarked.has(title);
    const noticeByMarks = (author: string | undefined, marks: number): boolean => {
      if (author === undefined || marks & ENCRYPTION) return true;
      if (!(marks & MARKED_TEXT)) return false;
      return (author === title && !titleSpeaks) || (marks & OTHER_NOTICE) !== 0 || (author === title && (marks & CREATED_LINE) !== 0);
    };
    const isNotice = (author: string | undefined, text: string) => noticeByMarks(author, marksOf(author, text));
    const authors = [...this.wrote].filter(([author, kinds]) => kinds & 1 || (kinds & 2 && !(author === title && !titleSpeaks)) || (kinds & 4 && author !== title)).map(([a]) => a);
    const notices = this.special.filter((l) => noticeByMarks(l.author, l.marks));
    const groupHint = this.noAuthorGroupHint || notices.some((l) => GROUP_WORDS.test(l.rest) || CREATED.test(l.rest));
    const created = notices.find((l) => CREATED.test(l.rest) && QUOTED.test(l.rest));
    const createdName = created ? QUOTED.exec(created.rest)![1]!.replace(INVISIBLE_START, '').trim() || undefined : undefined;
    const named = origins.map(exportChatName).find(Boolean) ?? title ?? createdName;
    let key: string;
    let name: string;
    if (named) {
      [key, name] = [`whatsapp:name:${named}`, named];
    } else {
      // Nothing names the chat: its key is the file's fingerprint (its first dated lines), so two such
      // files never merge. A file the user named ("anna.txt") names it; WhatsApp's own "_chat.txt" and
      // folders such as "Downloads" do not.
      key = `whatsapp:file:${createHash('sha1').update(this.firstLines.join('\n')).digest('hex').slice(0, 16)}`;
      const own = (origins[0] ?? '').replace(/^.*[\\/]/, '').replace(/\.(txt|zip)$/i, '');
      name = own && !/^_?chat$/i.test(own) ? own : authors.length > 0 ? authors.slice(0, 3).join(', ') : 'WhatsApp';
    }
    return { chat: { key, name, platform: 'whatsapp', kind: groupHint || authors.length > 2 ? 'group' : 'private' }, isNotice };
  }
}

/** The note that tells the user a file's day/month order was a guess, with an example of how it was read. */
function orderNote(decision: DateOrderDecision): ParseEvent | undefined {
  if (decision.decided || !decision.example) return undefined;
  const ex = decision.example;
  const [y, m, d] = ymdOf(ex, decision.order);
  const read = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return {
    type: 'note',
    reason: `day and month order could not be told from the file: dates were read ${decision.order === 'mdy' ? 'month first' : 'day first'} ("${ex.stamp}" as ${read}); if that is wrong, the phone's date setting was the other way round`,
    code: decision.order === 'mdy' ? 'chat-date-order-guessed-mdy' : 'chat-date-order-guessed-dmy',
    params: { example: ex.stamp, read },
  };
}

/** Second pass: lines in, events out (a message is complete when the next header or the end comes). */
class MessageEmitter {
  private current: { header: WhatsAppHeader; line: number; body: string[]; at: number } | undefined;
  private lineNo = 0;

  constructor(
    private readonly chat: ParsedChat,
    private readonly order: DateOrder,
    private readonly isNotice: (author: string | undefined, text: string) => boolean,
  ) {}

  line(line: string, header: WhatsAppHeader | undefined, out: ParseEvent[]): void {
    const n = ++this.lineNo;
    if (header) {
      const at = headerTime(header, this.order);
      if (at === undefined) {
        if (this.current) this.current.body.push(line);
        else out.push({ type: 'skip', line: n, reason: `date "${header.stamp}" is not a valid date`, code: 'chat-bad-time', params: { value: header.stamp } });
        return;
      }
      this.flush(out);
      this.current = { header, line: n, body: [], at };
    } else if (this.current) {
      this.current.body.push(line);
    } else if (line.trim()) {
      out.push({ type: 'skip', line: n, reason: 'text before the first dated message', code: 'chat-text-before-first' });
    }
  }

  flush(out: ParseEvent[]): void {
    if (!this.current) return;
    const { header, line, body, at } = this.current;
    const chat = this.chat;
    this.current = undefined;
    // Android and iOS exports of one chat differ in seconds: duplicates are compared by the minute.
    const dedupeAt = Math.floor(at / 60_000) * 60_000;
    while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
    const whole = [header.rest, ...body].join('\n');
    const split = splitAuthor(whole);
    if (!split || this.isNotice(split.author, split.text)) {
      const noticeText = split ? split.text : whole;
      out.push({ type: 'message', message: { chat, at, dedupeAt, localTime: header.stamp, sender: NO_ONE, kind: 'system', text: noticeText.replace(INVISIBLE_START, ''), line } });
      return;
    }
    out.push({ type: 'message', message: { chat, at, dedupeAt, localTime: header.stamp, sender: senderOf(split.author), ...classifyBody(split.text), line } });
  }
}

const origins = (origin: ExportOrigin | string): ExportOrigin => (typeof origin === 'string' ? [origin] : origin);

/**
 * Parses a whole WhatsApp export text (tests, small inputs; files and zips are streamed by
 * `readWhatsApp`, through the same two passes). `origin` is the file's path and the folders or zip
 * around it (a single string: just a name). A note event says what the user should know about the file.
 */
export function* parseWhatsApp(text: string, origin: ExportOrigin | string): Generator<ParseEvent> {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\n|\r/);
  const evidence = new FileEvidence();
  for (const line of lines) evidence.see(line, parseHeaderLine(line));
  const decision = evidence.dates.decide();
  const note = orderNote(decision);
  if (note) yield note;
  const { chat, isNotice } = evidence.resolve(origins(origin));
  const emitter = new MessageEmitter(chat, decision.order, isNotice);
  const out: ParseEvent[] = [];
  for (const line of lines) {
    emitter.line(line, parseHeaderLine(line), out);
    yield* out.splice(0);
  }
  emitter.flush(out);
  yield* out;
}

/** Streams a WhatsApp export: one pass gathers what the whole file decides, a second emits the messages. */
export async function* readWhatsApp(input: ReaderInput, origin: ExportOrigin | string): AsyncGenerator<ParseEvent> {
  const evidence = new FileEvidence();
  let first = true;
  for await (const raw of input.lines()) {
    const line = first ? raw.replace(/^\ufeff/, '') : raw;
    first = false;
    evidence.see(line, parseHeaderLine(line));
  }
  const decision = evidence.dates.decide();
  const note = orderNote(decision);
  if (note) yield note;
  const { chat, isNotice } = evidence.resolve(origins(origin));
  const emitter = new MessageEmitter(chat, decision.order, isNotice);
  const out: ParseEvent[] = [];
  first = true;
  for await (const raw of input.lines()) {
    const line = first ? raw.replace(/^\ufeff/, '') : raw;
    first = false;
    emitter.line(line, parseHeaderLine(line), out);
    yield* out.splice(0);
  }
  emitter.flush(out);
  yield* out;
}

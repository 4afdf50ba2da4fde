// WhatsApp "Export chat" text (Android .txt, iOS _chat.txt): one header line per message
// ("date, time - Name: text" or "[date, time] Name: text" in every locale's form), continuation
// lines for multi-line messages, system lines without "Name:". Day/month order is decided once per
// file, because a single line like 03/06/18 cannot tell.
import type { MessageKind } from '../../../shared/types';
import type { ParsedChat, ParsedMessage, ParseEvent, ParsedSender, ReaderInput } from '../model';
import { kindFromExtension } from '../model';

const AMPM_WORDS = '上午|下午|오전|오후';
const HEADER = new RegExp(
  '^(\\[)?' +
    '(\\d{1,4})\\s?[./-]\\s?(\\d{1,4})\\s?[./-]\\s?(\\d{1,4})\\.?' + // date: a sep b sep c
    ',?\\s+(?:klo\\s+)?' +
    `(?:(${AMPM_WORDS})\\s?)?` +
    '(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2}))?' + // time
    '(?:\\s*([aApP])\\.?\\s?[mM]\\.?)?' + // a.m. / PM / p. m. (with NBSP or U+202F)
    `(?:\\s?(${AMPM_WORDS}))?` +
    '(\\])?' +
    '(\\s-\\s|:\\s|\\s)' +
    '(.*)$',
  's',
);

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
  const m = HEADER.exec(clean);
  if (!m) return undefined;
  const [, open, a, b, c, wordBefore, hh, mm, ss, latinHalf, wordAfter, close, sep, rest] = m;
  if (Boolean(open) !== Boolean(close)) return undefined;
  // A bare space after the time is how a few locales write it ("13. 6. 2018. 21:25:15 a: m");
  // anywhere else it would turn ordinary text that starts with a date into a header.
  if (sep === ' ' && !open && !/^[^:]+: /.test(rest ?? '')) return undefined;
  const word = wordBefore ?? wordAfter;
  const half = latinHalf ? (latinHalf.toLowerCase() === 'a' ? 'am' : 'pm') : word ? (word === '上午' || word === '오전' ? 'am' : 'pm') : undefined;
  const stampEnd = clean.length - (rest ?? '').length - (sep ?? '').length - (close ? 1 : 0);
  return {
    date: [Number(a), Number(b), Number(c)],
    widths: [a!.length, b!.length, c!.length],
    hour: Number(hh),
    minute: Number(mm),
    second: ss ? Number(ss) : 0,
    half,
    stamp: clean.slice(open ? 1 : 0, stampEnd).trim(),
    rest: rest ?? '',
  };
}

export type DateOrder = 'dmy' | 'mdy' | 'ymd' | 'ydm' | 'myd';

/**
 * What the date order of a file depends on, gathered header by header: the first header, and whether
 * any first or second field is over 12. A file is read twice (once for this) rather than held whole.
 */
export class DateOrderEvidence {
  private first: WhatsAppHeader | undefined;
  private firstOver12 = false;
  private secondOver12 = false;

  add(h: WhatsAppHeader): void {
    this.first ??= h;
    if (h.date[0] > 12) this.firstOver12 = true;
    if (h.date[1] > 12) this.secondOver12 = true;
  }

  /** Decides how to read the dates of the whole file. */
  decide(): DateOrder {
    const first = this.first;
    if (!first) return 'dmy';
    const yearAt = first.widths.findIndex((w) => w === 4);
    if (yearAt === 0) return this.secondOver12 ? 'ydm' : 'ymd';
    if (yearAt === 1) return 'myd';
    // Year last: day first if any first field > 12, month first if any second field > 12.
    if (this.firstOver12) return 'dmy';
    if (this.secondOver12) return 'mdy';
    // Undecidable: US-style 12-hour English files are month-first, the rest of the world day-first.
    return first.half && /[AaPp]\.?\s?[Mm]/.test(first.stamp) && /\//.test(first.stamp) ? 'mdy' : 'dmy';
  }
}

/** Decides how to read the dates of a whole file from all its headers. */
export function decideDateOrder(headers: WhatsAppHeader[]): DateOrder {
  const evidence = new DateOrderEvidence();
  for (const h of headers) evidence.add(h);
  return evidence.decide();
}

/** Local wall-clock time of a header as epoch milliseconds (interpreted in this machine's zone). */
export function headerTime(h: WhatsAppHeader, order: DateOrder): number | undefined {
  const [a, b, c] = h.date;
  const parts: Record<DateOrder, [number, number, number]> = {
    dmy: [c, b, a],
    mdy: [c, a, b],
    ymd: [a, b, c],
    ydm: [a, c, b],
    myd: [b, a, c],
  };
  const [y, month, day] = parts[order];
  const year = y < 100 ? y + 2000 : y;
  let hour = h.hour;
  if (h.half === 'am' && hour === 12) hour = 0;
  if (h.half === 'pm' && hour < 12) hour += 12;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || h.minute > 59 || h.second > 59) return undefined;
  const date = new Date(year, month - 1, day, hour, h.minute, h.second);
  if (date.getDate() !== day) return undefined; // 31/02
  return date.getTime();
}

/** Splits "Name: text"; undefined for system lines. */
export function splitAuthor(rest: string): { author: string; text: string } | undefined {
  const m = /^([^\n]+?):(?: ([\s\S]*))?$/.exec(rest);
  if (!m) return undefined;
  const author = m[1]!.replace(/^~[\s\u202f]*/, '').replace(INVISIBLE_START, '').trim();
  if (m[2] === undefined && !rest.endsWith(':')) return undefined;
  // "John Doe:." is not a message: WhatsApp always writes ": " after the name.
  if (m[2] === undefined && rest.indexOf(':') !== rest.length - 1) return undefined;
  if (!author) return undefined;
  return { author, text: m[2] ?? '' };
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
  if (/^(this message was deleted|you deleted this message|此消息已删除|你删除了此消息)$/i.test(head)) {
    return { kind: 'recall', text: head };
  }
  if (/^(missed (voice|video) call|未接(语音|视频)通话)/i.test(head)) return { kind: 'call', text: head };
  return { kind: 'text', text: body };
}

/** Chat name from the export's file name ("WhatsApp Chat with X.txt", "与X的 WhatsApp 聊天.txt", "WhatsApp Chat - X.zip"). */
export function chatNameFromFile(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.(txt|zip|json|jsonl|csv|html?)$/i, '');
  const patterns = [/^WhatsApp Chat with (.+)$/i, /^WhatsApp Chat - (.+)$/i, /^与(.+)的 ?WhatsApp ?聊天$/, /^WhatsApp-Chat mit (.+)$/i, /^Chat de WhatsApp con (.+)$/i, /^Discussion WhatsApp avec (.+)$/i];
  for (const p of patterns) {
    const m = p.exec(base);
    if (m) return m[1]!.trim();
  }
  return base;
}

const PHONE = /^\+?[\d\s\-().\u00a0\u202a\u202c\u2011]{6,}$/;

export function senderOf(author: string): ParsedSender {
  const name = author.replace(/[\u202a\u202c]/g, '');
  if (PHONE.test(name)) {
    const digits = name.replace(/\D/g, '');
    return { name, handles: [name.trim().startsWith('+') ? `+${digits}` : digits], isSelf: false };
  }
  return { name, handles: [`whatsapp:${name}`], isSelf: false };
}

const NO_ONE: ParsedSender = { name: '', handles: [], isSelf: false };

/** First pass over a file: how to read its dates, and whether it is a group. */
class FileFacts {
  readonly dates = new DateOrderEvidence();
  /** Up to three authors: more than two makes a group, the rest need not be kept. */
  private readonly authors = new Set<string>();
  private groupHint = false;

  see(line: string): void {
    const h = parseHeaderLine(line);
    if (!h) return;
    this.dates.add(h);
    const a = splitAuthor(h.rest);
    if (a) {
      if (this.authors.size <= 2) this.authors.add(a.author);
    } else if (/created group|added|left$|创建了群|加入|退出了|群组/.test(h.rest)) this.groupHint = true;
  }

  chat(chatName: string): ParsedChat {
    return { key: `whatsapp:name:${chatName}`, name: chatName, platform: 'whatsapp', kind: this.groupHint || this.authors.size > 2 ? 'group' : 'private' };
  }
}

/** Second pass: lines in, events out (a message is complete when the next header or the end comes). */
class MessageEmitter {
  private current: { header: WhatsAppHeader; line: number; body: string[]; at: number } | undefined;
  private lineNo = 0;

  constructor(
    private readonly chat: ParsedChat,
    private readonly order: DateOrder,
  ) {}

  line(line: string, out: ParseEvent[]): void {
    const n = ++this.lineNo;
    const header = parseHeaderLine(line);
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
    while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
    const whole = [header.rest, ...body].join('\n');
    const split = splitAuthor(whole);
    if (!split) {
      out.push({ type: 'message', message: { chat, at, localTime: header.stamp, sender: NO_ONE, kind: 'system', text: whole.replace(INVISIBLE_START, ''), line } });
      return;
    }
    // iOS writes system notices as "Group: ‎text" (a U+200E right after the colon).
    const body2 = classifyBody(split.text);
    if (/^\u200e/.test(split.text) && body2.kind === 'text') {
      out.push({ type: 'message', message: { chat, at, localTime: header.stamp, sender: NO_ONE, kind: 'system', text: split.text.replace(INVISIBLE_START, ''), line } });
      return;
    }
    out.push({ type: 'message', message: { chat, at, localTime: header.stamp, sender: senderOf(split.author), ...body2, line } });
  }
}

/** Parses a whole WhatsApp export text (tests, small inputs); files and zips are read by `readWhatsApp`. */
export function* parseWhatsApp(text: string, chatName: string): Generator<ParseEvent> {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\n|\r/);
  const facts = new FileFacts();
  for (const line of lines) facts.see(line);
  const emitter = new MessageEmitter(facts.chat(chatName), facts.dates.decide());
  const out: ParseEvent[] = [];
  for (const line of lines) {
    emitter.line(line, out);
    yield* out.splice(0);
  }
  emitter.flush(out);
  yield* out;
}

/** Streams a WhatsApp export: one pass decides the date order and chat kind, a second emits the messages. */
export async function* readWhatsApp(input: ReaderInput, chatName: string): AsyncGenerator<ParseEvent> {
  const facts = new FileFacts();
  for await (const line of input.lines()) facts.see(line);
  const emitter = new MessageEmitter(facts.chat(chatName), facts.dates.decide());
  const out: ParseEvent[] = [];
  for await (const line of input.lines()) {
    emitter.line(line, out);
    yield* out.splice(0);
  }
  emitter.flush(out);
  yield* out;
}

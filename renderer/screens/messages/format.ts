// Dates, labels and snippets the messages screens show. Times are the archive's UTC instants,
// shown in this computer's time zone.
import type { ChatSummary, MessageFormat, MessageKind, Platform } from '../../../shared/types';
import type { Locale } from '../../../shared/types';
import type { MessageKey, Translate } from '../../i18n/i18n';

export const platformName = (t: Translate, p: Platform): string => t(`messages.platform.${p}` as MessageKey);
export const kindName = (t: Translate, k: MessageKind): string => t(`messages.kind.${k}` as MessageKey);
export const formatName = (t: Translate, f: MessageFormat): string => t(`messages.format.${f}` as MessageKey);

/** The chat list's last line: the text, else the kind in the reader's words ("[图片]", "[Picture]"). */
export const lastLine = (t: Translate, chat: Pick<ChatSummary, 'lastText' | 'lastKind'>): string =>
  chat.lastText ?? (chat.lastKind ? `[${kindName(t, chat.lastKind)}]` : '');

/** Local calendar day of an instant, "2023-11-15": decides where day separators go. */
export function dayKey(at: string): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export const dayLabel = (at: string, locale: Locale): string =>
  new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }).format(new Date(at));

export const timeLabel = (at: string, locale: Locale): string =>
  new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(at));

export const dateTimeLabel = (at: string, locale: Locale): string =>
  new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(at));

export const shortDate = (at: string, locale: Locale): string =>
  new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(at));

export interface Snippet {
  text: string;
  highlights: [number, number][];
  cutStart: boolean;
  cutEnd: boolean;
}

/** A window of a long text around its first highlight, with the ranges moved to match. */
export function snippet(text: string, highlights: [number, number][], max = 160): Snippet {
  if (text.length <= max) return { text, highlights, cutStart: false, cutEnd: false };
  const first = highlights[0]?.[0] ?? 0;
  const start = Math.max(0, Math.min(first - Math.floor(max / 3), text.length - max));
  const end = start + max;
  const moved = highlights
    .filter(([a, b]) => b > start && a < end)
    .map(([a, b]): [number, number] => [Math.max(a, start) - start, Math.min(b, end) - start]);
  return { text: text.slice(start, end), highlights: moved, cutStart: start > 0, cutEnd: end < text.length };
}

/** Splits text into plain and marked parts by [start, end) ranges (overlaps merged, out-of-range dropped). */
export function markParts(text: string, ranges: [number, number][]): { text: string; marked: boolean }[] {
  const sorted = ranges
    .map(([a, b]): [number, number] => [Math.max(0, a), Math.min(text.length, b)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const [a, b] of sorted) {
    if (b <= at) continue;
    const from = Math.max(a, at);
    if (from > at) parts.push({ text: text.slice(at, from), marked: false });
    parts.push({ text: text.slice(from, b), marked: true });
    at = b;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return parts;
}

type Countable = 'messages.hits' | 'messages.chatCount' | 'messages.peopleCount' | 'messages.personFacts';

/** A count in words: the `…One` wording for exactly one ("1 message", not "1 messages"). */
export const counted = (t: Translate, key: Countable, count: number): string =>
  count === 1 ? t(`${key}One` as MessageKey) : t(key, { count });

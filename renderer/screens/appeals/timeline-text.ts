// The timeline in words: one line per entry in the user's language (screen, print and CSV say the
// same), and the CSV export (UTF-8 with a byte-order mark, so spreadsheet programs read Chinese).
import type { TimelineEntry } from '../../../shared/contract';
import type { MessageKey, Translate } from '../../i18n/i18n';

const str = (v: string | number | undefined) => (v === undefined ? '' : String(v));

/** The platform, channel and ban kind inside an entry, worded. */
function worded(t: Translate, params: TimelineEntry['params']): Record<string, string | number> {
  const out: Record<string, string | number> = { ...params };
  if (params.platform) out.platform = t(`readd.platform.${str(params.platform)}` as MessageKey);
  if (params.channel) out.channel = t(`appeals.channel.${str(params.channel)}` as MessageKey);
  const kind = str(params.banKind);
  const days = Number(params.banDays ?? 0);
  out.kind = kind
    ? `${t(`appeals.banKind.${kind}` as MessageKey)}${kind === 'temporary' && days > 0 ? ` ${t('appeals.banDaysText', { days })}` : ''}`
    : t('appeals.banKind.none');
  return out;
}

/** The headline of an entry. */
export function entryTitle(t: Translate, entry: TimelineEntry): string {
  return t(`appeals.timeline.${entry.kind}` as MessageKey, worded(t, entry.params));
}

/** The details under a headline (what an appeal asked for and sent, its attachments). */
export function entryDetails(t: Translate, entry: TimelineEntry): string[] {
  if (entry.kind !== 'appeal') return [];
  const lines: string[] = [];
  if (str(entry.params.askedFor)) lines.push(t('appeals.askedLine', { text: str(entry.params.askedFor) }));
  if (str(entry.params.sent)) lines.push(t('appeals.sentLine', { text: str(entry.params.sent) }));
  const attachments = Number(entry.params.attachments ?? 0);
  if (attachments > 0) lines.push(t('appeals.timeline.attachments', { count: attachments }));
  return lines;
}

function csvField(value: string): string {
  // A leading = + - @ would run as a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function timelineCsv(t: Translate, entries: TimelineEntry[]): string {
  const rows = [[t('appeals.timeline.date'), t('appeals.timeline.what')]];
  for (const entry of entries) rows.push([entry.day, [entryTitle(t, entry), ...entryDetails(t, entry)].join('; ')]);
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

// Progress CSV: UTF-8 with BOM (so Excel on Chinese Windows opens it right), CRLF, headers in the
// user's language. Cells that a spreadsheet would run as a formula are defused with a leading '.
import type { Locale, Person, ReaddSettings, ReaddStateView } from '../../shared/types';
import { offsetMinutesAt } from './local-day';
import { activeTarget } from './settings';
import { searchKeysFor } from './search-key';
import { paced, type ExportProgress } from '../platform/export-file';

const HEADERS: Record<Locale, string[]> = {
  'zh-CN': ['姓名', '备注', '状态', '搜索方式', '发送次数', '发送时间', '通过时间', '更新时间', '标签', '已排除'],
  en: ['Name', 'Remark', 'Status', 'Search key', 'Attempts', 'Sent at', 'Accepted at', 'Updated at', 'Labels', 'Excluded'],
};

const STATUS_LABELS: Record<Locale, Record<string, string>> = {
  'zh-CN': { pending: '待添加', sent: '已发送', accepted: '已通过', declined: '被拒绝', notFound: '搜不到', skipped: '已跳过', later: '稍后' },
  en: { pending: 'pending', sent: 'sent', accepted: 'accepted', declined: 'declined', notFound: 'not found', skipped: 'skipped', later: 'later' },
};

export function csvCell(value: string): string {
  // + and - start phone numbers; only defuse them when what follows is not a number.
  const risky = /^[=@\t\r]/.test(value) || /^[+-](?![\d\s()]+$)/.test(value);
  const safe = risky ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** "YYYY-MM-DD HH:MM" in the case's zone (IANA or fixed offset). */
export function localTime(at: number | undefined, zone: string | undefined): string {
  if (at === undefined) return '';
  return new Date(at + offsetMinutesAt(at, zone) * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function progressCsv(
  persons: readonly Person[],
  state: ReaddStateView,
  settings: ReaddSettings,
  locale: Locale = settings.locale,
  targetId = settings.activeTargetId,
): string {
  return [...progressCsvPieces(persons, state, settings, { locale, targetId })].join('');
}

/** The same, a row at a time: a long export at a large case (paced: progress and cancel). */
export function* progressCsvPieces(
  persons: readonly Person[],
  state: ReaddStateView,
  settings: ReaddSettings,
  opts: { locale?: Locale; targetId?: string; progress?: ExportProgress } = {},
): Generator<string> {
  const locale = opts.locale ?? settings.locale;
  const targetId = opts.targetId ?? settings.activeTargetId;
  const platform = activeTarget(settings, targetId).platform;
  const outcomes = state.progress[targetId] ?? {};
  const row = (cells: string[]) => `${cells.map(csvCell).join(',')}\r\n`;
  yield `\uFEFF${row(HEADERS[locale])}`;
  for (const person of paced(persons, opts.progress)) {
    const p = outcomes[person.id];
    const key = searchKeysFor(person, platform)[0];
    // No internal person id: the file is for people (a spreadsheet, a helper), who cannot use one.
    yield row([
      person.name,
      person.remark ?? '',
      STATUS_LABELS[locale][p?.status ?? 'pending'] ?? '',
      key ? key.value : '',
      String(p?.attempts ?? 0),
      localTime(p?.sentAt, settings.timezone),
      localTime(p?.acceptedAt, settings.timezone),
      localTime(p?.updatedAt, settings.timezone),
      person.labels.join(' | '),
      state.excluded[person.id] ? (locale === 'zh-CN' ? '是' : 'yes') : '',
    ]);
  }
}

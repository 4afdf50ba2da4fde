// One chronological view of a case's recovery: the ban, every appeal and reply, an account restored
// or given up, the new account, re-add milestones from the re-add journal (the first request, every
// 100th acceptance, everyone settled), and chats and pictures brought in. Entries carry a kind and
// values; the UI words them in the user's language. Read-only: takes no lock.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { TimelineEntry } from '../../shared/contract';
import type { ReaddEvent, ReaddStateView } from '../../shared/types';
import { localDayKey } from '../readd/local-day';
import { photosDir } from '../photos/photo-index';
import type { AppealsState } from './state';

export const ACCEPTED_MILESTONE = 100;

/** A user-given day sorts at its noon (after same-day instants recorded in the morning, roughly). */
const dayAt = (day: string) => Date.parse(`${day}T12:00:00Z`);

export function appealEntries(state: AppealsState, zone: string | undefined): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const a of state.accounts.values()) {
    if (a.banDate)
      out.push({
        day: a.banDate,
        at: dayAt(a.banDate),
        kind: 'ban',
        params: { platform: a.platform, name: a.name, handle: a.handle, banKind: a.banKind ?? '', banDays: a.banDays ?? 0, reapplyFrom: a.reapplyFrom ?? '' },
      });
  }
  for (const change of state.stateChanges) {
    const account = state.accounts.get(change.accountId);
    if (!account || (change.state !== 'restored' && change.state !== 'given-up')) continue;
    out.push({
      day: localDayKey(change.at, zone),
      at: change.at,
      kind: change.state === 'restored' ? 'account-restored' : 'account-given-up',
      params: { platform: account.platform, name: account.name, handle: account.handle },
    });
  }
  for (const appeal of state.appeals.values()) {
    const platform = state.accounts.get(appeal.accountId)?.platform ?? 'other';
    out.push({
      day: appeal.date,
      at: dayAt(appeal.date),
      kind: 'appeal',
      params: { platform, channel: appeal.channel, askedFor: appeal.askedFor, sent: appeal.sent, attachments: appeal.attachments.length },
    });
    if (appeal.reply.trim() !== '') {
      const day = appeal.replyDate ?? appeal.date;
      out.push({ day, at: dayAt(day) + 1, kind: 'reply', params: { platform, channel: appeal.channel, reply: appeal.reply } });
    }
  }
  for (const r of state.restored) out.push({ day: localDayKey(r.at, zone), at: r.at, kind: 'chats-imported', params: { messages: r.count, files: r.files } });
  return out;
}

/** The new account (the first time re-add settings named one) from the re-add journal's events. */
export function newAccountEntry(events: readonly ReaddEvent[], zone: string | undefined): TimelineEntry | undefined {
  for (const event of events) {
    if (event.type !== 'settings') continue;
    const target = event.patch.targets?.find((t) => t.newAccountId);
    const before = event.prev.targets?.some((t) => t.newAccountId);
    if (target && !before)
      return {
        day: localDayKey(event.at, zone),
        at: event.at,
        kind: 'new-account',
        params: { platform: target.platform, name: target.newAccountName, handle: target.newAccountId },
      };
  }
  return undefined;
}

/** Re-add milestones of the active target: first request, every 100th acceptance, everyone settled. */
export function readdEntries(state: ReaddStateView, persons: number, zone: string | undefined): TimelineEntry[] {
  const target = state.settings.activeTargetId;
  const out: TimelineEntry[] = [];
  const requests = [...(state.requests[target] ?? [])].sort((a, b) => a.at - b.at);
  const first = requests[0];
  if (first) out.push({ day: localDayKey(first.at, zone), at: first.at, kind: 'readd-first-request', params: {} });
  const acceptances = [...(state.acceptances[target] ?? [])].sort((a, b) => a.at - b.at);
  for (let n = ACCEPTED_MILESTONE; n <= acceptances.length; n += ACCEPTED_MILESTONE) {
    const at = acceptances[n - 1]!.at;
    out.push({ day: localDayKey(at, zone), at, kind: 'readd-accepted', params: { count: n } });
  }
  const progress = Object.values(state.progress[target] ?? {});
  const settled = progress.filter((p) => p.status !== 'pending' && p.status !== 'later');
  const excluded = Object.keys(state.excluded).length;
  if (persons > 0 && settled.length > 0 && persons - excluded - settled.length <= 0) {
    const at = Math.max(...settled.map((p) => p.updatedAt));
    out.push({ day: localDayKey(at, zone), at, kind: 'readd-done', params: { accepted: acceptances.length, settled: settled.length } });
  }
  return out;
}

/** Pictures added to the photo archive, one entry per local day they were added on. */
export function photoEntries(caseDir: string, zone: string | undefined): TimelineEntry[] {
  const file = join(photosDir(caseDir), 'index.sqlite');
  if (!existsSync(file)) return [];
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    // Grouped by hour in SQL (100k pictures stay a few rows), then by the local day here.
    const rows = db.prepare('SELECT substr(added_at, 1, 13) AS hour, min(added_at) AS first, count(*) AS n FROM photos GROUP BY hour').all() as {
      first: string;
      n: number;
    }[];
    const byDay = new Map<string, { at: number; count: number }>();
    for (const row of rows) {
      const at = Date.parse(row.first);
      const day = localDayKey(at, zone);
      const entry = byDay.get(day);
      if (entry) {
        entry.count += row.n;
        entry.at = Math.min(entry.at, at);
      } else byDay.set(day, { at, count: row.n });
    }
    return [...byDay].map(([day, e]) => ({ day, at: e.at, kind: 'photos-imported' as const, params: { count: e.count } }));
  } finally {
    db.close();
  }
}

export function sortTimeline(entries: TimelineEntry[]): TimelineEntry[] {
  return [...entries].sort((a, b) => a.day.localeCompare(b.day) || a.at - b.at);
}

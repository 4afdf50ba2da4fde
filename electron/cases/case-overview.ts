// What the Cases screen shows of each case at a glance, for helpers who keep several people's cases:
// re-add progress, last activity, days left at the current pace, and what needs attention. Read from
// the re-add journal without taking its writer lock (loading is read-only), and from case.json's
// person count, so listing never loads a contact book.
import type { CaseOverview } from '../../shared/contract';
import { loadReaddState } from '../readd/load';
import { dueReminders, loadAppeals, reminders, todayIn } from '../appeals';

const DAY = 86_400_000;
/** Days looked back for the pace of the ETA (as the re-add dashboard does). */
const RECENT_DAYS = 7;

export function caseOverview(caseDir: string, persons: number, now = Date.now()): CaseOverview {
  const { state } = loadReaddState(caseDir);
  const settings = state.settings;
  const target = settings.activeTargetId;
  const progress = Object.values(state.progress[target] ?? {});
  const count = (status: string) => progress.filter((p) => p.status === status).length;
  const sent = count('sent');
  const accepted = count('accepted');
  const settled = progress.filter((p) => p.status !== 'pending' && p.status !== 'later').length;
  const excluded = Object.keys(state.excluded).length;
  const remaining = Math.max(0, persons - excluded - settled);
  const requests = state.requests[target] ?? [];
  const acceptances = state.acceptances[target] ?? [];
  const lastAt = Math.max(0, ...requests.map((r) => r.at), ...acceptances.map((a) => a.at), ...progress.map((p) => p.updatedAt));
  const recent = requests.filter((r) => r.at > now - RECENT_DAYS * DAY).length;
  const pacePerDay = recent > 0 ? Math.min(settings.dailyLimit, recent / RECENT_DAYS) : 0;
  const coolDownUntil = state.coolDownUntil[target];
  const followUpsDue = progress.filter((p) => p.status === 'sent' && p.sentAt !== undefined && now - p.sentAt >= settings.followUpAfterDays * DAY).length;
  const attention: CaseOverview['attention'] = [];
  if (coolDownUntil !== undefined && coolDownUntil > now) attention.push({ kind: 'cool-down', until: coolDownUntil });
  if (followUpsDue > 0) attention.push({ kind: 'follow-ups', count: followUpsDue });
  const due = dueReminders(reminders(loadAppeals(caseDir).state, todayIn(now, settings.timezone)));
  if (due.length > 0) attention.push({ kind: 'reminders', count: due.length, first: due[0]!.due });
  return {
    sent,
    accepted,
    remaining,
    ...(lastAt > 0 ? { lastActivityAt: new Date(lastAt).toISOString() } : {}),
    etaDays: remaining === 0 ? 0 : pacePerDay > 0 ? Math.ceil(remaining / pacePerDay) : null,
    attention,
  };
}

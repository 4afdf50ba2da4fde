// Dashboard numbers: counts by status, requests and acceptances per local day, today's allowance,
// and when the queue will be done at the current pace.
import type { DashboardData, Person, ReaddSettings, ReaddStateView, ReaddStatus } from '../../shared/types';
import { addDays, daysBetween, localDayKey } from './local-day';
import { pacing } from './pacing';
import { buildQueue, type BuildQueueOptions } from './queue';
import { STATUSES } from './state';

/** Days looked back for the "recent actual rate". */
export const RECENT_DAYS = 7;

/** Persons by status (excluded ones apart), the queue's length and how many need another way. */
export interface DashboardTally {
  counts: Record<ReaddStatus, number>;
  excluded: number;
  queued: number;
  needsAnotherWay: number;
}

/** The tally from scratch (the Re-add screen passes its QueueIndex's, kept per event). */
function tallyOf(state: ReaddStateView, persons: readonly Person[], settings: ReaddSettings, now: number, options: BuildQueueOptions): DashboardTally {
  const targetId = options.targetId ?? settings.activeTargetId;
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ReaddStatus, number>;
  let excluded = 0;
  const progress = state.progress[targetId] ?? {};
  for (const person of persons) {
    if (state.excluded[person.id]) {
      excluded += 1;
      continue;
    }
    counts[progress[person.id]?.status ?? 'pending'] += 1;
  }
  const { queue, needsAnotherWay } = buildQueue(persons, state, undefined, settings, now, options);
  return { counts, excluded, queued: queue.length, needsAnotherWay: needsAnotherWay.length };
}

export function dashboard(
  state: ReaddStateView,
  persons: readonly Person[],
  settings: ReaddSettings,
  now: number,
  options: BuildQueueOptions = {},
  tally: DashboardTally = tallyOf(state, persons, settings, now, options),
): DashboardData {
  const targetId = options.targetId ?? settings.activeTargetId;
  const zone = settings.timezone;
  const { counts, excluded } = tally;
  const today = localDayKey(now, zone);
  const requests = state.requests[targetId] ?? [];
  const acceptances = state.acceptances[targetId] ?? [];
  const perDayMap = new Map<string, { requests: number; acceptances: number }>();
  const bucket = (at: number): { requests: number; acceptances: number } => {
    const day = localDayKey(at, zone);
    let entry = perDayMap.get(day);
    if (!entry) perDayMap.set(day, (entry = { requests: 0, acceptances: 0 }));
    return entry;
  };
  for (const r of requests) bucket(r.at).requests += 1;
  for (const a of acceptances) bucket(a.at).acceptances += 1;
  const perDay: DashboardData['perDay'] = [];
  const firstDay = [...perDayMap.keys()].sort()[0];
  if (firstDay !== undefined) {
    for (let day = firstDay; day <= today; day = addDays(day, 1)) {
      perDay.push({ day, ...(perDayMap.get(day) ?? { requests: 0, acceptances: 0 }) });
    }
  }

  const pace = pacing(state, settings, now, () => 0.5, targetId);
  const pacePerDay = recentPace(perDay, today, firstDay, pace.dailyLimit);
  const { etaDays, etaDay } = eta(tally.queued, pacePerDay, Math.min(pace.remainingToday, pacePerDay), today);

  return {
    targetId,
    counts,
    excluded,
    total: persons.length,
    needsAnotherWay: tally.needsAnotherWay,
    perDay,
    remainingToday: pace.remainingToday,
    pacePerDay,
    etaDays,
    etaDay,
  };
}

/** min(limit, requests per day over the last RECENT_DAYS days, or since the first request when sooner). */
function recentPace(perDay: DashboardData['perDay'], today: string, firstDay: string | undefined, limit: number): number {
  if (firstDay === undefined) return limit; // nothing sent yet: assume the plan is followed
  const windowStart = addDays(today, -(RECENT_DAYS - 1));
  const from = firstDay > windowStart ? firstDay : windowStart;
  const days = daysBetween(from, today) + 1;
  const sent = perDay.filter((d) => d.day >= from).reduce((sum, d) => sum + d.requests, 0);
  return Math.min(limit, sent / days);
}

function eta(pending: number, perDay: number, leftToday: number, today: string): { etaDays: number | null; etaDay: string | null } {
  if (pending === 0) return { etaDays: 0, etaDay: today };
  const afterToday = pending - Math.max(0, Math.floor(leftToday));
  if (afterToday <= 0) return { etaDays: 0, etaDay: today };
  if (perDay <= 0) return { etaDays: null, etaDay: null };
  const days = Math.ceil(afterToday / perDay);
  return { etaDays: days, etaDay: addDays(today, days) };
}

// Pacing: how many friend requests are left today and when the next one may go out. Pure — the
// clock (`now`) and the randomness (`rng`) are passed in, so tests drive time by hand.
import type { Pacing, ReaddSettings, ReaddStateView } from '../../shared/types';
import { localDayKey, startOfLocalDay, startOfNextLocalDay } from './local-day';
import { dailyLimitFor } from './settings';

export type Rng = () => number;

/** A random gap, uniform in [minGapMs, maxGapMs] for any rng value in [0, 1). */
export function drawGap(settings: Pick<ReaddSettings, 'minGapMs' | 'maxGapMs'>, rng: Rng = Math.random): number {
  const low = Math.min(settings.minGapMs, settings.maxGapMs);
  const high = Math.max(settings.minGapMs, settings.maxGapMs);
  const r = Math.min(Math.max(rng(), 0), 1);
  return Math.min(high, Math.max(low, Math.round(low + r * (high - low))));
}

/** Counted requests of a target made on the local day containing `now`. */
export function requestsOnDay(state: ReaddStateView, settings: ReaddSettings, targetId: string, now: number): number {
  const dayStart = startOfLocalDay(now, settings.timezone);
  const dayEnd = startOfNextLocalDay(now, settings.timezone);
  let count = 0;
  for (const request of state.requests[targetId] ?? []) {
    if (request.at >= dayStart && request.at < dayEnd) count += 1;
  }
  return count;
}

export function pacing(
  state: ReaddStateView,
  settings: ReaddSettings,
  now: number,
  rng: Rng = Math.random,
  targetId: string = settings.activeTargetId,
): Pacing {
  const dailyLimit = dailyLimitFor(settings, targetId);
  const usedToday = requestsOnDay(state, settings, targetId, now);
  const remainingToday = Math.max(0, dailyLimit - usedToday);
  const limitReached = remainingToday === 0;
  const nextResetAt = startOfNextLocalDay(now, settings.timezone);

  const requests = state.requests[targetId] ?? [];
  const last = requests[requests.length - 1];
  // The gap was drawn when the request was recorded, so the countdown does not jump between calls;
  // rng only fills in for requests recorded without one.
  // A gap lowered since (the user shortened the pace) shortens the running wait too: never more than today's longest gap.
  const gapAfterLast = last ? (last.gapMs > 0 ? Math.min(last.gapMs, Math.max(settings.minGapMs, settings.maxGapMs)) : drawGap(settings, rng)) : 0;
  const coolDown = state.coolDownUntil[targetId];
  const coolDownUntil = coolDown !== undefined && coolDown > now ? coolDown : undefined;

  let nextAllowedAt = now;
  if (last) nextAllowedAt = Math.max(nextAllowedAt, last.at + gapAfterLast);
  if (coolDownUntil !== undefined) nextAllowedAt = Math.max(nextAllowedAt, coolDownUntil);
  if (limitReached) nextAllowedAt = Math.max(nextAllowedAt, nextResetAt);
  // A cool-down or wait may cross midnight: if it ends on a later day with that day's allowance, fine.

  const result: Pacing = {
    targetId,
    dailyLimit,
    usedToday,
    remainingToday,
    limitReached,
    nextAllowedAt,
    waitMs: nextAllowedAt - now,
    canSendNow: nextAllowedAt <= now && !limitReached,
    nextResetAt,
    today: localDayKey(now, settings.timezone),
  };
  if (coolDownUntil !== undefined) result.coolDownUntil = coolDownUntil;
  return result;
}

/** Today's cards: never more than the allowance left today (none during a cool-down). */
export function planToday<T>(queue: readonly T[], pace: Pacing): T[] {
  if (pace.coolDownUntil !== undefined && pace.coolDownUntil >= pace.nextResetAt) return [];
  return queue.slice(0, pace.remainingToday);
}

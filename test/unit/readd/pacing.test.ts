import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawGap, pacing, planToday } from '../../../electron/readd/pacing';
import { localDayKey, startOfNextLocalDay } from '../../../electron/readd/local-day';
import { DAY, HOUR, MIN, SimState, T0 } from './helpers';

const SH = { timezone: 'Asia/Shanghai' };

describe('pacing: daily limit', () => {
  it('counts sent requests of the local day and stops at the limit', () => {
    const sim = new SimState({ ...SH, dailyLimit: 3 });
    expect(pacing(sim.state, sim.settings, T0).remainingToday).toBe(3);
    sim.record('a', 'sent', T0).record('b', 'sent', T0 + 10 * MIN);
    let pace = pacing(sim.state, sim.settings, T0 + 20 * MIN);
    expect(pace.usedToday).toBe(2);
    expect(pace.remainingToday).toBe(1);
    expect(pace.limitReached).toBe(false);
    sim.record('c', 'sent', T0 + 30 * MIN);
    pace = pacing(sim.state, sim.settings, T0 + 40 * MIN);
    expect(pace.remainingToday).toBe(0);
    expect(pace.limitReached).toBe(true);
    expect(pace.canSendNow).toBe(false);
    // Next chance: the start of the next Shanghai day (16:00 UTC).
    expect(pace.nextAllowedAt).toBe(Date.UTC(2025, 2, 10, 16, 0, 0));
    expect(pace.nextAllowedAt).toBe(pace.nextResetAt);
  });

  it('counts accepted-without-sent, but not accepted after sent, nor declined / skipped / follow-ups', () => {
    const sim = new SimState({ ...SH, dailyLimit: 10 });
    sim.record('a', 'sent', T0).record('a', 'accepted', T0 + MIN); // 1
    sim.record('b', 'accepted', T0 + 2 * MIN); // 2 (accepted without prior sent)
    sim.record('c', 'declined', T0 + 3 * MIN).record('d', 'skipped', T0 + 4 * MIN).record('a', 'follow-up-sent', T0 + 5 * MIN);
    expect(pacing(sim.state, sim.settings, T0 + 10 * MIN).usedToday).toBe(2);
  });

  it('per-target limit overrides the global one, and targets count separately', () => {
    const sim = new SimState({
      ...SH,
      dailyLimit: 10,
      targets: [
        { id: 'wx', platform: 'wechat', newAccountName: 'n', newAccountId: 'x', oldAccountName: 'o', dailyLimit: 2 },
        { id: 'tg', platform: 'telegram', newAccountName: 'n', newAccountId: '@x', oldAccountName: 'o' },
      ],
      activeTargetId: 'wx',
    });
    sim.record('a', 'sent', T0, 1, 'wx').record('b', 'sent', T0, 1, 'wx').record('c', 'sent', T0, 1, 'tg');
    expect(pacing(sim.state, sim.settings, T0 + HOUR).remainingToday).toBe(0);
    expect(pacing(sim.state, sim.settings, T0 + HOUR, Math.random, 'tg').remainingToday).toBe(9);
  });
});

describe('pacing: gap between requests', () => {
  it('drawGap stays within [min, max] for any rng value (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3_600_000 }),
        fc.integer({ min: 0, max: 3_600_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (a, b, r) => {
          const settings = { minGapMs: Math.min(a, b), maxGapMs: Math.max(a, b) };
          const gap = drawGap(settings, () => r);
          return Number.isInteger(gap) && gap >= settings.minGapMs && gap <= settings.maxGapMs;
        },
      ),
    );
  });

  it('drawGap is uniform-ish over the default 2–6 min', () => {
    const settings = { minGapMs: 2 * MIN, maxGapMs: 6 * MIN };
    expect(drawGap(settings, () => 0)).toBe(2 * MIN);
    expect(drawGap(settings, () => 0.5)).toBe(4 * MIN);
    expect(drawGap(settings, () => 0.999999)).toBe(6 * MIN);
  });

  it('next request waits for the gap drawn with the last one; countdown runs down with the clock (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2 * MIN, max: 6 * MIN }), fc.integer({ min: 0, max: 10 * MIN }), (gap, elapsed) => {
        const sim = new SimState(SH).record('a', 'sent', T0, gap);
        const pace = pacing(sim.state, sim.settings, T0 + elapsed);
        expect(pace.nextAllowedAt).toBe(Math.max(T0 + gap, T0 + elapsed));
        expect(pace.waitMs).toBe(Math.max(0, gap - elapsed));
        expect(pace.canSendNow).toBe(elapsed >= gap);
      }),
    );
  });
});

describe('pacing: changing the gap', () => {
  it('lowering the gap shortens the running wait; raising it does not lengthen one already drawn', () => {
    const sim = new SimState({ ...SH, minGapMs: 10 * MIN, maxGapMs: 12 * MIN }).record('a', 'sent', T0, 11 * MIN);
    expect(pacing(sim.state, sim.settings, T0 + MIN).waitMs).toBe(10 * MIN);
    const lowered = { ...sim.settings, minGapMs: 1 * MIN, maxGapMs: 2 * MIN };
    expect(pacing(sim.state, lowered, T0 + MIN).waitMs).toBe(MIN);
    expect(pacing(sim.state, lowered, T0 + 2 * MIN).canSendNow).toBe(true);
    const raised = { ...sim.settings, minGapMs: 20 * MIN, maxGapMs: 30 * MIN };
    expect(pacing(sim.state, raised, T0 + MIN).waitMs).toBe(10 * MIN);
  });
});

describe('pacing: cool-down', () => {
  it('"too frequent" blocks until the cool-down ends, even with allowance left', () => {
    const sim = new SimState({ ...SH, dailyLimit: 15 });
    sim.record('a', 'sent', T0).coolDown(T0 + 24 * HOUR, T0 + MIN);
    const during = pacing(sim.state, sim.settings, T0 + 2 * HOUR);
    expect(during.coolDownUntil).toBe(T0 + 24 * HOUR);
    expect(during.nextAllowedAt).toBe(T0 + 24 * HOUR);
    expect(during.canSendNow).toBe(false);
    expect(planToday(['x', 'y'], during)).toEqual([]); // ends tomorrow: nothing today
    const after = pacing(sim.state, sim.settings, T0 + 24 * HOUR + 1);
    expect(after.coolDownUntil).toBeUndefined();
    expect(after.canSendNow).toBe(true);
  });
});

describe('pacing: local day', () => {
  it('rolls over at local midnight of the configured zone, not UTC', () => {
    const sim = new SimState({ timezone: 'Asia/Shanghai', dailyLimit: 2 });
    // 23:30 and 23:50 Shanghai on 10 March = 15:30 / 15:50 UTC.
    sim.record('a', 'sent', Date.UTC(2025, 2, 10, 15, 30), 1).record('b', 'sent', Date.UTC(2025, 2, 10, 15, 50), 1);
    expect(pacing(sim.state, sim.settings, Date.UTC(2025, 2, 10, 15, 59)).remainingToday).toBe(0);
    // 00:01 Shanghai on 11 March: a new day, full allowance.
    const next = pacing(sim.state, sim.settings, Date.UTC(2025, 2, 10, 16, 1));
    expect(next.today).toBe('2025-03-11');
    expect(next.remainingToday).toBe(2);
    // The same instants seen from London are all 10 March.
    const london = new SimState({ timezone: 'Europe/London', dailyLimit: 2 });
    london.record('a', 'sent', Date.UTC(2025, 2, 10, 15, 30), 1).record('b', 'sent', Date.UTC(2025, 2, 10, 15, 50), 1);
    expect(pacing(london.state, london.settings, Date.UTC(2025, 2, 10, 16, 1)).remainingToday).toBe(0);
  });

  it('accepts fixed offsets', () => {
    expect(localDayKey(Date.UTC(2025, 2, 10, 16, 0), '+08:00')).toBe('2025-03-11');
    expect(localDayKey(Date.UTC(2025, 2, 10, 16, 0), '-05:30')).toBe('2025-03-10');
    expect(startOfNextLocalDay(Date.UTC(2025, 2, 10, 1, 0), '+08:00')).toBe(Date.UTC(2025, 2, 10, 16, 0));
  });

  it('handles a 23-hour day (DST spring forward in New York)', () => {
    const zone = 'America/New_York';
    // 2025-03-09 is 23 hours long there; next day starts at 04:00 UTC on the 10th (EDT).
    const noon = Date.UTC(2025, 2, 9, 17, 0);
    expect(localDayKey(noon, zone)).toBe('2025-03-09');
    expect(startOfNextLocalDay(noon, zone)).toBe(Date.UTC(2025, 2, 10, 4, 0));
    expect(startOfNextLocalDay(Date.UTC(2025, 2, 9, 3, 0), zone)).toBe(Date.UTC(2025, 2, 9, 5, 0));
  });

  it('day boundaries are consistent for any instant and zone (property)', () => {
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', '+05:45', '-03:00', 'UTC'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.constantFrom(...zones), (t, zone) => {
        const next = startOfNextLocalDay(t, zone);
        expect(next).toBeGreaterThan(t);
        expect(next - t).toBeLessThanOrEqual(DAY + HOUR);
        expect(localDayKey(next, zone)).not.toBe(localDayKey(t, zone));
        expect(localDayKey(next - 1, zone)).toBe(localDayKey(t, zone));
      }),
      { numRuns: 300 },
    );
  });
});

describe('planToday', () => {
  it('never shows more than the remaining allowance', () => {
    const sim = new SimState({ ...SH, dailyLimit: 3 }).record('a', 'sent', T0);
    const pace = pacing(sim.state, sim.settings, T0 + HOUR);
    expect(planToday(['p1', 'p2', 'p3', 'p4'], pace)).toEqual(['p1', 'p2']);
  });
});

import { describe, expect, it } from 'vitest';
import { dashboard } from '../../../electron/readd/dashboard';
import { DAY, HOUR, person, SimState } from './helpers';

// Noon in Shanghai, 10 March 2025.
const NOON = Date.UTC(2025, 2, 10, 4, 0);
const persons = Array.from({ length: 40 }, (_, i) => person({ id: `p${i}`, phones: [`+86138000000${String(i).padStart(2, '0')}`] }));

describe('dashboard', () => {
  it('counts statuses, builds the per-day series and estimates the finish at min(limit, recent pace)', () => {
    const sim = new SimState({ timezone: 'Asia/Shanghai', dailyLimit: 10 });
    // Day 1 (8 March): 4 sent, 2 accepted; day 2: nothing; day 3 (today): 2 sent.
    for (let i = 0; i < 4; i++) sim.record(`p${i}`, 'sent', NOON - 2 * DAY + i * HOUR);
    sim.record('p0', 'accepted', NOON - 2 * DAY + 5 * HOUR).record('p1', 'accepted', NOON - 2 * DAY + 6 * HOUR);
    sim.record('p4', 'sent', NOON - HOUR).record('p5', 'sent', NOON - HOUR / 2);
    sim.record('p6', 'declined', NOON - HOUR);
    sim.state.excluded.p39 = true;

    const d = dashboard(sim.state, persons, sim.settings, NOON);
    expect(d.counts).toMatchObject({ accepted: 2, sent: 4, declined: 1, pending: 32 });
    expect(d.excluded).toBe(1);
    expect(d.total).toBe(40);
    expect(d.perDay).toEqual([
      { day: '2025-03-08', requests: 4, acceptances: 2 },
      { day: '2025-03-09', requests: 0, acceptances: 0 },
      { day: '2025-03-10', requests: 2, acceptances: 0 },
    ]);
    expect(d.remainingToday).toBe(8);
    // 6 requests over 3 days = 2/day, below the limit of 10.
    expect(d.pacePerDay).toBe(2);
    // 32 pending: at most 2 more today → 30 left at 2/day = 15 days.
    expect(d.etaDays).toBe(15);
    expect(d.etaDay).toBe('2025-03-25');
  });

  it('uses the daily limit before anything was sent', () => {
    const sim = new SimState({ timezone: 'Asia/Shanghai', dailyLimit: 15 });
    const d = dashboard(sim.state, persons, sim.settings, NOON);
    expect(d.pacePerDay).toBe(15);
    expect(d.perDay).toEqual([]);
    // 40 pending: 15 today, 25 left → 2 more days.
    expect(d.etaDays).toBe(2);
  });

  it('has no ETA when the user stopped sending for the whole recent window', () => {
    const sim = new SimState({ timezone: 'Asia/Shanghai', dailyLimit: 15 });
    sim.record('p0', 'sent', NOON - 20 * DAY);
    const d = dashboard(sim.state, persons, sim.settings, NOON);
    expect(d.pacePerDay).toBe(0);
    expect(d.etaDays).toBeNull();
    expect(d.perDay).toHaveLength(21);
  });
});

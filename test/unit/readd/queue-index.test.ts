// The re-add plan kept between calls (QueueIndex, issue 16) against one built from scratch
// (buildQueue, dashboard) after every step of random sequences of what a user does: outcomes of
// every kind, undo, star, exclude, manual order, settings, and days passing (follow-ups fall due).
import { describe, expect, it } from 'vitest';
import type { InteractionStrength, Person, ReaddAction } from '../../../shared/types';
import { buildQueue } from '../../../electron/readd/queue';
import { QueueIndex } from '../../../electron/readd/queue-index';
import { dashboard } from '../../../electron/readd/dashboard';
import { parsePhone, parseWithLibrary } from '../../../electron/readd/search-key';
import { ReaddStore } from '../../../electron/readd/store';
import { DAY, person, T0, tempCase } from './helpers';

function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Namesakes, persons without a search key, labels, strengths: every tie-break of the orders has work to do. */
function people(random: () => number, count: number): Person[] {
  const names = ['张伟', '王芳', '李娜', '刘洋', '章伟', 'Li Na', '白雪', '赵磊', '张伟'];
  const pick = <T,>(list: T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const r = random();
    return person({
      id: `p${String(i).padStart(3, '0')}`,
      name: pick(names),
      ...(r < 0.5 ? { phones: [`13${Math.floor(random() * 10)}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`] } : {}),
      ...(r > 0.4 && r < 0.6 ? { wechatIds: [`wx_user${i}`] } : {}),
      ...(r > 0.85 ? { wxids: [`wxid_${i}`], emails: [`p${i}@mail.example`] } : {}),
      ...(random() < 0.3 ? { labels: [pick(['家人', '同事', '同学'])] } : {}),
    });
  });
}

const ACTIONS: ReaddAction[] = ['sent', 'accepted', 'declined', 'notFound', 'skipped', 'later', 'pending', 'follow-up-sent'];

describe('QueueIndex', () => {
  for (const seed of [1, 2, 3]) {
    it(`equals a plan built from scratch after every step of a random session (seed ${seed})`, async () => {
      const random = rng(seed);
      const persons = people(random, 80);
      const strengths = new Map<string, InteractionStrength>(
        persons.filter(() => random() < 0.3).map((p) => [p.id, { messages: Math.floor(random() * 5), last12Months: Math.floor(random() * 3) }]),
      );
      const mutualGroups = new Map(persons.filter(() => random() < 0.2).map((p) => [p.id, ['大学同学群']]));
      const { dir, cleanup } = tempCase();
      let now = T0;
      const store = await ReaddStore.open(dir, { now: () => now, rng: () => 0.5 });
      try {
        await store.updateSettings({ followUpAfterDays: 2, maxFollowUps: 2, priorityLabels: ['家人'] });
        const index = new QueueIndex(persons, store.state, strengths, store.settings(), { mutualGroups });
        store.onEvent((_event, touched) => index.update(store.state, touched));
        const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
        const some = () => persons.filter(() => random() < 0.1).map((p) => p.id);
        for (let step = 0; step < 150; step++) {
          const r = random();
          if (r < 0.55) await store.record(pick(persons).id, pick(ACTIONS));
          else if (r < 0.65) await store.undo();
          else if (r < 0.72) await store.star(some(), random() < 0.7);
          else if (r < 0.79) await store.exclude(some(), random() < 0.7);
          else if (r < 0.86) await store.setOrder(random() < 0.2 ? [] : some());
          else if (r < 0.9) await store.updateSettings({ dailyLimit: 5 + Math.floor(random() * 20) }); // not the queue's: kept
          else now += Math.floor(random() * 2 * DAY);

          const settings = store.settings();
          const fresh = buildQueue(persons, store.state, strengths, settings, now, { mutualGroups });
          expect(index.plan(now)).toEqual(fresh);
          expect(index.size).toBe(fresh.queue.length);
          expect(index.head(3)).toEqual(fresh.queue.slice(0, 3));
          expect(dashboard(store.state, persons, settings, now, {}, index.tally())).toEqual(dashboard(store.state, persons, settings, now));
        }
      } finally {
        await store.close();
        cleanup();
      }
    });
  }

  it('awaiting: everyone sent and unanswered, excluded too, newest request first', async () => {
    const persons = people(rng(7), 10);
    const { dir, cleanup } = tempCase();
    let now = T0;
    const store = await ReaddStore.open(dir, { now: () => now, rng: () => 0.5 });
    try {
      const index = new QueueIndex(persons, store.state, undefined, store.settings());
      store.onEvent((_event, touched) => index.update(store.state, touched));
      for (const p of persons.slice(0, 4)) {
        now += 1000;
        await store.record(p.id, 'sent');
      }
      await store.exclude([persons[1]!.id]);
      await store.record(persons[2]!.id, 'accepted');
      expect(index.awaiting(10).map((a) => a.personId)).toEqual([persons[3]!.id, persons[1]!.id, persons[0]!.id]);
      expect(index.awaiting(1)).toEqual([{ personId: persons[3]!.id, name: persons[3]!.name, sentAt: T0 + 4000 }]);
    } finally {
      await store.close();
      cleanup();
    }
  });
});

describe('mainland mobiles without the phone library', () => {
  it('reads them as the library does, in every way they are written', () => {
    const random = rng(11);
    for (let i = 0; i < 2000; i++) {
      const digits = `1${3 + Math.floor(random() * 7)}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
      const spaced = `${digits.slice(0, 3)} ${digits.slice(3, 7)}-${digits.slice(7)}`;
      for (const raw of [digits, `+86${digits}`, `+86 ${spaced}`, `(+86) ${spaced}`, spaced]) {
        expect(parsePhone(raw), raw).toEqual(parseWithLibrary(raw.replace(/[\s()-]/g, '')));
      }
    }
    // Not mobiles: left to the library.
    expect(parsePhone('12345678901')).toEqual(parseWithLibrary('12345678901'));
    expect(parsePhone('+8612345678901')).toEqual(parseWithLibrary('+8612345678901'));
  });
});

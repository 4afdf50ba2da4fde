// The re-add plan kept between calls (issue 16: at 100k persons a from-scratch buildQueue takes
// seconds, and the Re-add screen asked for one on every action). Built once per person list and
// settings, then kept sorted as events arrive: each event re-places only the persons it touched
// (a binary search out of the sorted queue and one back in). It answers what the screen shows —
// today's first cards, counts, follow-ups due, who needs another way — without walking everyone.
// Its plan equals buildQueue's over the same state (property test in test/unit/readd/queue-index).
import type { InteractionStrength, NeedsAnotherWayItem, Person, QueueItem, ReaddQueue, ReaddSettings, ReaddStateView, ReaddStatus } from '../../shared/types';
import {
  compareNames,
  compareRanked,
  isFollowUpDue,
  placePerson,
  placementContext,
  type BuildQueueOptions,
  type PersonCache,
  type Placement,
  type PlacementContext,
  type Ranked,
} from './queue';
import { STATUSES } from './state';

interface Entry {
  person: Person;
  /** Position in the person list: ties of the stable sorts (same name, same sent time) keep it. */
  order: number;
  cache: PersonCache;
  placement: Placement;
  status: ReaddStatus;
  excluded: boolean;
  /** When the request was sent, while the status is 'sent'. */
  sentAt?: number;
}

/** Settings the queue does not depend on (pacing and follow-up timing are read at each call). */
const NOT_QUEUE_SETTINGS = new Set<keyof ReaddSettings>(['dailyLimit', 'minGapMs', 'maxGapMs', 'coolDownMs', 'timezone', 'followUpAfterDays', 'maxFollowUps']);

/** What the queue's contents depend on in the settings: a change of it means building again. */
export function queueSettingsKey(settings: ReaddSettings): string {
  return JSON.stringify(Object.entries(settings).filter(([key]) => !NOT_QUEUE_SETTINGS.has(key as keyof ReaddSettings)));
}

/** Index of the first element of `list` that sorts after `value` (or is it, with `orEqual`). */
function bound<T>(list: readonly T[], value: T, compare: (a: T, b: T) => number, orEqual: boolean): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const c = compare(list[mid]!, value);
    if (c < 0 || (c === 0 && !orEqual)) low = mid + 1;
    else high = mid;
  }
  return low;
}

export class QueueIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly queue: Ranked[] = [];
  private readonly another: Entry[] = [];
  /** Queued persons awaiting an answer, with or without a follow-up due (placement 'sent'). */
  private readonly sent = new Set<Entry>();
  /** Everyone whose status is 'sent', excluded or not (the "awaiting an answer" list). */
  private readonly awaitingSet = new Set<Entry>();
  private readonly counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ReaddStatus, number>;
  private excludedCount = 0;

  /** Placing everyone once, then one sort: the cost of a from-scratch plan, paid when persons or settings change. */
  constructor(
    readonly persons: readonly Person[],
    state: ReaddStateView,
    readonly strengths: Map<string, InteractionStrength> | undefined,
    readonly settings: ReaddSettings,
    private readonly options: BuildQueueOptions = {},
  ) {
    const ctx = placementContext(state, strengths, settings, options);
    for (let order = 0; order < persons.length; order++) {
      const person = persons[order]!;
      const entry: Entry = { person, order, cache: {}, placement: NOWHERE, status: 'pending', excluded: false };
      this.entries.set(person.id, entry);
      this.place(entry, ctx, state, false);
    }
    this.queue.sort(compareRanked);
    this.another.sort(byName);
  }

  person(id: string): Person | undefined {
    return this.entries.get(id)?.person;
  }

  /** Places again the persons an event touched (unknown ids are ignored), against the state after it. */
  update(state: ReaddStateView, personIds: Iterable<string>): void {
    const ctx = placementContext(state, this.strengths, this.settings, this.options);
    for (const id of new Set(personIds)) {
      const entry = this.entries.get(id);
      if (!entry) continue;
      this.unplace(entry);
      this.place(entry, ctx, state, true);
    }
  }

  /** The queue's length (pending and later with a search key). */
  get size(): number {
    return this.queue.length;
  }

  /** The first `n` queued cards, in queue order. */
  head(n: number): QueueItem[] {
    return this.queue.slice(0, Math.max(0, n)).map((r) => r.item); // slice takes Infinity: the whole queue
  }

  /** The plan as buildQueue gives it at `now`. */
  plan(now: number): ReaddQueue {
    return { queue: this.queue.map((r) => r.item), needsAnotherWay: this.needsAnotherWay(), followUps: this.followUps(now) };
  }

  needsAnotherWay(): NeedsAnotherWayItem[] {
    return this.another.map((e) => (e.placement as Extract<Placement, { kind: 'another' }>).item);
  }

  /** Sent requests whose follow-up is due at `now`, oldest request first. */
  followUps(now: number): QueueItem[] {
    const due: { item: QueueItem; order: number }[] = [];
    for (const entry of this.sent) {
      const placed = entry.placement as Extract<Placement, { kind: 'sent' }>;
      if (isFollowUpDue(placed.progress, this.settings, now)) due.push({ item: placed.item, order: entry.order });
    }
    due.sort((a, b) => (a.item.sentAt ?? 0) - (b.item.sentAt ?? 0) || a.order - b.order);
    return due.map((d) => d.item);
  }

  /** Persons with a request sent and no answer yet (excluded ones too), newest request first. */
  awaiting(limit: number): { personId: string; name: string; sentAt?: number }[] {
    return [...this.awaitingSet]
      .map((entry) => ({ entry, sentAt: entry.sentAt }))
      .sort((a, b) => (b.sentAt ?? 0) - (a.sentAt ?? 0) || a.entry.order - b.entry.order)
      .slice(0, limit)
      .map(({ entry, sentAt }) => ({ personId: entry.person.id, name: entry.person.name, ...(sentAt !== undefined ? { sentAt } : {}) }));
  }

  /** Counts for the dashboard: persons by status (excluded ones apart), queued, needing another way. */
  tally(): { counts: Record<ReaddStatus, number>; excluded: number; queued: number; needsAnotherWay: number } {
    return { counts: { ...this.counts }, excluded: this.excludedCount, queued: this.queue.length, needsAnotherWay: this.another.length };
  }

  private place(entry: Entry, ctx: PlacementContext, state: ReaddStateView, sorted: boolean): void {
    const progress = state.progress[ctx.targetId]?.[entry.person.id];
    entry.status = progress?.status ?? 'pending';
    entry.excluded = state.excluded[entry.person.id] === true;
    if (entry.excluded) this.excludedCount += 1;
    else this.counts[entry.status] += 1;
    if (entry.status === 'sent') {
      entry.sentAt = progress?.sentAt;
      this.awaitingSet.add(entry);
    }
    const placed = placePerson(entry.person, ctx, entry.cache);
    entry.placement = placed;
    if (placed.kind === 'queue') {
      if (sorted) this.queue.splice(bound(this.queue, placed.ranked, compareRanked, false), 0, placed.ranked);
      else this.queue.push(placed.ranked);
    } else if (placed.kind === 'another') {
      if (sorted) this.another.splice(bound(this.another, entry, byName, false), 0, entry);
      else this.another.push(entry);
    } else if (placed.kind === 'sent') {
      this.sent.add(entry);
    }
  }

  private unplace(entry: Entry): void {
    if (entry.excluded) this.excludedCount -= 1;
    else this.counts[entry.status] -= 1;
    this.awaitingSet.delete(entry);
    const placed = entry.placement;
    if (placed.kind === 'queue') {
      const at = bound(this.queue, placed.ranked, compareRanked, true);
      if (this.queue[at] !== placed.ranked) throw new Error(`re-add queue out of order at ${entry.person.id}`);
      this.queue.splice(at, 1);
    } else if (placed.kind === 'another') {
      const at = bound(this.another, entry, byName, true);
      if (this.another[at] !== entry) throw new Error(`re-add list out of order at ${entry.person.id}`);
      this.another.splice(at, 1);
    } else if (placed.kind === 'sent') {
      this.sent.delete(entry);
    }
    entry.placement = NOWHERE;
  }
}

const NOWHERE: Placement = { kind: 'none' };

/** Name order, ties in person-list order (what buildQueue's stable sort gives). */
function byName(a: Entry, b: Entry): number {
  return compareNames(a.person.name, b.person.name) || a.order - b.order;
}

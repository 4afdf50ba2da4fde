// The re-add queue: who to search next, who needs another way, and who is due a follow-up.
// Order: the user's manual order, then "later" cards last, then priority (starred, then priority
// labels in list order), then how much the user talked with them, then name in pinyin order.
import { pinyin } from 'pinyin-pro';
import { allIdeographs } from '../contacts/names';
import type {
  InteractionStrength,
  NeedsAnotherWayItem,
  Person,
  Platform,
  QueueItem,
  ReaddProgress,
  ReaddQueue,
  ReaddSettings,
  ReaddStatus,
  ReaddStateView,
  SearchKey,
} from '../../shared/types';
import { activeTarget } from './settings';
import { hasSearchKey, reachSuggestions, searchKeysFor, unsearchableKeys } from './search-key';
import { messageFor, type RenderedMessage } from './template';

const DAY_MS = 86_400_000;

export interface BuildQueueOptions {
  targetId?: string;
  /** personId → names of groups the user shares with them (from chat exports), for "ask a mutual friend". */
  mutualGroups?: Map<string, string[]>;
}

const sortKeyCache = new Map<string, string>();
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const zhCollator = new Intl.Collator('zh-CN');
const PLAIN_KEY = /^[a-z ]*$/;

/** Pinyin spelling so 白 sorts with B and 张 with Z, interleaved with Latin names. */
export function nameSortKey(name: string): string {
  let key = sortKeyCache.get(name);
  if (key === undefined) {
    key = (allIdeographs(name) ? ideographReading(name) : pinyin(name, { toneType: 'none', nonZh: 'consecutive', type: 'array' })).join(' ').toLowerCase().trim();
    if (sortKeyCache.size > 100_000) sortKeyCache.clear();
    sortKeyCache.set(name, key);
  }
  return key;
}

/**
 * What pinyin(name, { toneType: 'none', … }) gives for a name of CJK ideographs only (most names
 * of a Chinese book), faster: pinyin-pro strips the tone marks of every syllable with nine regular
 * expressions each time (a third of its time at 100k names); here each distinct toned syllable is
 * stripped once, by the same expressions. Tone sandhi (一, 不) changes only tone marks, stripped
 * anyway. Only ideographs: pinyin-pro strips Chinese syllables, never other text (test:
 * test/unit/readd/queue.test.ts compares every ideograph and many names with the plain call).
 */
function ideographReading(name: string): string[] {
  const toned = pinyin(name, { toneType: 'symbol', nonZh: 'consecutive', type: 'array', toneSandhi: false });
  for (let i = 0; i < toned.length; i++) {
    const syllable = toned[i]!;
    let bare = toneless.get(syllable);
    if (bare === undefined) toneless.set(syllable, (bare = withoutTone(syllable)));
    toned[i] = bare;
  }
  return toned;
}

const toneless = new Map<string, string>();

/** pinyin-pro's getPinyinWithoutTone (3.29), expression for expression. */
function withoutTone(syllable: string): string {
  return syllable
    .replace(/(ā|á|ǎ|à)/g, 'a')
    .replace(/(ō|ó|ǒ|ò)/g, 'o')
    .replace(/(ē|é|ě|è)/g, 'e')
    .replace(/(ī|í|ǐ|ì)/g, 'i')
    .replace(/(ū|ú|ǔ|ù)/g, 'u')
    .replace(/(ǖ|ǘ|ǚ|ǜ)/g, 'ü')
    .replace(/(n̄|ń|ň|ǹ)/g, 'n')
    .replace(/(m̄|ḿ|m̌|m̀)/g, 'm')
    .replace(/(ê̄|ế|ê̌|ề)/g, 'ê');
}

export function compareNames(a: string, b: string): number {
  return compareNameKeys(nameSortKey(a), a, nameSortKey(b), b);
}

/** compareNames when both sort keys are at hand. */
function compareNameKeys(keyA: string, a: string, keyB: string, b: string): number {
  // Keys of lower-case letters and spaces only (most pinyin) order by code unit exactly as the
  // collator orders them (space before letters, a shorter prefix first; checked in the tests),
  // and a sort of 100k persons compares them millions of times.
  const byKey = PLAIN_KEY.test(keyA) && PLAIN_KEY.test(keyB) ? (keyA < keyB ? -1 : keyA > keyB ? 1 : 0) : collator.compare(keyA, keyB);
  // What a.localeCompare(b, 'zh-CN') does, without finding the locale's collator at each call.
  return byKey || zhCollator.compare(a, b);
}

/** Lower = earlier: 0 starred, 1.. by priority label position, then everyone else. */
function priorityTier(person: Person, starred: boolean, labels: readonly string[], wanted: readonly string[]): { tier: number; label?: string } {
  if (starred) return { tier: 0 };
  let best = -1;
  for (const label of person.labels) {
    const index = wanted.indexOf(label.toLowerCase());
    if (index >= 0 && (best < 0 || index < best)) best = index;
  }
  return best >= 0 ? { tier: 1 + best, label: labels[best] } : { tier: 1 + labels.length };
}

function compareStrength(a: InteractionStrength | undefined, b: InteractionStrength | undefined): number {
  if (!a || !b) return (a ? 0 : 1) - (b ? 0 : 1);
  return b.last12Months - a.last12Months || b.messages - a.messages || (b.lastAt ?? '').localeCompare(a.lastAt ?? '');
}

/** A queued person with what orders them. */
export interface Ranked {
  personId: string;
  name: string;
  later: boolean;
  tier: number;
  /** nameSortKey(name), looked up once instead of at each comparison. */
  nameKey: string;
  strength?: InteractionStrength;
  manualRank?: number;
  /** The card, made on first use. */
  readonly item: QueueItem;
}

/** Where one person stands in the plan: queued, due a follow-up once sent long enough, needing another way, or nowhere. */
export type Placement =
  | { kind: 'none' }
  | { kind: 'queue'; ranked: Ranked }
  | { kind: 'sent'; item: QueueItem; progress: ReaddProgress | undefined }
  | { kind: 'another'; item: NeedsAnotherWayItem };

/** Per-person values that depend only on the person and the settings (searched and rendered once per person). */
export interface PersonCache {
  /** Whether the person has any search key (known before, and without, the keys: see hasSearchKey). */
  searchable?: boolean;
  searchKeys?: SearchKey[];
  message?: RenderedMessage;
}

export interface PlacementContext {
  state: ReaddStateView;
  strengths: Map<string, InteractionStrength> | undefined;
  settings: ReaddSettings;
  targetId: string;
  platform: Platform;
  mutualGroups: Map<string, string[]> | undefined;
  /** settings.priorityLabels in lower case, made once for everyone. */
  priorityLabels: string[];
}

export function placementContext(state: ReaddStateView, strengths: Map<string, InteractionStrength> | undefined, settings: ReaddSettings, options: BuildQueueOptions): PlacementContext {
  const targetId = options.targetId ?? settings.activeTargetId;
  const priorityLabels = settings.priorityLabels.map((l) => l.toLowerCase());
  return { state, strengths, settings, targetId, platform: activeTarget(settings, targetId).platform, mutualGroups: options.mutualGroups, priorityLabels };
}

const NO_GROUPS: readonly string[] = [];

/** The one rule of who goes where (buildQueue and the cached QueueIndex both place persons with it). */
export function placePerson(person: Person, ctx: PlacementContext, cache: PersonCache = {}): Placement {
  const { state, settings, targetId, platform } = ctx;
  if (state.excluded[person.id]) return { kind: 'none' };
  const progress = state.progress[targetId]?.[person.id];
  const status = progress?.status ?? 'pending';
  const groups = ctx.mutualGroups?.get(person.id) ?? NO_GROUPS;
  if (status === 'notFound') {
    return {
      kind: 'another',
      item: {
        personId: person.id,
        name: person.name,
        reason: 'not-found',
        status,
        suggestions: reachSuggestions(person, platform, groups),
        ...(progress?.lastFollowUpAt !== undefined ? { reachedAt: progress.lastFollowUpAt } : {}),
      },
    };
  }
  if (status !== 'pending' && status !== 'later' && status !== 'sent') return { kind: 'none' };

  // The keys themselves only when a card is made: a queue of 100k shows a few.
  if (status !== 'sent' && !(cache.searchable ??= hasSearchKey(person, platform))) {
    return {
      kind: 'another',
      item: {
        personId: person.id,
        name: person.name,
        reason: 'no-search-key',
        has: unsearchableKeys(person, platform),
        status,
        suggestions: reachSuggestions(person, platform, groups),
        ...(progress?.lastFollowUpAt !== undefined ? { reachedAt: progress.lastFollowUpAt } : {}),
      },
    };
  }

  const starred = state.starred[person.id] === true;
  const { tier, label } = priorityTier(person, starred, settings.priorityLabels, ctx.priorityLabels);
  // Everything the card says is read now, so a later event cannot change a card made afterwards.
  const card: CardFacts = { person, settings, targetId, platform, cache, status, progress, starred, label, strength: ctx.strengths?.get(person.id), rank: state.manualRank[person.id] };
  if (status === 'sent') {
    const item = cardOf(card);
    item.suggestions = reachSuggestions(person, platform, groups);
    if (progress?.sentAt !== undefined) item.sentAt = progress.sentAt;
    return { kind: 'sent', item, progress };
  }
  return { kind: 'queue', ranked: new QueuedPerson(card, status === 'later', tier) };
}

/** What a card is made from, read when the person was placed. */
interface CardFacts {
  person: Person;
  settings: ReaddSettings;
  targetId: string;
  platform: Platform;
  cache: PersonCache;
  status: ReaddStatus;
  progress: ReaddProgress | undefined;
  starred: boolean;
  label: string | undefined;
  strength: InteractionStrength | undefined;
  rank: number | undefined;
}

/** The card of a queued or sent person (its search keys and rendered message made once per person). */
function cardOf({ person, settings, targetId, platform, cache, status, progress, starred, label, strength, rank }: CardFacts): QueueItem {
  const message = (cache.message ??= messageFor(settings, person, targetId));
  const item: QueueItem = {
    personId: person.id,
    name: person.name,
    status,
    attempts: progress?.attempts ?? 0,
    searchKeys: (cache.searchKeys ??= searchKeysFor(person, platform)),
    starred,
    message: message.text,
    messageLength: message.length,
    messageTooLong: message.tooLong,
  };
  if (person.remark !== undefined) item.remark = person.remark;
  if (label !== undefined) item.priorityLabel = label;
  if (strength) item.strength = strength;
  if (rank !== undefined) item.manualRank = rank;
  return item;
}

/**
 * A queued person: what orders them, and their card, made when asked for (a queue of 100k shows a
 * few). One object per person, no closures: 100k are placed at once when the screen opens.
 */
class QueuedPerson implements Ranked {
  readonly personId: string;
  readonly name: string;
  readonly nameKey: string;
  readonly strength?: InteractionStrength;
  readonly manualRank?: number;
  private card?: QueueItem;

  constructor(
    private readonly facts: CardFacts,
    readonly later: boolean,
    readonly tier: number,
  ) {
    this.personId = facts.person.id;
    this.name = facts.person.name;
    this.nameKey = nameSortKey(facts.person.name);
    this.strength = facts.strength;
    this.manualRank = facts.rank;
  }

  get item(): QueueItem {
    return (this.card ??= cardOf(this.facts));
  }
}

/** A sent request comes back as a follow-up once it has waited followUpAfterDays (at most maxFollowUps times). */
export function isFollowUpDue(progress: ReaddProgress | undefined, settings: ReaddSettings, now: number): boolean {
  if (!progress || progress.status !== 'sent' || progress.followUps >= settings.maxFollowUps) return false;
  const since = progress.lastFollowUpAt ?? progress.sentAt ?? progress.updatedAt;
  return now >= since + settings.followUpAfterDays * DAY_MS;
}

/** Queue order; a total order (person id last), so a sorted queue can be searched and kept sorted. */
export function compareRanked(a: Ranked, b: Ranked): number {
  const ra = a.manualRank;
  const rb = b.manualRank;
  if (ra !== undefined || rb !== undefined) {
    if (ra === undefined) return 1;
    if (rb === undefined) return -1;
    if (ra !== rb) return ra - rb;
  }
  return (
    Number(a.later) - Number(b.later) ||
    a.tier - b.tier ||
    compareStrength(a.strength, b.strength) ||
    compareNameKeys(a.nameKey, a.name, b.nameKey, b.name) ||
    (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0)
  );
}

/** The whole plan built from scratch (the Re-add screen keeps a QueueIndex instead, updated per event). */
export function buildQueue(
  persons: readonly Person[],
  state: ReaddStateView,
  strengths: Map<string, InteractionStrength> | undefined,
  settings: ReaddSettings,
  now: number,
  options: BuildQueueOptions = {},
): ReaddQueue {
  const ctx = placementContext(state, strengths, settings, options);
  const ranked: Ranked[] = [];
  const result: ReaddQueue = { queue: [], needsAnotherWay: [], followUps: [] };
  for (const person of persons) {
    const placed = placePerson(person, ctx);
    if (placed.kind === 'queue') ranked.push(placed.ranked);
    else if (placed.kind === 'another') result.needsAnotherWay.push(placed.item);
    else if (placed.kind === 'sent' && isFollowUpDue(placed.progress, settings, now)) result.followUps.push(placed.item);
  }
  ranked.sort(compareRanked);
  result.queue = ranked.map((r) => r.item);
  result.followUps.sort((a, b) => (a.sentAt ?? 0) - (b.sentAt ?? 0));
  result.needsAnotherWay.sort((a, b) => compareNames(a.name, b.name));
  return result;
}

/** Ids of persons carrying a label (case-insensitive), for bulk exclude / star. */
export function personIdsWithLabel(persons: readonly Person[], label: string): string[] {
  const wanted = label.toLowerCase();
  return persons.filter((p) => p.labels.some((l) => l.toLowerCase() === wanted)).map((p) => p.id);
}

/**
 * The order after dragging `personId` to position `toIndex` of `order` (the queue as shown):
 * pass the result to ReaddStore.setOrder.
 */
export function moveInOrder(order: readonly string[], personId: string, toIndex: number): string[] {
  const rest = order.filter((id) => id !== personId);
  const index = Math.max(0, Math.min(rest.length, Math.trunc(toIndex)));
  return [...rest.slice(0, index), personId, ...rest.slice(index)];
}

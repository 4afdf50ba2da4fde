// Name-only matches are never merged automatically: they become proposals for the user.
//  - same-name:   the same normalized remark/full name ("Zhang San" = "zhang  san");
//  - same-pinyin: different Chinese characters that read the same (张三 / 章三, both zhangsan).
import type { MergeProposal } from '../../shared/types';
import { prefixedHash64 } from './hash';
import { internedNameCount } from './names';

/**
 * What proposals need of the persons: how many, each one's id and display name. Read through
 * functions, not Person objects: the merge keeps no object for most (one-record) persons.
 */
export interface PersonNames {
  count: number;
  id(i: number): string;
  name(i: number): string;
  /**
   * A text that orders persons as their ids do, read without making the id (most persons' ids are
   * made on demand from their record's key: 100k of them per count, for the order alone).
   */
  idOrder(i: number): string;
}

/**
 * Each person's interned keys in one array (no list per person): person i's are
 * `keys[offsets[i]]` up to `keys[offsets[i + 1]]`.
 */
export interface KeyLists {
  offsets: Uint32Array;
  keys: Int32Array;
}

/** The names' and the readings' KeyLists in one pass: each person's keys are read once. */
export function keyListPair(
  count: number,
  keysOf: (i: number) => { proposalNames: readonly number[]; proposalReadings: readonly number[] },
): { names: KeyLists; readings: KeyLists } {
  const names = new KeyListBuilder(count);
  const readings = new KeyListBuilder(count);
  for (let i = 0; i < count; i++) {
    const keys = keysOf(i);
    names.add(i, keys.proposalNames);
    readings.add(i, keys.proposalReadings);
  }
  return { names: names.finish(), readings: readings.finish() };
}

/** Fills a KeyLists person by person, in order. */
class KeyListBuilder {
  private readonly offsets: Uint32Array;
  private keys: Int32Array;
  private n = 0;

  constructor(count: number) {
    this.offsets = new Uint32Array(count + 1);
    this.keys = new Int32Array(Math.max(16, count * 2));
  }

  /** Person `i`'s keys (persons added 0, 1, 2…). */
  add(i: number, list: readonly number[]): void {
    for (const key of list) {
      if (this.n === this.keys.length) {
        const bigger = new Int32Array(this.keys.length * 2);
        bigger.set(this.keys);
        this.keys = bigger;
      }
      this.keys[this.n++] = key;
    }
    this.offsets[i + 1] = this.n;
  }

  finish(): KeyLists {
    return { offsets: this.offsets, keys: this.keys };
  }
}

/** Person pairs the user said are different: each id → the greater ids it was kept apart from. */
export type RejectedPairs = Map<string, Set<string>>;

/** Whether a and b (a < b) were kept apart: no pair text made per candidate, as the chains ask for every neighbour. */
function isRejected(rejected: RejectedPairs, a: string, b: string): boolean {
  return rejected.size > 0 && rejected.get(a)?.has(b) === true;
}

/** One group's chain as last made: its persons (ids and names, in group order) and its proposals. */
interface GroupChain {
  ids: string[];
  names: string[];
  pairs: { key: string; proposal: MergeProposal }[];
}

/**
 * The chains of the last findProposals() of one contact book, so that the next one (after a
 * decision) remakes only the groups whose persons, names or kept-apart pairs changed: a decision
 * touches two persons, and the thousands of other groups give the same proposals, as the same
 * objects (which lets the review keep their ranking too).
 */
export class ProposalMemo {
  rejected: RejectedPairs = new Map();
  byName = new Map<number, GroupChain>();
  byReading = new Map<number, GroupChain>();
}

/**
 * `names` and `readings` hold the interned normalized names of each person and their pinyin
 * (see buildPerson); `rejected` the pairs the user said are different. With a `memo`, groups
 * unchanged since its last call are not chained again (see ProposalMemo); the same result.
 */
export function findProposals(
  persons: PersonNames,
  names: KeyLists,
  readings: KeyLists,
  rejected: RejectedPairs,
  memo?: ProposalMemo,
): MergeProposal[] {
  const proposals = new Map<string, MergeProposal>();
  const touched = memo ? rejectedChanges(memo.rejected, rejected) : undefined;
  const byName = new Map<number, GroupChain>();
  const byReading = new Map<number, GroupChain>();
  // Same name first, so a pair matching both ways is reported as the stronger "same-name".
  const passes = [
    { lists: names, reason: 'same-name', before: memo?.byName, after: byName },
    { lists: readings, reason: 'same-pinyin', before: memo?.byReading, after: byReading },
  ] as const;
  for (const { lists, reason, before, after } of passes) {
    for (const { key, members } of sharedGroups(lists)) {
      const ids = members.map((m) => persons.id(m));
      const shown = members.map((m) => persons.name(m));
      const old = before?.get(key);
      const group =
        old && touched && sameTexts(old.ids, ids) && sameTexts(old.names, shown) && !ids.some((id) => touched.has(id))
          ? old
          : { ids, names: shown, pairs: chainPairs(persons, members, rejected, reason) };
      after.set(key, group);
      for (const { key: pair, proposal } of group.pairs) if (!proposals.has(pair)) proposals.set(pair, proposal);
    }
  }
  if (memo) Object.assign(memo, { rejected, byName, byReading });
  return [...proposals.values()].sort(byPair);
}

function chainPairs(persons: PersonNames, members: number[], rejected: RejectedPairs, reason: MergeProposal['reason']): GroupChain['pairs'] {
  const pairs: GroupChain['pairs'] = [];
  chain(persons, members, rejected, (i, j) => {
    const a = persons.id(i);
    const b = persons.id(j);
    const key = a + '\u0000' + b;
    pairs.push({ key, proposal: { id: prefixedHash64('m', key), a, b, reason, names: [persons.name(i), persons.name(j)] } });
  });
  return pairs;
}

function sameTexts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Ids of the persons whose kept-apart pairs differ between two sets. */
function rejectedChanges(before: RejectedPairs, now: RejectedPairs): Set<string> {
  const touched = new Set<string>();
  const missing = (from: RejectedPairs, to: RejectedPairs) => {
    for (const [a, apart] of from) {
      const other = to.get(a);
      for (const b of apart) if (!other?.has(b)) touched.add(a).add(b);
    }
  };
  missing(now, before);
  missing(before, now);
  return touched;
}

/**
 * How many proposals findProposals() would return, without making them: an import reports only
 * the count, and 100k namesake-rich cards make ~60k proposals (ids, pair strings, name lists).
 */
export function countProposals(
  persons: PersonNames,
  names: KeyLists,
  readings: KeyLists,
  rejected: RejectedPairs,
): number {
  // Pairs as numbers (i * count + j, past 2^31 at 100k persons: doubles), sorted, each counted once.
  // A Set of them hashed 60k heap numbers: 150 ms of a 100k-card import, against ~5 ms for this.
  let codes = new Float64Array(1024);
  let length = 0;
  eachProposedPair(persons, names, readings, rejected, (i, j) => {
    if (length === codes.length) {
      const grown = new Float64Array(length * 2);
      grown.set(codes);
      codes = grown;
    }
    codes[length++] = i * persons.count + j;
  });
  const sorted = codes.subarray(0, length).sort();
  let distinct = 0;
  for (let k = 0; k < length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) distinct++;
  return distinct;
}

/** Calls `visit(i, j, reason)` (id(i) < id(j)) for each proposed pair; a pair may come twice. */
function eachProposedPair(
  persons: PersonNames,
  names: KeyLists,
  readings: KeyLists,
  rejected: RejectedPairs,
  visit: (i: number, j: number, reason: MergeProposal['reason']) => void,
): void {
  // Same name first, so a pair matching both ways is reported as the stronger "same-name".
  for (const { members } of sharedGroups(names)) chain(persons, members, rejected, (i, j) => visit(i, j, 'same-name'));
  for (const { members } of sharedGroups(readings)) chain(persons, members, rejected, (i, j) => visit(i, j, 'same-pinyin'));
}

/**
 * Persons (indexes) grouped by shared interned key, only groups of two or more. Bucket lists in
 * typed arrays: no string hashing, next to no allocation for the many keys held by one person.
 */
function sharedGroups(lists: KeyLists): { key: number; members: number[] }[] {
  const holders = new KeyHolders(lists);
  const groups: { key: number; members: number[] }[] = [];
  for (let key = 0; key < holders.keyCount; key++) if (holders.shared(key)) groups.push({ key, members: holders.of(key) });
  return groups;
}

/** Which persons hold each interned key: a list per key threaded through typed arrays. */
export class KeyHolders {
  private readonly head: Int32Array;
  private readonly next: Int32Array;
  private readonly holder: Int32Array;

  constructor({ offsets, keys }: KeyLists) {
    this.head = new Int32Array(internedNameCount()).fill(-1);
    const entries = offsets[offsets.length - 1]!;
    this.next = new Int32Array(entries);
    this.holder = new Int32Array(entries);
    for (let person = 0; person < offsets.length - 1; person++) {
      for (let e = offsets[person]!; e < offsets[person + 1]!; e++) {
        const key = keys[e]!;
        this.holder[e] = person;
        this.next[e] = this.head[key]!;
        this.head[key] = e;
      }
    }
  }

  get keyCount(): number {
    return this.head.length;
  }

  /** Whether two or more entries hold `key`. */
  shared(key: number): boolean {
    const first = this.head[key] ?? -1;
    return first >= 0 && this.next[first]! >= 0;
  }

  /** The persons holding `key` (last holder first; a person holding it twice is listed twice). */
  of(key: number): number[] {
    const members: number[] = [];
    for (let x = this.head[key] ?? -1; x >= 0; x = this.next[x]!) members.push(this.holder[x]!);
    return members;
  }
}

/**
 * The proposals findProposals() would give that involve `person`, made from that person's groups
 * alone: the Re-add card shows one person's namesakes, and making all proposals of 100k persons to
 * pick a few took half a second. Same pairs, reasons and order as filtering findProposals().
 */
export function proposalsOfPerson(
  persons: PersonNames,
  lists: { names: KeyLists; readings: KeyLists },
  holders: { names: KeyHolders; readings: KeyHolders },
  rejected: RejectedPairs,
  person: number,
): MergeProposal[] {
  const proposals = new Map<string, MergeProposal>();
  // Same name first, so a pair matching both ways is reported as the stronger "same-name" (as findProposals).
  const passes = [
    { lists: lists.names, holders: holders.names, reason: 'same-name' },
    { lists: lists.readings, holders: holders.readings, reason: 'same-pinyin' },
  ] as const;
  for (const { lists: { offsets, keys }, holders: byKey, reason } of passes) {
    for (let e = offsets[person]!; e < offsets[person + 1]!; e++) {
      if (!byKey.shared(keys[e]!)) continue;
      chain(persons, byKey.of(keys[e]!), rejected, (i, j) => {
        if (i !== person && j !== person) return;
        const a = persons.id(i);
        const b = persons.id(j);
        const key = a + '\u0000' + b;
        if (!proposals.has(key)) proposals.set(key, { id: prefixedHash64('m', key), a, b, reason, names: [persons.name(i), persons.name(j)] });
      });
    }
  }
  return [...proposals.values()].sort(byPair);
}

function byPair(p: MergeProposal, q: MergeProposal): number {
  return p.a !== q.a ? (p.a < q.a ? -1 : 1) : p.b < q.b ? -1 : p.b > q.b ? 1 : 0;
}

/**
 * A chain through the group instead of every pair: each person is proposed with the next one (by
 * id) it was not rejected with. k namesakes give k-1 proposals, not k²/2, and rejecting one pair
 * lets the next candidate surface on the following merge.
 */
function chain(persons: PersonNames, holders: number[], rejected: RejectedPairs, visit: (i: number, j: number) => void): void {
  if (holders.length === 2 && rejected.size === 0) {
    // Most groups are two namesakes: the pair in id order (as the stable sort below puts it), no arrays made.
    const [x, y] = holders as [number, number];
    if (persons.idOrder(y) < persons.idOrder(x)) visit(y, x);
    else visit(x, y);
    return;
  }
  const keys = holders.map((h) => persons.idOrder(h));
  const order = keys.map((_, k) => k).sort((x, y) => (keys[x]! < keys[y]! ? -1 : keys[x]! > keys[y]! ? 1 : 0));
  for (let i = 0; i < order.length - 1; i++) {
    const a = rejected.size === 0 ? '' : persons.id(holders[order[i]!]!);
    for (let j = i + 1; j < order.length; j++) {
      if (rejected.size === 0 || !isRejected(rejected, a, persons.id(holders[order[j]!]!))) {
        visit(holders[order[i]!]!, holders[order[j]!]!);
        break;
      }
    }
  }
}

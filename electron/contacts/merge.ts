// mergePersons: a pure, deterministic function of the book (raw records + decisions).
//
//  1. prepare every record (normalized identifiers, link tokens, stable record key);
//  2. union-find: records sharing a token are one person, unless detached by a split;
//     accepted pairs are joined explicitly;
//  3. each cluster becomes a Person whose id comes from its anchor record;
//  4. same-name / same-pinyin persons become proposals, minus the rejected ones.
//
// Person id = "p" + the anchor's record key body, the anchor being the cluster's first
// non-detached record in (file import order, record key) order. So a person keeps its id when
// records of later imports join it, when its file is re-imported (record keys survive reordering)
// and when unrelated persons merge. A cluster made only of detached records gets
// "p" + hash("split", key).
//
// Aliases: when the id of a person changes (two persons merged and the other one's id won, the
// anchor record was removed or split off), `aliases` maps every id the person may have had before
// to its current id. Callers holding data keyed by person id (re-add progress) should, after each
// merge, move entries whose id is no longer a person id to aliases.get(id) (when two old ids meet
// in one person, keep the more advanced progress).
import type { MergeResult, Person } from '../../shared/types';
import { decisionsOf, fileRecords, type ContactBookData } from './book';
import { buildPerson, summarizeSingle, type PersonSummary } from './build-person';
import { groupChats } from './file-records';
import { flatConcat, prefixedHash64 } from './hash';
import { nameSortKey } from './names';
import { countProposals, findProposals } from './proposals';
import { linkTokensOf, preparedRecordsOf, type PreparedRecord } from './records';
import { UnionFind } from './union-find';

export function mergePersons(book: ContactBookData): MergeResult {
  const records = prepareBook(book);
  const decisions = decisionsOf(book);
  const detached = new Set(decisions.splits);

  const sets = new UnionFind(records.length);
  const tokenOwner = linkByTokens(records, detached, sets);
  joinAccepted(records, decisions.accepted, sets);
  const clusters = clustersOf(records, sets);

  const summaries: ClusterSummary[] = [];
  const recordIndex = new Map<string, string>();
  const personRecords = new Map<string, string[]>();
  for (const members of clusters.members) {
    const cluster = summarizeCluster(members, detached);
    summaries.push(cluster);
    personRecords.set(cluster.id, cluster.keys);
    for (const m of members) recordIndex.set(m.key, cluster.id);
  }

  const aliases = aliasesOf(records, detached, tokenOwner, (i) => summaries[clusters.clusterOf[i]!]!);
  const rejected = rejectedPersonPairs(decisions.rejected, recordIndex);
  const result = { recordIndex, personRecords, aliases, groups: groupChats(book) } as MergeResult;
  withLazyProposals(result, summaries, rejected);
  return withLazyPersons(result, summaries);
}

/** Counts of unmade proposals, per merge result (see proposalCount). */
const proposalCounters = new WeakMap<MergeResult, () => number>();

/**
 * `proposals` is made on first use (contacts.proposals, a decision), like `persons`: an import
 * only reports how many there are, which proposalCount() gives without making them. The summaries
 * are the ones persons are built from, and proposals do not depend on their order.
 */
function withLazyProposals(result: MergeResult, summaries: ClusterSummary[], rejected: Set<string>): void {
  let proposals: MergeResult['proposals'] | undefined;
  const names = () => summaries.map((c) => c.proposalNames);
  const readings = () => summaries.map((c) => c.proposalReadings);
  Object.defineProperty(result, 'proposals', {
    enumerable: true,
    configurable: true,
    get: () => (proposals ??= findProposals(summaries, names(), readings(), rejected)),
    set: (value: MergeResult['proposals']) => (proposals = value),
  });
  proposalCounters.set(result, () => proposals?.length ?? countProposals(summaries, names(), readings(), rejected));
}

/** How many proposals a merge result holds, without making them when they were not asked for yet. */
export function proposalCount(result: MergeResult): number {
  return proposalCounters.get(result)?.() ?? result.proposals.length;
}

/**
 * `persons` is built on first use, from the clusters' summaries, put in name order then. An
 * import or a decision only needs counts and proposals; building 100k Person objects (~2 KB each)
 * there would double the memory the book itself takes, and sorting them by pinyin is a third of
 * the merge's time. It is an own, enumerable property, so the result compares, spreads and
 * serializes like a plain object; assigning to it replaces the list.
 */
function withLazyPersons(result: MergeResult, summaries: ClusterSummary[]): MergeResult {
  let persons: Person[] | undefined;
  Object.defineProperty(result, 'persons', {
    enumerable: true,
    configurable: true,
    get: () => (persons ??= inNameOrder(summaries).map(personOf)),
    set: (value: Person[]) => (persons = value),
  });
  return result;
}

/** How many persons a merge result holds, without building them. */
export function personCount(result: MergeResult): number {
  return result.personRecords.size;
}

/** All records of the book, in (file import order, record key) order. */
export function prepareBook(book: ContactBookData): PreparedRecord[] {
  const all: PreparedRecord[] = [];
  for (const file of Object.keys(book.records ?? {})) {
    for (const record of preparedRecordsOf(file, fileRecords(book, file), book.defaultRegion)) all.push(record);
  }
  return all;
}

/** Unions records that share a token; returns token → first (non-detached) record holding it. */
function linkByTokens(records: PreparedRecord[], detached: Set<string>, sets: UnionFind): Map<string, number> {
  const owner = new Map<string, number>();
  records.forEach((record, i) => {
    if (detached.size && detached.has(record.key)) return;
    if (!record.tokens) return;
    for (const token of linkTokensOf(record)) {
      const first = owner.get(token);
      if (first === undefined) owner.set(token, i);
      else sets.union(first, i);
    }
  });
  return owner;
}

function joinAccepted(records: PreparedRecord[], accepted: [string, string][], sets: UnionFind): void {
  if (accepted.length === 0) return;
  const wanted = new Set(accepted.flat());
  const indexOfKey = new Map<string, number>();
  records.forEach((r, i) => {
    if (wanted.has(r.key)) indexOfKey.set(r.key, i);
  });
  for (const [a, b] of accepted) {
    const ia = indexOfKey.get(a);
    const ib = indexOfKey.get(b);
    if (ia !== undefined && ib !== undefined) sets.union(ia, ib);
  }
}

interface Clusters {
  /** Members of each cluster in record order; clusters in order of their first record. */
  members: PreparedRecord[][];
  /** Record index → cluster index. */
  clusterOf: Int32Array;
}

function clustersOf(records: PreparedRecord[], sets: UnionFind): Clusters {
  const clusterOfRoot = new Int32Array(records.length).fill(-1);
  const clusterOf = new Int32Array(records.length);
  const members: PreparedRecord[][] = [];
  records.forEach((record, i) => {
    const root = sets.find(i);
    const cluster = clusterOfRoot[root]!;
    // A literal [record] is exact-size; most clusters never grow past it.
    if (cluster < 0) {
      clusterOf[i] = clusterOfRoot[root] = members.length;
      members.push([record]);
    } else {
      clusterOf[i] = cluster;
      members[cluster]!.push(record);
    }
  });
  return { members, clusterOf };
}

/** A cluster as the merge needs it; its Person is built (and kept here) only when asked for. */
interface ClusterSummary extends PersonSummary {
  members: PreparedRecord[];
  id: string;
  /** Record keys, the anchor first. */
  keys: string[];
  person?: Person;
}

/**
 * The cluster summarized at the previous merges, by the cluster's first record. After a decision
 * most clusters are made of the very same (memoised) records, and redoing 100k of them would
 * dominate the recomputation. A cluster is reused only when its id and every member are the same
 * objects, so the result is the same as summarizing (and building) it again; callers get the same
 * Person objects back and must not modify them.
 */
let summarized = new WeakMap<PreparedRecord, ClusterSummary>();

/** For benchmarks: measure the cold path. */
export function clearBuiltPersons(): void {
  summarized = new WeakMap();
}

function summarizeCluster(members: PreparedRecord[], detached: Set<string>): ClusterSummary {
  const ordered = anchorFirst(members, detached);
  const id = personIdOf(ordered, detached);
  const cached = summarized.get(members[0]!);
  if (cached && cached.id === id && sameRecords(cached.members, members)) return cached;
  let cluster: ClusterSummary;
  if (members.length === 1) {
    cluster = { members, id, keys: [members[0]!.key], ...summarizeSingle(members[0]!) };
  } else {
    // Several records: folding them is the only way to know the name, so the person is kept.
    const built = buildPerson(id, members);
    const { proposalNames, proposalReadings, person } = built;
    cluster = { members, id, keys: ordered.map((m) => m.key), name: person.name, proposalNames, proposalReadings, person };
  }
  summarized.set(members[0]!, cluster);
  return cluster;
}

/** The summaries in person order (see sortPersons), as a new list. */
function inNameOrder(summaries: readonly ClusterSummary[]): ClusterSummary[] {
  const ordered = [...summaries];
  sortPersons(ordered);
  return ordered;
}

function personOf(cluster: ClusterSummary): Person {
  return (cluster.person ??= buildPerson(cluster.id, cluster.members).person);
}

function sameRecords(a: PreparedRecord[], b: PreparedRecord[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The anchor (first non-detached member) first, then the others in record order. */
function anchorFirst(members: PreparedRecord[], detached: Set<string>): PreparedRecord[] {
  if (detached.size === 0 || !detached.has(members[0]!.key)) return members;
  const anchor = members.find((m) => !detached.has(m.key));
  return anchor ? [anchor, ...members.filter((m) => m !== anchor)] : members;
}

function personIdOf(anchorFirstMembers: PreparedRecord[], detached: Set<string>): string {
  const anchor = anchorFirstMembers[0]!;
  return detached.has(anchor.key) ? splitPersonId(anchor.key) : personIdForKey(anchor.key);
}

export function personIdForKey(recordKey: string): string {
  return flatConcat('p', recordKey.slice(1));
}

function splitPersonId(recordKey: string): string {
  return prefixedHash64('p', 'split\u0000' + recordKey);
}

function aliasesOf(
  records: PreparedRecord[],
  detached: Set<string>,
  tokenOwner: Map<string, number>,
  clusterOfRecord: (index: number) => Pick<ClusterSummary, 'id' | 'keys'>,
): Map<string, string> {
  const aliases = new Map<string, string>();
  const note = (formerId: string, id: string) => {
    if (formerId !== id) aliases.set(formerId, id);
  };
  const idOfRecord = (index: number) => clusterOfRecord(index).id;
  records.forEach((record, i) => {
    const cluster = clusterOfRecord(i);
    const id = cluster.id;
    if (!detached.has(record.key)) {
      // A record anchoring its person gave it its id: nothing to note (and no id string to make).
      if (cluster.keys[0] !== record.key) note(personIdForKey(record.key), id);
      return;
    }
    // A split-off record may have anchored the person it was split from: that person's former id
    // follows the rest of it (found through the identifiers they share), not the split-off part.
    note(splitPersonId(record.key), id);
    const rest = linkTokensOf(record).map((t) => tokenOwner.get(t)).find((owner) => owner !== undefined);
    note(personIdForKey(record.key), rest === undefined ? id : idOfRecord(rest));
  });
  return aliases;
}

/** Rejected record pairs as the person pairs they now fall in ("a\0b", a < b). */
function rejectedPersonPairs(rejected: [string, string][], recordIndex: Map<string, string>): Set<string> {
  const pairs = new Set<string>();
  for (const [ka, kb] of rejected) {
    const a = recordIndex.get(ka);
    const b = recordIndex.get(kb);
    if (a && b && a !== b) pairs.add(a < b ? a + '\u0000' + b : b + '\u0000' + a);
  }
  return pairs;
}

/** Pinyin-aware name order ("Alice", 李四 (li), 张三 (zhang), then names without letters), ties by id. */
export function sortPersons<T extends Pick<Person, 'id' | 'name'>>(persons: T[], sortKeys: string[] = persons.map((p) => nameSortKey(p.name))): void {
  const prefixes = sortKeys.map(packedPrefix);
  const order = persons.map((_, i) => i);
  order.sort((i, j) => {
    const pi = prefixes[i]!;
    const pj = prefixes[j]!;
    if (pi !== pj) return pi - pj;
    const ki = sortKeys[i]!;
    const kj = sortKeys[j]!;
    if (ki !== kj) return ki < kj ? -1 : 1;
    const a = persons[i]!;
    const b = persons[j]!;
    if (a.name !== b.name) return a.name < b.name ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  const sorted = order.map((i) => persons[i]!);
  sorted.forEach((p, i) => (persons[i] = p));
}

/**
 * The first 7 characters of a sort key as one exact number (7 bits each, code units above 127
 * clamped), in the same order as the strings: most comparisons of 100k keys become number
 * comparisons, and equal prefixes fall back to comparing the strings.
 */
function packedPrefix(key: string): number {
  let packed = 0;
  for (let i = 0; i < 7; i++) packed = packed * 128 + (i < key.length ? Math.min(key.charCodeAt(i), 127) : 0);
  return packed;
}

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
import type { MergeProposal, MergeResult, Person } from '../../shared/types';
import { decisionsOf, fileRecords, nameChoicesOf, type ContactBookData, type NameChoice } from './book';
import { buildPerson, singleProposalIds, singleRecordName, summarizeSingle, type PersonSummary } from './build-person';
import { groupChats } from './file-records';
import { flatConcat, prefixedHash64 } from './hash';
import { nameSortKey } from './names';
import { countProposals, findProposals, KeyHolders, keyListPair, ProposalMemo, proposalsOfPerson, type KeyLists, type PersonNames, type RejectedPairs } from './proposals';
import { linkTokensOf, preparedRecordsOf, TOKEN_SEPARATOR, type PreparedRecord } from './records';
import { TokenOwners } from './token-owners';
import { UnionFind } from './union-find';

export function mergePersons(book: ContactBookData): MergeResult {
  const records = prepareBook(book);
  const decisions = decisionsOf(book);
  const detached = new Set(decisions.splits);

  const sets = new UnionFind(records.length);
  const tokenOwners = linkByTokens(records, detached, sets);
  joinAccepted(records, decisions.accepted, sets);
  const { members, clusterOf } = clustersOf(records, sets);
  const clusters = members.map((m) => summarizeCluster(m, detached));
  const chosen = chosenNames(records, nameChoicesOf(book), (i) => clusters[clusterOf[i]!]!);
  const nameOf = (cluster: Cluster) => chosen.get(cluster)?.name ?? automaticNameOf(cluster);

  const aliases = aliasesOf(records, detached, tokenOwners, (i) => clusters[clusterOf[i]!]!);
  const rejected = rejectedPersonPairs(records, decisions.rejected, (i) => clusterIdOf(clusters[clusterOf[i]!]!));
  const result = { aliases, groups: groupChats(book) } as MergeResult;
  // Made on first use, each (an import needs only counts): see the functions below.
  lazyProperty(result, 'recordIndex', () => recordIndexOf(clusters));
  lazyProperty(result, 'personRecords', () => new Map(clusters.map((c) => [clusterIdOf(c), keysOf(c)])));
  lazyProperty(result, 'persons', () => inNameOrder(clusters, nameOf).map((c) => personOf(c, chosen.get(c))));
  let byId: Map<string, number> | undefined;
  const indexOfId = (id: string) => (byId ??= new Map(clusters.map((c, i) => [clusterIdOf(c), i]))).get(id);
  withLazyProposals(result, clusters, rejected, nameOf, proposalMemoOf(book), indexOfId);
  personCounts.set(result, clusters.length);
  personLookups.set(result, personLookupOf(clusters, chosen, indexOfId));
  return result;
}

/**
 * `result[name]` made by `make` on first use, then kept. An own, enumerable property, so the result
 * compares, spreads and serializes like a plain object; assigning to it replaces the value.
 * Returns a peek at the value: undefined while it has been neither made nor assigned.
 */
function lazyProperty<K extends keyof MergeResult>(result: MergeResult, name: K, make: () => MergeResult[K]): () => MergeResult[K] | undefined {
  let value: MergeResult[K] | undefined;
  Object.defineProperty(result, name, {
    enumerable: true,
    configurable: true,
    get: () => (value ??= make()),
    set: (v: MergeResult[K]) => (value = v),
  });
  return () => value;
}

/**
 * Each book's proposal chains as last made (see ProposalMemo): after a decision, the next merge of
 * the same book remakes only the groups the decision touched. Checked group by group, so a memo
 * from any earlier state of the book gives the same proposals.
 */
const proposalMemos = new WeakMap<ContactBookData, ProposalMemo>();

function proposalMemoOf(book: ContactBookData): ProposalMemo {
  let memo = proposalMemos.get(book);
  if (!memo) proposalMemos.set(book, (memo = new ProposalMemo()));
  return memo;
}

/** Counts of unmade proposals, per merge result (see proposalCount). */
const proposalCounters = new WeakMap<MergeResult, () => number>();
/** One person's proposals without making everyone's, per merge result (see proposalsOf). */
const proposalFinders = new WeakMap<MergeResult, (id: string) => MergeProposal[]>();

/**
 * `proposals` is made on first use (contacts.proposals, a decision), like `persons`: an import
 * only reports how many there are, which proposalCount() gives without making them, and the
 * Re-add card only one person's, which proposalsOf() gives. Proposals do not depend on the order
 * of the clusters.
 */
function withLazyProposals(
  result: MergeResult,
  clusters: Cluster[],
  rejected: RejectedPairs,
  nameOf: (c: Cluster) => string,
  memo: ProposalMemo,
  indexOfId: (id: string) => number | undefined,
): void {
  // Read into typed arrays once: the per-person lists made for one-record persons die young.
  let lists: { names: KeyLists; readings: KeyLists } | undefined;
  const keys = () => (lists ??= keyListPair(clusters.length, (i) => proposalKeysOf(clusters[i]!)));
  let holders: { names: KeyHolders; readings: KeyHolders } | undefined;
  const persons: PersonNames = {
    count: clusters.length,
    id: (i) => clusterIdOf(clusters[i]!),
    name: (i) => nameOf(clusters[i]!),
    idOrder: (i) => idOrderOf(clusters[i]!),
  };
  const made = lazyProperty(result, 'proposals', () => findProposals(persons, keys().names, keys().readings, rejected, memo));
  let count: number | undefined;
  proposalCounters.set(result, () => made()?.length ?? (count ??= countProposals(persons, keys().names, keys().readings, rejected)));
  proposalFinders.set(result, (id) => {
    const all = made();
    if (all) return all.filter((p) => p.a === id || p.b === id);
    const person = indexOfId(id);
    if (person === undefined) return [];
    holders ??= { names: new KeyHolders(keys().names), readings: new KeyHolders(keys().readings) };
    return proposalsOfPerson(persons, keys(), holders, rejected, person);
  });
}

/** How many proposals a merge result holds, without making them when they were not asked for yet. */
export function proposalCount(result: MergeResult): number {
  return proposalCounters.get(result)?.() ?? result.proposals.length;
}

/** The proposals involving person `id` (as result.proposals holds them, in its order), without making all of them. */
export function proposalsOf(result: MergeResult, id: string): MergeProposal[] {
  return proposalFinders.get(result)?.(id) ?? result.proposals.filter((p) => p.a === id || p.b === id);
}

/** Persons per merge result, known without making `personRecords` (see personCount). */
const personCounts = new WeakMap<MergeResult, number>();

/** How many persons a merge result holds, without building them (nor the person → records map). */
export function personCount(result: MergeResult): number {
  return personCounts.get(result) ?? result.personRecords.size;
}

/** A person, and a person's record keys, by id without listing every person (see personFinder). */
interface PersonLookup {
  person(id: string): Person | undefined;
  recordKeys(id: string): string[] | undefined;
}

const personLookups = new WeakMap<MergeResult, PersonLookup>();

/**
 * A person by id without listing every person: `persons` sorts all of them by name (tens of ms at
 * 10k), and the merge review needs only each proposal's two. The same Person objects every call.
 */
export function personFinder(result: MergeResult): (id: string) => Person | undefined {
  const lookup = personLookups.get(result);
  if (lookup) return (id) => lookup.person(id);
  const byId = new Map(result.persons.map((p) => [p.id, p]));
  return (id) => byId.get(id);
}

/** A person's record keys, the anchor first, without making `personRecords` for every person (a decision needs two). */
export function recordKeysOf(result: MergeResult, id: string): string[] | undefined {
  const lookup = personLookups.get(result);
  return lookup ? lookup.recordKeys(id) : result.personRecords.get(id);
}

function personLookupOf(clusters: Cluster[], chosen: Map<Cluster, NameChoice>, indexOfId: (id: string) => number | undefined): PersonLookup {
  const cluster = (id: string) => {
    const index = indexOfId(id);
    return index === undefined ? undefined : clusters[index];
  };
  const made = new Map<string, Person>();
  return {
    person(id) {
      let person = made.get(id);
      if (person) return person;
      const found = cluster(id);
      if (found) made.set(id, (person = personOf(found, chosen.get(found))));
      return person;
    },
    recordKeys(id) {
      const found = cluster(id);
      return found && keysOf(found);
    },
  };
}

/** All records of the book, in (file import order, record key) order. */
export function prepareBook(book: ContactBookData): PreparedRecord[] {
  const all: PreparedRecord[] = [];
  for (const file of Object.keys(book.records ?? {})) {
    for (const record of preparedRecordsOf(file, fileRecords(book, file), book.defaultRegion)) all.push(record);
  }
  return all;
}

/** Unions records that share a token; returns which (non-detached) record first holds each token. */
function linkByTokens(records: PreparedRecord[], detached: Set<string>, sets: UnionFind): TokenOwners {
  const owners = new TokenOwners(tokenCount(records), (i) => records[i]!.tokens);
  records.forEach((record, i) => {
    if (detached.size && detached.has(record.key)) return;
    const tokens = record.tokens;
    for (let start = 0; start < tokens.length; ) {
      let end = tokens.indexOf(TOKEN_SEPARATOR, start);
      if (end < 0) end = tokens.length;
      const first = owners.claim(tokens, start, end, i);
      if (first >= 0) sets.union(first, i);
      start = end + 1;
    }
  });
  return owners;
}

function tokenCount(records: PreparedRecord[]): number {
  let count = 0;
  for (const { tokens } of records) {
    if (!tokens) continue;
    count++;
    for (let at = tokens.indexOf(TOKEN_SEPARATOR); at >= 0; at = tokens.indexOf(TOKEN_SEPARATOR, at + 1)) count++;
  }
  return count;
}

function joinAccepted(records: PreparedRecord[], accepted: [string, string][], sets: UnionFind): void {
  if (accepted.length === 0) return;
  const indexOfKey = indexesOfKeys(records, accepted.flat());
  for (const [a, b] of accepted) {
    const ia = indexOfKey.get(a);
    const ib = indexOfKey.get(b);
    if (ia !== undefined && ib !== undefined) sets.union(ia, ib);
  }
}

/** Record key → index in `records`, for the few keys wanted (decisions), not for every record. */
function indexesOfKeys(records: PreparedRecord[], keys: string[]): Map<string, number> {
  const wanted = new Set(keys);
  const indexOfKey = new Map<string, number>();
  records.forEach((r, i) => {
    if (wanted.has(r.key)) indexOfKey.set(r.key, i);
  });
  return indexOfKey;
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

/**
 * A cluster as the merge keeps it. Most persons come from one record, and such a cluster is that
 * record itself: its id, name and proposal names are read off it when asked (100k one-record
 * persons: ~30 MB of summaries, ids and lists not kept). Several records, or a record split off,
 * get a summary.
 */
type Cluster = PreparedRecord | MergedCluster;

interface MergedCluster extends PersonSummary {
  members: PreparedRecord[];
  id: string;
  /** Record keys, the anchor first. */
  keys: string[];
  /** Built when persons are first listed (folding the records is the only way to know the name, so it may come earlier). */
  person?: Person;
  /** See idOrderOf. */
  idOrder?: string;
}

function isMerged(cluster: Cluster): cluster is MergedCluster {
  return 'members' in cluster;
}

/** A one-record person's id, kept by record: every merge after a decision asks again for thousands. */
const singleIds = new WeakMap<PreparedRecord, string>();

function clusterIdOf(cluster: Cluster): string {
  if (isMerged(cluster)) return cluster.id;
  let id = singleIds.get(cluster);
  if (id === undefined) singleIds.set(cluster, (id = personIdForKey(cluster.key)));
  return id;
}

/**
 * Orders clusters as their ids do: every id is "p" + a text X, and this is "r" + X, which for a
 * one-record person is its record's key as it is (no string made).
 */
function idOrderOf(cluster: Cluster): string {
  return isMerged(cluster) ? (cluster.idOrder ??= 'r' + cluster.id.slice(1)) : cluster.key;
}

function anchorKeyOf(cluster: Cluster): string {
  return isMerged(cluster) ? cluster.keys[0]! : cluster.key;
}

function keysOf(cluster: Cluster): string[] {
  return isMerged(cluster) ? cluster.keys : [cluster.key];
}

function proposalKeysOf(cluster: Cluster): Pick<PersonSummary, 'proposalNames' | 'proposalReadings'> {
  return isMerged(cluster) ? cluster : singleProposalIds(cluster);
}

/** The name the records give (build-person.ts decides it); the user's choice goes over it (see mergePersons). */
function automaticNameOf(cluster: Cluster): string {
  return isMerged(cluster) ? cluster.name : singleRecordName(cluster);
}

/**
 * Which cluster each of the user's name choices belongs to: the one holding the choice's first
 * record still in the book (see resolveNameChoice). When merges bring several choices into one
 * person, the latest choice wins; splitting them apart again gives each part its own back.
 */
function chosenNames(records: PreparedRecord[], choices: NameChoice[], clusterOfRecord: (index: number) => Cluster): Map<Cluster, NameChoice> {
  const chosen = new Map<Cluster, NameChoice>();
  if (choices.length === 0) return chosen;
  const indexOfKey = indexesOfKeys(records, choices.flatMap((c) => c.keys));
  for (const choice of choices) {
    const key = resolveNameChoice(choice, (k) => indexOfKey.has(k));
    if (key !== undefined) chosen.set(clusterOfRecord(indexOfKey.get(key)!), choice);
  }
  return chosen;
}

/** The record a name choice follows: the first of its keys still in the book (`present`), if any. */
export function resolveNameChoice(choice: NameChoice, present: (key: string) => boolean): string | undefined {
  return choice.keys.find(present);
}

function recordIndexOf(clusters: Cluster[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const cluster of clusters) {
    const id = clusterIdOf(cluster);
    if (isMerged(cluster)) for (const m of cluster.members) index.set(m.key, id);
    else index.set(cluster.key, id);
  }
  return index;
}

/**
 * The cluster summarized at the previous merges, by the cluster's first record. After a decision
 * most clusters are made of the very same (memoised) records, and redoing them would dominate the
 * recomputation. A cluster is reused only when its id and every member are the same objects, so
 * the result is the same as summarizing (and building) it again; callers get the same Person
 * objects back and must not modify them. One-record persons, once built, are kept by record.
 */
let summarized = new WeakMap<PreparedRecord, MergedCluster>();
let builtSingles = new WeakMap<PreparedRecord, Person>();

/** For benchmarks: measure the cold path. */
export function clearBuiltPersons(): void {
  summarized = new WeakMap();
  builtSingles = new WeakMap();
}

function summarizeCluster(members: PreparedRecord[], detached: Set<string>): Cluster {
  const first = members[0]!;
  if (members.length === 1 && !detached.has(first.key)) return first;
  const ordered = anchorFirst(members, detached);
  const id = personIdOf(ordered, detached);
  const cached = summarized.get(first);
  if (cached && cached.id === id && sameRecords(cached.members, members)) return cached;
  let cluster: MergedCluster;
  if (members.length === 1) {
    cluster = { members, id, keys: [first.key], ...summarizeSingle(first) };
  } else {
    const built = buildPerson(id, members);
    const { proposalNames, proposalReadings, person } = built;
    cluster = { members, id, keys: ordered.map((m) => m.key), name: person.name, proposalNames, proposalReadings, person };
  }
  summarized.set(first, cluster);
  return cluster;
}

/** The clusters in person order (see nameOrder), as a new list. */
function inNameOrder(clusters: readonly Cluster[], nameOf: (c: Cluster) => string): Cluster[] {
  return nameOrder(clusters.map((c) => ({ id: clusterIdOf(c), name: nameOf(c) }))).map((i) => clusters[i]!);
}

/**
 * The person of a cluster, with the user's name choice when there is one. The one place that
 * decides a person's shown name: list, search, queue, checklist, exports and the moved kit all read
 * `person.name`. Built persons are memoised and shared, so a chosen name goes on a copy.
 */
function personOf(cluster: Cluster, choice: NameChoice | undefined): Person {
  const person = automaticPersonOf(cluster);
  if (!choice) return person;
  return { ...person, name: choice.name, chosenName: { typed: choice.typed, automatic: person.name } };
}

function automaticPersonOf(cluster: Cluster): Person {
  if (isMerged(cluster)) return (cluster.person ??= buildPerson(cluster.id, cluster.members).person);
  let person = builtSingles.get(cluster);
  if (!person) builtSingles.set(cluster, (person = buildPerson(clusterIdOf(cluster), [cluster]).person));
  return person;
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
  tokenOwners: TokenOwners,
  clusterOfRecord: (index: number) => Cluster,
): Map<string, string> {
  const aliases = new Map<string, string>();
  const note = (formerId: string, id: string) => {
    if (formerId !== id) aliases.set(formerId, id);
  };
  const idOfRecord = (index: number) => clusterIdOf(clusterOfRecord(index));
  records.forEach((record, i) => {
    const cluster = clusterOfRecord(i);
    if (!detached.has(record.key)) {
      // A record anchoring its person gave it its id: nothing to note (and no id string to make).
      if (anchorKeyOf(cluster) !== record.key) note(personIdForKey(record.key), clusterIdOf(cluster));
      return;
    }
    // A split-off record may have anchored the person it was split from: that person's former id
    // follows the rest of it (found through the identifiers they share), not the split-off part.
    const id = clusterIdOf(cluster);
    note(splitPersonId(record.key), id);
    const rest = linkTokensOf(record).map((t) => tokenOwners.ownerOf(t)).find((owner) => owner !== undefined);
    note(personIdForKey(record.key), rest === undefined ? id : idOfRecord(rest));
  });
  return aliases;
}

/** Rejected record pairs as the person pairs they now fall in. */
function rejectedPersonPairs(records: PreparedRecord[], rejected: [string, string][], personOfRecord: (index: number) => string): RejectedPairs {
  const pairs: RejectedPairs = new Map();
  if (rejected.length === 0) return pairs;
  const indexOfKey = indexesOfKeys(records, rejected.flat());
  for (const [ka, kb] of rejected) {
    const ia = indexOfKey.get(ka);
    const ib = indexOfKey.get(kb);
    if (ia === undefined || ib === undefined) continue;
    const a = personOfRecord(ia);
    const b = personOfRecord(ib);
    if (a === b) continue;
    const [low, high] = a < b ? [a, b] : [b, a];
    let apart = pairs.get(low);
    if (!apart) pairs.set(low, (apart = new Set()));
    apart.add(high);
  }
  return pairs;
}

/**
 * Indexes of `persons` in pinyin-aware name order ("Alice", 李四 (li), 张三 (zhang), then names
 * without letters), ties by name then id.
 */
export function nameOrder(persons: readonly Pick<Person, 'id' | 'name'>[]): number[] {
  const sortKeys = persons.map((p) => nameSortKey(p.name));
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
  return order;
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

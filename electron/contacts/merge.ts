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
import { decisionsOf, type ContactBookData } from './book';
import { buildPerson } from './build-person';
import { groupChats } from './file-records';
import { hash64 } from './hash';
import { nameSortKey } from './names';
import { findProposals } from './proposals';
import { prepareFileRecords, type PreparedRecord } from './records';
import { UnionFind } from './union-find';

export function mergePersons(book: ContactBookData): MergeResult {
  const records = prepareBook(book);
  const decisions = decisionsOf(book);
  const detached = new Set(decisions.splits);
  const indexOfKey = new Map<string, number>();
  records.forEach((r, i) => indexOfKey.set(r.key, i));

  const sets = new UnionFind(records.length);
  const tokenOwner = linkByTokens(records, detached, sets);
  for (const [a, b] of decisions.accepted) {
    const ia = indexOfKey.get(a);
    const ib = indexOfKey.get(b);
    if (ia !== undefined && ib !== undefined) sets.union(ia, ib);
  }

  const clusters = clustersOf(records, sets);
  const persons: Person[] = [];
  const proposalNames = new Map<string, string[]>();
  const recordIndex = new Map<string, string>();
  const personRecords = new Map<string, string[]>();
  const idOfRoot = new Map<number, string>();
  for (const [root, members] of clusters) {
    const id = personIdOf(members, detached);
    idOfRoot.set(root, id);
    const built = buildPerson(id, members);
    persons.push(built.person);
    proposalNames.set(id, built.proposalNames);
    personRecords.set(id, anchorFirst(members, detached).map((m) => m.key));
    for (const m of members) recordIndex.set(m.key, id);
  }

  const aliases = aliasesOf(records, detached, sets, tokenOwner, idOfRoot);
  sortPersons(persons);
  const proposals: MergeProposal[] = findProposals(persons, proposalNames, rejectedPersonPairs(decisions.rejected, recordIndex));
  return { persons, proposals, recordIndex, personRecords, aliases, groups: groupChats(book) };
}

/** All records of the book, in (file import order, record key) order. */
export function prepareBook(book: ContactBookData): PreparedRecord[] {
  const region = book.defaultRegion;
  const all: PreparedRecord[] = [];
  Object.keys(book.records ?? {}).forEach((file, rank) => {
    const list = book.records[file];
    if (!Array.isArray(list)) return;
    for (const record of prepareFileRecords(file, list, region, rank)) all.push(record);
  });
  all.sort((a, b) => a.fileRank - b.fileRank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return all;
}

/** Unions records that share a token; returns token → first (non-detached) record holding it. */
function linkByTokens(records: PreparedRecord[], detached: Set<string>, sets: UnionFind): Map<string, number> {
  const owner = new Map<string, number>();
  records.forEach((record, i) => {
    if (detached.has(record.key)) return;
    for (const token of record.tokens) {
      const first = owner.get(token);
      if (first === undefined) owner.set(token, i);
      else sets.union(first, i);
    }
  });
  return owner;
}

/** Root → members; members keep the records' order, clusters come in order of their first record. */
function clustersOf(records: PreparedRecord[], sets: UnionFind): Map<number, PreparedRecord[]> {
  const clusters = new Map<number, PreparedRecord[]>();
  records.forEach((record, i) => {
    const root = sets.find(i);
    const members = clusters.get(root);
    if (members) members.push(record);
    else clusters.set(root, [record]);
  });
  return clusters;
}

function anchorOf(members: PreparedRecord[], detached: Set<string>): PreparedRecord | undefined {
  return members.find((m) => !detached.has(m.key));
}

function personIdOf(members: PreparedRecord[], detached: Set<string>): string {
  const anchor = anchorOf(members, detached);
  return anchor ? personIdForKey(anchor.key) : splitPersonId(members[0]!.key);
}

export function personIdForKey(recordKey: string): string {
  return 'p' + recordKey.slice(1);
}

function splitPersonId(recordKey: string): string {
  return 'p' + hash64('split\u0000' + recordKey);
}

function anchorFirst(members: PreparedRecord[], detached: Set<string>): PreparedRecord[] {
  const anchor = anchorOf(members, detached);
  return anchor ? [anchor, ...members.filter((m) => m !== anchor)] : members;
}

function aliasesOf(
  records: PreparedRecord[],
  detached: Set<string>,
  sets: UnionFind,
  tokenOwner: Map<string, number>,
  idOfRoot: Map<number, string>,
): Map<string, string> {
  const aliases = new Map<string, string>();
  const note = (formerId: string, id: string) => {
    if (formerId !== id) aliases.set(formerId, id);
  };
  records.forEach((record, i) => {
    const id = idOfRoot.get(sets.find(i))!;
    if (!detached.has(record.key)) {
      note(personIdForKey(record.key), id);
      return;
    }
    // A split-off record may have anchored the person it was split from: that person's former id
    // follows the rest of it (found through the identifiers they share), not the split-off part.
    note(splitPersonId(record.key), id);
    const rest = record.tokens.map((t) => tokenOwner.get(t)).find((owner) => owner !== undefined);
    note(personIdForKey(record.key), rest === undefined ? id : idOfRoot.get(sets.find(rest))!);
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
export function sortPersons(persons: Person[]): void {
  const keys = new Map<Person, string>();
  for (const p of persons) keys.set(p, nameSortKey(p.name));
  persons.sort((a, b) => {
    const ka = keys.get(a)!;
    const kb = keys.get(b)!;
    if (ka !== kb) return ka < kb ? -1 : 1;
    if (a.name !== b.name) return a.name < b.name ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

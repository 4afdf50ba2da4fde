// Name-only matches are never merged automatically: they become proposals for the user.
//  - same-name:   the same normalized remark/full name ("Zhang San" = "zhang  san");
//  - same-pinyin: different Chinese characters that read the same (张三 / 章三, both zhangsan).
import type { MergeProposal, Person } from '../../shared/types';

/** What proposals need of a person (a Person, or the merge's summary of one). */
type Named = Pick<Person, 'id' | 'name'>;
import { hash64 } from './hash';
import { internedNameCount } from './names';

/**
 * `names[i]` and `readings[i]` are the interned normalized names of `persons[i]` and their pinyin
 * (see buildPerson); `rejected` holds "idA\0idB" (idA < idB) pairs the user said are different.
 */
export function findProposals(
  persons: readonly Named[],
  names: readonly number[][],
  readings: readonly number[][],
  rejected: Set<string>,
): MergeProposal[] {
  const proposals = new Map<string, MergeProposal>();
  const propose = (a: Named, b: Named, reason: MergeProposal['reason']) => {
    const pair = a.id + '\u0000' + b.id;
    if (!proposals.has(pair)) proposals.set(pair, { id: 'm' + hash64(pair), a: a.id, b: b.id, reason, names: [a.name, b.name] });
  };
  // Same name first, so a pair matching both ways is reported as the stronger "same-name".
  for (const group of sharedGroups(names)) chain(persons, group, rejected, (a, b) => propose(a, b, 'same-name'));
  for (const group of sharedGroups(readings)) chain(persons, group, rejected, (a, b) => propose(a, b, 'same-pinyin'));

  return [...proposals.values()].sort((p, q) => (p.a !== q.a ? (p.a < q.a ? -1 : 1) : p.b < q.b ? -1 : p.b > q.b ? 1 : 0));
}

/**
 * Persons (indexes) grouped by shared interned key, only groups of two or more. Bucket lists in
 * typed arrays: no string hashing, next to no allocation for the many keys held by one person.
 */
function sharedGroups(keysOf: readonly number[][]): number[][] {
  const head = new Int32Array(internedNameCount()).fill(-1);
  let entries = 0;
  for (const keys of keysOf) entries += keys.length;
  const next = new Int32Array(entries);
  const holder = new Int32Array(entries);
  let e = 0;
  keysOf.forEach((keys, person) => {
    for (const key of keys) {
      holder[e] = person;
      next[e] = head[key]!;
      head[key] = e++;
    }
  });
  const groups: number[][] = [];
  for (let key = 0; key < head.length; key++) {
    const first = head[key]!;
    if (first < 0 || next[first]! < 0) continue;
    const group: number[] = [];
    for (let x = first; x >= 0; x = next[x]!) group.push(holder[x]!);
    groups.push(group);
  }
  return groups;
}

/**
 * A chain through the group instead of every pair: each person is proposed with the next one (by
 * id) it was not rejected with. k namesakes give k-1 proposals, not k²/2, and rejecting one pair
 * lets the next candidate surface on the following merge.
 */
function chain(persons: readonly Named[], holders: number[], rejected: Set<string>, visit: (a: Named, b: Named) => void): void {
  const group = holders.map((i) => persons[i]!).sort((p, q) => (p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
  for (let i = 0; i < group.length - 1; i++) {
    const a = group[i]!;
    for (let j = i + 1; j < group.length; j++) {
      const b = group[j]!;
      if (rejected.size === 0 || !rejected.has(a.id + '\u0000' + b.id)) {
        visit(a, b);
        break;
      }
    }
  }
}

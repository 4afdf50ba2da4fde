// Name-only matches are never merged automatically: they become proposals for the user.
//  - same-name:   the same normalized remark/full name ("Zhang San" = "zhang  san");
//  - same-pinyin: different Chinese characters that read the same (张三 / 章三, both zhangsan).
import type { MergeProposal, Person } from '../../shared/types';
import { hash64 } from './hash';

/** Person index, or the indexes once a second person has the name (most names have one person). */
type Holders = number | number[];

/**
 * `names[i]` and `readings[i]` are the normalized names of `persons[i]` and their pinyin (see
 * buildPerson); `rejected` holds "idA\0idB" (idA < idB) pairs the user said are different people.
 */
export function findProposals(
  persons: readonly Person[],
  names: readonly string[][],
  readings: readonly string[][],
  rejected: Set<string>,
): MergeProposal[] {
  const byName = new Map<string, Holders>();
  const byPinyin = new Map<string, Holders>();
  for (let i = 0; i < persons.length; i++) {
    for (const name of names[i] ?? []) hold(byName, name, i);
    for (const reading of readings[i] ?? []) hold(byPinyin, reading, i);
  }

  const proposals = new Map<string, MergeProposal>();
  const propose = (a: Person, b: Person, reason: MergeProposal['reason']) => {
    const pair = a.id + '\u0000' + b.id;
    if (!proposals.has(pair)) proposals.set(pair, { id: 'm' + hash64(pair), a: a.id, b: b.id, reason, names: [a.name, b.name] });
  };
  // Same name first, so a pair matching both ways is reported as the stronger "same-name".
  for (const holders of byName.values()) if (Array.isArray(holders)) chain(persons, holders, rejected, (a, b) => propose(a, b, 'same-name'));
  for (const holders of byPinyin.values()) if (Array.isArray(holders)) chain(persons, holders, rejected, (a, b) => propose(a, b, 'same-pinyin'));

  return [...proposals.values()].sort((p, q) => (p.a !== q.a ? (p.a < q.a ? -1 : 1) : p.b < q.b ? -1 : p.b > q.b ? 1 : 0));
}

function hold(map: Map<string, Holders>, key: string, index: number): void {
  const holders = map.get(key);
  if (holders === undefined) map.set(key, index);
  else if (Array.isArray(holders)) holders.push(index);
  else map.set(key, [holders, index]);
}

/**
 * A chain through the group instead of every pair: each person is proposed with the next one (by
 * id) it was not rejected with. k namesakes give k-1 proposals, not k²/2, and rejecting one pair
 * lets the next candidate surface on the following merge.
 */
function chain(persons: readonly Person[], holders: number[], rejected: Set<string>, visit: (a: Person, b: Person) => void): void {
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

// Name-only matches are never merged automatically: they become proposals for the user.
//  - same-name:   the same normalized remark/full name ("Zhang San" = "zhang  san");
//  - same-pinyin: different Chinese characters that read the same (张三 / 章三, both zhangsan).
import type { MergeProposal, Person } from '../../shared/types';
import { hash64 } from './hash';
import { pinyinKey } from './names';

/** Groups larger than this propose star-wise (first person with each other) instead of every pair. */
const ALL_PAIRS_LIMIT = 12;

export function findProposals(persons: Person[], proposalNames: Map<string, string[]>, rejected: Set<string>): MergeProposal[] {
  const byName = new Map<string, string[]>();
  const byPinyin = new Map<string, string[]>();
  const nameOf = new Map<string, string>();
  for (const person of persons) {
    nameOf.set(person.id, person.name);
    const names = proposalNames.get(person.id) ?? [];
    for (const name of names) addTo(byName, name, person.id);
    const readings = new Set(names.map(pinyinKey).filter((k): k is string => k !== undefined));
    for (const reading of readings) addTo(byPinyin, reading, person.id);
  }

  const proposals = new Map<string, MergeProposal>();
  const propose = (a: string, b: string, reason: MergeProposal['reason']) => {
    const [x, y] = a < b ? [a, b] : [b, a];
    const pair = x + '\u0000' + y;
    if (rejected.has(pair) || proposals.has(pair)) return;
    proposals.set(pair, { id: 'm' + hash64(pair), a: x, b: y, reason, names: [nameOf.get(x) ?? '', nameOf.get(y) ?? ''] });
  };
  // Same name first, so a pair matching both ways is reported as the stronger "same-name".
  for (const ids of byName.values()) pairsOf(ids, (a, b) => propose(a, b, 'same-name'));
  for (const ids of byPinyin.values()) pairsOf(ids, (a, b) => propose(a, b, 'same-pinyin'));

  return [...proposals.values()].sort((p, q) => (p.a !== q.a ? (p.a < q.a ? -1 : 1) : p.b < q.b ? -1 : p.b > q.b ? 1 : 0));
}

function addTo(map: Map<string, string[]>, key: string, id: string): void {
  // Callers add each (key, person) once: names and readings are deduplicated per person.
  const ids = map.get(key);
  if (ids) ids.push(id);
  else map.set(key, [id]);
}

function pairsOf(ids: string[], visit: (a: string, b: string) => void): void {
  if (ids.length < 2) return;
  const sorted = [...ids].sort();
  if (sorted.length <= ALL_PAIRS_LIMIT) {
    for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) visit(sorted[i]!, sorted[j]!);
  } else {
    for (let j = 1; j < sorted.length; j++) visit(sorted[0]!, sorted[j]!);
  }
}

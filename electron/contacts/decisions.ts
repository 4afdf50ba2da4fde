// The user's merge decisions. They are stored as record keys (not person ids) so they survive
// recomputation, re-imports and other merges; these helpers translate from the person ids the UI
// shows. Each mutates book.decisions in place; `result` (the current mergePersons(book)) is
// recomputed when not given.
import type { MergeProposal, MergeResult } from '../../shared/types';
import { decisionsOf, type ContactBookData } from './book';
import { mergePersons, recordKeysOf } from './merge';

type PersonPair = Pick<MergeProposal, 'a' | 'b'>;

/** Parts of one split that get "different people" marks between every two of them, up to this many. */
const ALL_PAIRS_LIMIT = 50;

/**
 * Merges persons a and b: an accepted proposal, or a manual "these are the same person" (also
 * after a split, to merge back). Returns false when either id is unknown or they are one person.
 */
export function acceptProposal(book: ContactBookData, proposal: PersonPair, result: MergeResult = mergePersons(book)): boolean {
  const recordsA = recordKeysOf(result, proposal.a);
  const recordsB = recordKeysOf(result, proposal.b);
  if (!recordsA?.length || !recordsB?.length || proposal.a === proposal.b) return false;
  const decisions = decisionsOf(book);
  const inA = new Set(recordsA);
  const inB = new Set(recordsB);
  decisions.rejected = decisions.rejected.filter(([x, y]) => !((inA.has(x) && inB.has(y)) || (inA.has(y) && inB.has(x))));
  addPair(decisions.accepted, recordsA[0]!, recordsB[0]!);
  book.decisions = decisions;
  return true;
}

/** Marks persons a and b as different people: no proposal between them again. */
export function rejectProposal(book: ContactBookData, proposal: PersonPair, result: MergeResult = mergePersons(book)): boolean {
  const anchorA = recordKeysOf(result, proposal.a)?.[0];
  const anchorB = recordKeysOf(result, proposal.b)?.[0];
  if (!anchorA || !anchorB || proposal.a === proposal.b) return false;
  const decisions = decisionsOf(book);
  addPair(decisions.rejected, anchorA, anchorB);
  book.decisions = decisions;
  return true;
}

/**
 * Detaches records from a person, each into a person of its own (all records but the anchoring
 * one when `recordKeys` is omitted). Their phones/e-mails/IDs stop linking them to the rest, merges
 * the user accepted through them are undone, and no same-name proposal brings them back; merge
 * them back with acceptProposal. Returns the record keys detached.
 */
export function splitPerson(
  book: ContactBookData,
  personId: string,
  recordKeys?: readonly string[],
  result: MergeResult = mergePersons(book),
): string[] {
  const members = recordKeysOf(result, personId) ?? [];
  const wanted = recordKeys ? new Set(recordKeys) : new Set(members.slice(1));
  let detach = members.filter((k) => wanted.has(k));
  // Detaching every record is the same split as keeping the anchor: keep it, so it keeps the id.
  if (detach.length === members.length) detach = detach.slice(1);
  if (detach.length === 0) return [];

  const decisions = decisionsOf(book);
  const detaching = new Set(detach);
  decisions.splits = [...new Set([...decisions.splits, ...detach])];
  decisions.accepted = decisions.accepted.filter(([x, y]) => !detaching.has(x) && !detaching.has(y));
  const remainder = members.find((k) => !detaching.has(k))!;
  const parts = [remainder, ...detach];
  if (parts.length <= ALL_PAIRS_LIMIT) {
    for (let i = 0; i < parts.length; i++) for (let j = i + 1; j < parts.length; j++) addPair(decisions.rejected, parts[i]!, parts[j]!);
  } else {
    for (const key of detach) addPair(decisions.rejected, remainder, key);
  }
  book.decisions = decisions;
  return detach;
}

function addPair(pairs: [string, string][], x: string, y: string): void {
  const pair: [string, string] = x < y ? [x, y] : [y, x];
  if (!pairs.some(([p, q]) => p === pair[0] && q === pair[1])) pairs.push(pair);
}

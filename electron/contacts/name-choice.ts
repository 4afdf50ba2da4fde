// The name a person shows, when the user fixes it: one of the names their records carry, or one
// they type. Stored in book.names as record keys (like merge decisions), never as person ids,
// which change when persons merge or split; mergePersons() puts the choice on the person.
//
// What a choice follows:
//  - re-import: record keys survive re-imports and reordering, so the choice stays; if the first
//    record of the choice is gone (removed file, a record whose identity changed), the next of its
//    keys still in the book carries it;
//  - merge: the merged person holds the choice's record, so it keeps the name; when both persons
//    had a choice, the later one wins (the other is kept and comes back if they are split again);
//  - split: a picked name stays with the part holding the record it was read from (the user picked
//    "what this card calls them"); a typed name stays with the part holding the person's first
//    record when it was typed, the record anchoring the person's id, which a split never detaches.
import type { ContactsResults } from '../../shared/contract';
import type { MergeResult, NameCandidate, NameKind, RawContact, SourceRef } from '../../shared/types';
import { nameChoicesOf, type ContactBookData, type NameChoice } from './book';
import { mergePersons, resolveNameChoice } from './merge';
import { recordsOfPerson } from './inspect';
import { composedName, textOf } from './records';

/** The order in which a record's names are listed: the name the user gave first, the company last. */
const NAME_FIELDS: readonly NameKind[] = ['remark', 'name', 'nickname', 'givenName', 'familyName', 'org'];

/** Every name the records carry, each once with every record and field it was seen in; records in person order. */
export function nameCandidates(records: readonly RawContact[]): NameCandidate[] {
  const byValue = new Map<string, NameCandidate>();
  for (const record of records) {
    for (const kind of NAME_FIELDS) {
      const value = nameOfKind(record, kind);
      if (!value) continue;
      let candidate = byValue.get(value);
      if (!candidate) byValue.set(value, (candidate = { value, seen: [] }));
      candidate.seen.push({ kind, source: record.source });
    }
  }
  return [...byValue.values()];
}

/** The record's name of one kind; `name` is the full name (FN), else given and family names joined as the merge does. */
function nameOfKind(record: RawContact, kind: NameKind): string | undefined {
  if (kind === 'name') return textOf(record.name) ?? composedName(record.givenName, record.familyName);
  return textOf(record[kind]);
}

/** The records' notes, each with its record (the same text from two records is shown twice: each is the user's own). */
export function recordNotes(records: readonly RawContact[]): { text: string; source: SourceRef }[] {
  return records.flatMap((r) => {
    const text = textOf(r.note);
    return text ? [{ text, source: r.source }] : [];
  });
}

/** What contacts.get shows of a person's names and notes. */
export function namesAndNotes(records: readonly RawContact[]): Pick<ContactsResults['contacts.get'], 'names' | 'notes'> {
  return { names: nameCandidates(records), notes: recordNotes(records) };
}

export type NameWanted = { pick: string } | { name: string };

/**
 * Fixes the name of `personId`: `pick` must be one of the names its records carry; a typed `name`
 * is trimmed. Replaces any choice the person had (including choices that met in it through a
 * merge). Returns false when the person is unknown or does not carry the picked name.
 */
export function setPersonName(book: ContactBookData, personId: string, wanted: NameWanted, result: MergeResult = mergePersons(book)): boolean {
  const entries = recordsOfPerson(book, result, personId);
  if (entries.length === 0) return false;
  let first: string;
  let name: string;
  if ('pick' in wanted) {
    const carrier = entries.find(({ record }) => NAME_FIELDS.some((kind) => nameOfKind(record, kind) === wanted.pick));
    if (!carrier) return false;
    first = carrier.key;
    name = wanted.pick;
  } else {
    name = wanted.name.trim();
    if (!name) return false;
    first = entries[0]!.key;
  }
  const keys = [first, ...entries.map((e) => e.key).filter((k) => k !== first)];
  book.names = [...choicesElsewhere(book, personId, result), { name, typed: !('pick' in wanted), keys }];
  return true;
}

/** Back to the name the records give. Returns whether the person had a choice. */
export function clearPersonName(book: ContactBookData, personId: string, result: MergeResult = mergePersons(book)): boolean {
  const before = nameChoicesOf(book);
  const kept = choicesElsewhere(book, personId, result);
  if (kept.length === before.length) return false;
  book.names = kept;
  return true;
}

/** The book's choices but those that belong to `personId` now. */
function choicesElsewhere(book: ContactBookData, personId: string, result: MergeResult): NameChoice[] {
  const index = result.recordIndex;
  return nameChoicesOf(book).filter((choice) => {
    const key = resolveNameChoice(choice, (k) => index.has(k));
    return key === undefined || index.get(key) !== personId;
  });
}

// The raw records behind a person, for showing a proposal or a split side by side.
import type { MergeResult, RawContact } from '../../shared/types';
import { fileRecords, type ContactBookData } from './book';
import { preparedRecordsOf, rawOf } from './records';

export function recordsOfPerson(book: ContactBookData, result: MergeResult, personId: string): { key: string; record: RawContact }[] {
  const keys = result.personRecords.get(personId) ?? [];
  const wanted = new Set(keys);
  const person = result.persons.find((p) => p.id === personId);
  const files = new Set(person?.sources.map((s) => s.file) ?? []);
  const found = new Map<string, RawContact>();
  for (const file of files) {
    for (const r of preparedRecordsOf(file, fileRecords(book, file), book.defaultRegion)) {
      if (wanted.has(r.key)) found.set(r.key, rawOf(r));
    }
  }
  return keys.filter((k) => found.has(k)).map((key) => ({ key, record: found.get(key)! }));
}

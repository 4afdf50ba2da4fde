// The contact book's file adapter: same JSON file and same reading as every other case state
// (AtomicJsonFile: an unreadable file is kept aside as `*.corrupt-<time>` and reported), but the
// book is WRITTEN streamed, a few thousand records at a time. JSON.stringify of a 100k-record book
// is a ~35M-character string (twice that in memory once it holds Chinese text) plus its UTF-8
// copy, held on top of the book and the merge result; streaming keeps the write to a few MB.
// The bytes mean the same JSON as JSON.stringify(book) (only the top-level key order may differ),
// so old and new files read alike. Still atomic: temp file beside the target, fsync, rename.
import type { ContactBookData } from '../contacts';
import { writeFileAtomic } from '../storage/atomic-file';
import { AtomicJsonFile } from '../storage/json-state';

export class ContactBookFile extends AtomicJsonFile<ContactBookData> {
  private writes: Promise<void> = Promise.resolve();

  override write(data: ContactBookData): Promise<void> {
    // One write at a time, in call order: the last call wins on disk (as AtomicJsonFile does).
    // The book is read when this write's turn comes, so callers must not change it meanwhile
    // except through the next write() (CaseContacts.update() awaits each write).
    const next = this.writes.then(() => writeFileAtomic(this.file, bookJsonParts(data)));
    this.writes = next.catch(() => undefined);
    return next;
  }
}

/** JSON text of the book, in pieces: each record on its own, the rest of the book at once. */
export function* bookJsonParts(book: ContactBookData): Generator<string> {
  const { records, ...rest } = book as ContactBookData & Record<string, unknown>;
  if (!records || typeof records !== 'object' || Array.isArray(records)) {
    yield JSON.stringify(book);
    return;
  }
  yield '{"records":{';
  let firstFile = true;
  for (const [file, list] of Object.entries(records)) {
    if (list === undefined || typeof list === 'function') continue;
    yield (firstFile ? '' : ',') + JSON.stringify(file) + ':';
    firstFile = false;
    if (!Array.isArray(list)) {
      yield JSON.stringify(list) ?? 'null';
      continue;
    }
    yield '[';
    for (let i = 0; i < list.length; i++) yield (i ? ',' : '') + (JSON.stringify(list[i]) ?? 'null');
    yield ']';
  }
  const restJson = JSON.stringify(rest);
  yield restJson === '{}' ? '}}' : '},' + restJson.slice(1);
}

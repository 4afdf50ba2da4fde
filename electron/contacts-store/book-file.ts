// The contact book's file adapter: same JSON file and same reading as every other case state
// (AtomicJsonFile: an unreadable file is kept aside as `*.corrupt-<time>` and reported), with each
// file's records packed as soon as the book is read (see contacts/packed-records.ts). The book is
// WRITTEN in pieces: packed records as the UTF-8 bytes they already are, the rest as JSON. A
// 100k-record book as one JSON.stringify string would be ~70 MB of heap plus its UTF-8 copy.
// The bytes mean the same JSON as JSON.stringify(book) (only the top-level key order may differ),
// so old and new files read alike. Still atomic: temp file beside the target, fsync, rename.
import { packBook, PackedRecords, type ContactBookData } from '../contacts';
import { writeFileAtomic } from '../platform/atomic-file';
import { AtomicJsonFile } from '../platform/json-state';
import { recordSpans } from './record-spans';

export class ContactBookFile extends AtomicJsonFile<ContactBookData> {
  private writes: Promise<void> = Promise.resolve();

  override async read(): Promise<ContactBookData | null> {
    const book = await super.read();
    return book && packBook(book);
  }

  /** Packs the book's records as they are read: each record's own bytes in the file, when they are found plainly. */
  protected override parse(bytes: Buffer): unknown {
    const value = super.parse(bytes) as ContactBookData | null;
    const records: unknown = value?.records;
    if (records && typeof records === 'object' && !Array.isArray(records)) {
      const spans = recordSpans(bytes);
      if (spans) packBook(value!, { bytes, spans });
    }
    return value;
  }

  override write(data: ContactBookData): Promise<void> {
    // One write at a time, in call order: the last call wins on disk (as AtomicJsonFile does).
    // The book is read when this write's turn comes, so callers must not change it meanwhile
    // except through the next write() (CaseContacts.update() awaits each write).
    const next = this.writes.then(() => writeFileAtomic(this.file, bookJsonParts(data)));
    this.writes = next.catch(() => undefined);
    return next;
  }
}

/** JSON text of the book, in pieces: packed records as their bytes, the rest of the book at once. */
export function* bookJsonParts(book: ContactBookData): Generator<string | Uint8Array> {
  const { records, ...rest } = book as ContactBookData & Record<string, unknown>;
  if (!records || typeof records !== 'object' || Array.isArray(records)) {
    yield JSON.stringify(book);
    return;
  }
  yield '{"records":{';
  let firstFile = true;
  // Values other than packed records: a damaged book, or one not packed yet (tests), written as they are.
  for (const [file, list] of Object.entries(records as Record<string, unknown>)) {
    if (list === undefined || typeof list === 'function') continue;
    yield (firstFile ? '' : ',') + JSON.stringify(file) + ':';
    firstFile = false;
    if (list instanceof PackedRecords) {
      yield '[';
      yield* list.jsonBody();
      yield ']';
      continue;
    }
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

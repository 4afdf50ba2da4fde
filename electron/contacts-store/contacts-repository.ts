// Each case's contact book (raw records from every imported file + the user's merge decisions) in
// `<case>/contacts.json`, with the merged person list computed from it and cached in memory.
// One writer per case: every change goes through here, serialized by the atomic JSON adapter.
import { join } from 'node:path';
import { Low } from 'lowdb';
import type { Person } from '../../shared/types';
import { emptyContactBook, mergePersons, personCount, type ContactBookData, type MergeResult } from '../contacts';
import { openCaseFolder } from '../cases/case-folder';
import type { CorruptStateNotice } from '../storage/json-state';
import { ContactBookFile } from './book-file';

export const CONTACTS_FILE = 'contacts.json';

export class CaseContacts {
  private merged?: MergeResult;

  constructor(
    readonly folder: string,
    private readonly db: Low<ContactBookData>,
    readonly corrupt?: CorruptStateNotice,
  ) {}

  get book(): ContactBookData {
    return this.db.data;
  }

  result(): MergeResult {
    this.merged ??= mergePersons(this.db.data);
    return this.merged;
  }

  persons(): Person[] {
    return this.result().persons;
  }

  /** Applies a change to the book, recomputes the merge and saves both the book and the count. */
  async update<T>(change: (book: ContactBookData) => T): Promise<T> {
    const outcome = change(this.db.data);
    this.merged = undefined;
    await this.db.write();
    const { save } = await openCaseFolder(this.folder);
    await save({ persons: personCount(this.result()) });
    return outcome;
  }
}

function isContactBook(value: unknown): value is ContactBookData {
  const v = value as ContactBookData | null;
  return typeof v === 'object' && v !== null && v.version === 1 && typeof v.records === 'object';
}

export class ContactsRepository {
  private readonly books = new Map<string, Promise<CaseContacts>>();

  get(folder: string): Promise<CaseContacts> {
    let book = this.books.get(folder);
    if (!book) {
      book = (async () => {
        const { meta } = await openCaseFolder(folder);
        const adapter = new ContactBookFile(join(folder, CONTACTS_FILE), isContactBook);
        const db = new Low<ContactBookData>(adapter, emptyContactBook(meta.defaultRegion));
        await db.read();
        return new CaseContacts(folder, db, adapter.corrupt);
      })();
      book.catch(() => this.books.delete(folder));
      this.books.set(folder, book);
    }
    return book;
  }

  async counts(folder: string): Promise<{ persons: number }> {
    const { meta } = await openCaseFolder(folder);
    return { persons: meta.persons };
  }

  async forget(folder: string): Promise<void> {
    this.books.delete(folder);
  }

  async flushAll(): Promise<void> {
    // Writes are awaited where they happen; nothing is buffered. Dropping the cache is enough.
    this.books.clear();
  }
}

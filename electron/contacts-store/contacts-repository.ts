// Each case's contact book (raw records from every imported file + the user's merge decisions) in
// `<case>/contacts.json`, with the merged person list computed from it and cached in memory.
// Every change goes through here, holding the case's contacts lock, and applies on top of the book
// as it is on disk then: another process (the command line, another window) may have saved it since
// (merge-on-write; the file's identity — inode, size, mtime — tells that it changed).
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import type { Person } from '../../shared/types';
import { emptyContactBook, mergePersons, personCount, type ContactBookData, type MergeResult } from '../contacts';
import { openCaseFolder } from '../cases/case-folder';
import { withCaseLock } from '../cases/case-lock';
import type { CorruptStateNotice } from '../platform/json-state';
import { ContactBookFile } from './book-file';

export const CONTACTS_FILE = 'contacts.json';

type FileStamp = string;

async function stampOf(file: string): Promise<FileStamp> {
  const info = await stat(file).catch(() => undefined);
  return info ? `${info.ino}:${info.size}:${info.mtimeMs}` : 'none';
}

/** How stale case.json's last-change time may get before an unchanged count is written again. */
const CASE_META_FRESH_MS = 60_000;

export class CaseContacts {
  private merged?: MergeResult;
  /** This process's reloads and changes, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Told when a change has to wait for another process that is saving the book. */
  onLockWait?: (ownerPid: number) => void;

  constructor(
    readonly folder: string,
    private readonly db: Low<ContactBookData>,
    readonly corrupt?: CorruptStateNotice,
    /** The book file as it was when last read or written here. */
    private stamp: FileStamp = 'none',
  ) {}

  private get file(): string {
    return join(this.folder, CONTACTS_FILE);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Reads the book again when another process saved it since; true when it did. */
  refresh(): Promise<boolean> {
    return this.serially(() => this.reloadIfChanged());
  }

  private async reloadIfChanged(): Promise<boolean> {
    const now = await stampOf(this.file);
    if (now === this.stamp) return false;
    await this.db.read();
    this.merged = undefined;
    this.stamp = now;
    return true;
  }

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
  update<T>(change: (book: ContactBookData) => T): Promise<T> {
    return this.serially(() =>
      withCaseLock(
        this.folder,
        'contacts',
        async () => {
          await this.reloadIfChanged();
          const outcome = change(this.db.data);
          this.merged = undefined;
          await this.db.write();
          this.stamp = await stampOf(this.file);
          // case.json shows the person count and the last change to the minute: a change that alters
          // neither (two persons kept apart, a second decision within the minute) does not rewrite it,
          // which spares two of a review decision's four fsyncs.
          const { meta, save } = await openCaseFolder(this.folder);
          const persons = personCount(this.result());
          if (meta.persons !== persons || !(Date.now() - Date.parse(meta.updatedAt) < CASE_META_FRESH_MS)) await save({ persons });
          return outcome;
        },
        { onWait: this.onLockWait },
      ),
    );
  }
}

function isContactBook(value: unknown): value is ContactBookData {
  const v = value as ContactBookData | null;
  return typeof v === 'object' && v !== null && v.version === 1 && typeof v.records === 'object';
}

export class ContactsRepository {
  private readonly books = new Map<string, Promise<CaseContacts>>();

  /** The case's book, read again first when another process saved it since it was last read here. */
  get(folder: string): Promise<CaseContacts> {
    const cached = this.books.get(folder);
    if (cached) return cached.then(async (contacts) => (await contacts.refresh(), contacts));
    const book = (async () => {
      const { meta } = await openCaseFolder(folder);
      const adapter = new ContactBookFile(join(folder, CONTACTS_FILE), isContactBook);
      const db = new Low<ContactBookData>(adapter, emptyContactBook(meta.defaultRegion));
      const stamp = await stampOf(adapter.file); // before reading: a change meanwhile is read again later
      await db.read();
      return new CaseContacts(folder, db, adapter.corrupt, stamp);
    })();
    book.catch(() => this.books.delete(folder));
    this.books.set(folder, book);
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

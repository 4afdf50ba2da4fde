// One owner for everything an open case holds in this process: its contact book, its re-add store
// (which holds the case's re-add writer lock), its chat archive and photo index (SQLite files), and
// the imports running on it. All keyed one way (caseKey), all let go by one dispose(): before the
// case folder is moved, locked or deleted, and for every case when the backend closes.
import { ApiError } from '../../shared/contract';
import type { Locale } from '../../shared/types';
import { CaseReadd } from '../cases/case-readd';
import { ContactsRepository, type CaseContacts } from '../contacts-store/contacts-repository';
import { closeArchive, closeAllArchives } from '../messages';
import { closePhotoArchive, closeAllPhotoIndexes } from '../photos';
import { ReaddStore } from '../readd';
import { caseKey } from './case-key';

/** Work of which a case runs one at a time: photo imports share the case's staging folder, chat imports the archive's write transaction. */
export type ExclusiveWork = 'photo-import' | 'chat-import';

const BUSY: Record<ExclusiveWork, string> = {
  'photo-import': 'A photo import is already running for this case',
  'chat-import': 'A chat import is already running for this case',
};

export class CaseSession {
  private readd?: Promise<CaseReadd>;
  private readonly running = new Set<ExclusiveWork>();

  constructor(
    readonly folder: string,
    private readonly repository: ContactsRepository,
    private readonly locale: () => Locale,
  ) {}

  /** The contact book, read again first when another process saved it since. */
  contacts(): Promise<CaseContacts> {
    return this.repository.get(this.folder);
  }

  /** The re-add store, opened (and its writer lock taken) on first use. */
  readdStore(): Promise<CaseReadd> {
    if (!this.readd) {
      const opening = (async () => new CaseReadd(this.folder, await ReaddStore.open(this.folder, { locale: this.locale() }), await this.contacts()))();
      opening.catch(() => {
        if (this.readd === opening) this.readd = undefined;
      });
      this.readd = opening;
    }
    return this.readd;
  }

  /**
   * Runs `work` as the case's only one of its kind; a second call fails with 'busy' at once. The
   * claim is taken before anything is awaited: two calls that both looked the case up first could
   * get their answers in either order, and the later one would run while the earlier was refused.
   */
  async exclusive<T>(kind: ExclusiveWork, work: () => Promise<T>): Promise<T> {
    if (this.running.has(kind)) throw new ApiError('busy', BUSY[kind]);
    this.running.add(kind);
    try {
      return await work();
    } finally {
      this.running.delete(kind);
    }
  }

  /** Lets go of everything; each part reopens on its next use. */
  async dispose(): Promise<void> {
    const readd = this.readd;
    this.readd = undefined;
    await this.repository.forget(this.folder);
    if (readd) await (await readd.catch(() => undefined))?.store.close();
    closePhotoArchive(this.folder);
    closeArchive(this.folder);
  }
}

export class CaseSessions {
  readonly contacts = new ContactsRepository();
  private readonly sessions = new Map<string, CaseSession>();

  constructor(private readonly locale: () => Locale) {}

  /** The session of the case in `folder` (made on first use; opening its parts stays lazy). */
  of(folder: string): CaseSession {
    const key = caseKey(folder);
    let session = this.sessions.get(key);
    if (!session) {
      session = new CaseSession(folder, this.contacts, this.locale);
      this.sessions.set(key, session);
    }
    return session;
  }

  /** Before a case folder is moved, locked or deleted. */
  async release(folder: string): Promise<void> {
    const session = this.of(folder);
    this.sessions.delete(caseKey(folder));
    await session.dispose();
  }

  /** Every case let go, and every SQLite database this process opened closed. */
  async disposeAll(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map((s) => s.dispose()));
    closeAllArchives();
    closeAllPhotoIndexes();
  }
}

// lowdb adapter for a case's JSON state: atomic writes, one write at a time, and a state file that
// cannot be parsed is kept aside as `<name>.corrupt-<time>` (and reported), never silently replaced.
import { readFile, rename } from 'node:fs/promises';
import { Low, type Adapter } from 'lowdb';
import { writeFileAtomic } from './atomic-file';

export interface CorruptStateNotice {
  file: string;
  keptAs: string;
}

export class AtomicJsonFile<T> implements Adapter<T> {
  /** Set when read() found an unreadable file and moved it aside. */
  corrupt?: CorruptStateNotice;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly validate: (value: unknown) => value is T = (v): v is T => v !== null && typeof v === 'object',
  ) {}

  async read(): Promise<T | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      const value: unknown = this.parse(bytes);
      if (this.validate(value)) return value;
    } catch {
      /* fall through: unreadable */
    }
    const keptAs = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(this.file, keptAs);
    this.corrupt = { file: this.file, keptAs };
    return null;
  }

  /** The file's value (throws when it is not JSON); a subclass may also use the bytes themselves. */
  protected parse(bytes: Buffer): unknown {
    return JSON.parse(bytes.toString('utf8'));
  }

  write(data: T): Promise<void> {
    // Serialize: each write starts after the previous one finished, so the last call wins on disk.
    const text = JSON.stringify(data);
    const next = this.queue.then(() => writeFileAtomic(this.file, text));
    this.queue = next.catch(() => undefined);
    return next;
  }
}

export async function openJsonState<T>(
  file: string,
  defaults: T,
  validate?: (value: unknown) => value is T,
): Promise<{ db: Low<T>; corrupt?: CorruptStateNotice }> {
  const adapter = new AtomicJsonFile<T>(file, validate);
  const db = new Low<T>(adapter, structuredClone(defaults));
  await db.read();
  return { db, corrupt: adapter.corrupt };
}

// Writes parsed messages into the archive in batched transactions: finds or creates chats and
// people, drops duplicates (same chat, sender, second and text: re-imports and overlapping exports),
// gives each new message a time-ordered id and indexes its text for search.
import { hash } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ParsedChat, ParsedMessage, ParsedSender } from './model';
import { ID_SEQ, PersonRole } from './store';
import { indexTokens } from './tokens';

const BATCH = 20_000;

export interface PictureJob {
  messageId: number;
  chatName: string;
  path: string;
}

interface PersonRow {
  id: number;
  name: string;
  handles: Set<string>;
}

export class ArchiveWriter {
  private readonly insertMessage: StatementSync;
  private readonly insertFts: StatementSync;
  private readonly maxIdInSecond: StatementSync;
  private readonly chatIds = new Map<string, number>();
  private readonly chatNames = new Map<number, string>();
  private readonly people = new Map<string, PersonRow>();
  private readonly chatPeople = new Set<string>();
  private readonly nextSeq = new Map<number, number>();
  /**
   * Ids outside [lowestStored, highestStored] were free when the import began, so a second seen
   * first there needs no look-up; nextSeq remembers the seconds written since. When nextSeq is
   * trimmed, the range widens to cover what this import wrote.
   */
  private lowestStored: number;
  private highestStored: number;
  private lowestWritten = Infinity;
  private highestWritten = -Infinity;
  /** How often each content key was seen in this file, so identical lines sent in the same second stay distinct. */
  private occurrences = new Map<string, number>();
  private inBatch = 0;
  private fileId = 0;
  readonly chatsTouched = new Set<number>();
  added = 0;
  duplicates = 0;
  readonly pictures: PictureJob[] = [];

  constructor(private readonly db: DatabaseSync) {
    this.insertMessage = db.prepare(
      `INSERT INTO messages (id, chat_id, dedupe, local_time, sender_id, kind, text, source_id, media_path, media_missing, reply, file_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(dedupe) DO NOTHING`,
    );
    this.insertFts = db.prepare('INSERT INTO message_fts (rowid, tokens) VALUES (?, ?)');
    this.maxIdInSecond = db.prepare('SELECT max(id) AS id FROM messages WHERE id >= ? AND id < ?');
    const range = db.prepare('SELECT min(id) AS low, max(id) AS high FROM messages').get() as { low: number | null; high: number | null };
    this.lowestStored = range.low ?? Infinity;
    this.highestStored = range.high ?? -Infinity;
  }

  /** Starts a file: everything written until finishFile() is attributed to it. */
  startFile(label: string): void {
    if (this.inBatch === 0) {
      this.db.exec('BEGIN');
      this.inBatch = 1;
    }
    this.db.prepare('INSERT INTO files (path) VALUES (?) ON CONFLICT(path) DO NOTHING').run(label);
    const row = this.db.prepare('SELECT id FROM files WHERE path = ?').get(label) as { id: number };
    this.fileId = row.id;
    this.occurrences = new Map();
    this.chatsTouched.clear();
    this.added = 0;
    this.duplicates = 0;
  }

  /** Adds one message; returns false when it was already archived. Commits every BATCH messages. */
  add(message: ParsedMessage): boolean {
    if (this.inBatch === 0) this.db.exec('BEGIN');
    this.inBatch++;
    const chatId = this.chatId(message.chat);
    this.chatsTouched.add(chatId);
    const senderId = this.personId(message.chat, message.sender);
    const second = Math.floor(message.at / 1000);
    const dedupe = this.dedupeKey(message, second);
    const id = this.allocateId(second);
    const result = this.insertMessage.run(
      id,
      chatId,
      dedupe,
      message.localTime,
      senderId,
      message.kind,
      message.text,
      message.sourceId ?? null,
      message.mediaPath ?? null,
      message.mediaMissing ? 1 : null,
      message.replyTo ? JSON.stringify(message.replyTo) : null,
      this.fileId,
    );
    if (result.changes === 0) {
      this.duplicates++;
    } else {
      this.nextSeq.set(second, (id % ID_SEQ) + 1);
      if (id < this.lowestWritten) this.lowestWritten = id;
      if (id > this.highestWritten) this.highestWritten = id;
      this.added++;
      const tokens = indexTokens(message.text);
      if (tokens) this.insertFts.run(id, tokens);
      if (message.mediaPath && message.kind === 'image') {
        this.pictures.push({ messageId: id, chatName: message.chat.name, path: message.mediaPath });
      }
    }
    if (this.inBatch >= BATCH) this.commit();
    return result.changes !== 0;
  }

  /** Commits the open batch (call before awaiting, and at the end). */
  commit(): void {
    if (this.inBatch === 0) return;
    this.db.exec('COMMIT');
    this.inBatch = 0;
  }

  rollback(): void {
    if (this.inBatch === 0) return;
    this.db.exec('ROLLBACK');
    this.inBatch = 0;
  }

  get pendingInBatch(): number {
    return this.inBatch;
  }

  private dedupeKey(message: ParsedMessage, second: number): bigint {
    // Bounded memory: files are mostly in time order, so forgetting old keys now and then is safe.
    if (this.occurrences.size > 50_000) this.occurrences.clear();
    const content = [message.chat.key, senderKey(message.chat, message.sender), second, message.text].join('\u0001');
    const seen = (this.occurrences.get(content) ?? 0) + 1;
    this.occurrences.set(content, seen);
    // One-shot hash of the same bytes as before (content, U+0001, occurrence): keys stay comparable with older archives.
    return hash('sha1', `${content}\u0001${seen}`, 'buffer').readBigInt64LE(0);
  }

  private allocateId(second: number): number {
    let seq = this.nextSeq.get(second);
    if (seq === undefined) {
      const base = second * ID_SEQ;
      seq = 0;
      if (base + ID_SEQ > this.lowestStored && base <= this.highestStored) {
        const row = this.maxIdInSecond.get(base, base + ID_SEQ) as { id: number | null };
        if (row.id !== null) seq = (row.id % ID_SEQ) + 1;
      }
      if (this.nextSeq.size > 200_000) {
        this.nextSeq.clear();
        this.lowestStored = Math.min(this.lowestStored, this.lowestWritten);
        this.highestStored = Math.max(this.highestStored, this.highestWritten);
      }
      this.nextSeq.set(second, seq);
    }
    if (seq >= ID_SEQ) throw new Error(`more than ${ID_SEQ} messages in one second`);
    return second * ID_SEQ + seq;
  }

  private chatId(chat: ParsedChat): number {
    const cached = this.chatIds.get(chat.key);
    if (cached !== undefined) {
      if (chat.nameIsGuess && this.chatNames.get(cached) !== chat.name) {
        this.db.prepare('UPDATE chats SET name = ? WHERE id = ?').run(chat.name, cached);
        this.chatNames.set(cached, chat.name);
      }
      return cached;
    }
    const existing = this.db.prepare('SELECT id, kind FROM chats WHERE key = ?').get(chat.key) as
      | { id: number; kind: string | null }
      | undefined;
    let id: number;
    if (existing) {
      id = existing.id;
      if (!existing.kind && chat.kind) this.db.prepare('UPDATE chats SET kind = ? WHERE id = ?').run(chat.kind, id);
    } else {
      const r = this.db
        .prepare('INSERT INTO chats (key, name, platform, kind) VALUES (?, ?, ?, ?)')
        .run(chat.key, chat.name, chat.platform, chat.kind ?? null);
      id = Number(r.lastInsertRowid);
    }
    this.chatIds.set(chat.key, id);
    this.chatNames.set(id, chat.name);
    return id;
  }

  private personId(chat: ParsedChat, sender: ParsedSender): number {
    const key = senderKey(chat, sender);
    let row = this.people.get(key);
    if (!row) {
      const existing = this.db.prepare('SELECT id, name, handles FROM people WHERE key = ?').get(key) as
        | { id: number; name: string; handles: string }
        | undefined;
      if (existing) {
        row = { id: existing.id, name: existing.name, handles: new Set(JSON.parse(existing.handles) as string[]) };
      } else {
        const role = sender.isSelf ? PersonRole.self : isSystem(sender) ? PersonRole.system : PersonRole.other;
        const r = this.db
          .prepare('INSERT INTO people (key, name, handles, role) VALUES (?, ?, ?, ?)')
          .run(key, sender.name, JSON.stringify(sender.handles), role);
        row = { id: Number(r.lastInsertRowid), name: sender.name, handles: new Set(sender.handles) };
      }
      this.people.set(key, row);
    }
    const newHandles = sender.handles.filter((h) => !row.handles.has(h));
    const betterName = sender.name && (!row.name || row.handles.has(row.name)) && sender.name !== row.name;
    if (newHandles.length > 0 || betterName) {
      for (const h of newHandles) row.handles.add(h);
      if (betterName) row.name = sender.name;
      this.db
        .prepare('UPDATE people SET name = ?, handles = ? WHERE id = ?')
        .run(row.name, JSON.stringify([...row.handles]), row.id);
    }
    const link = `${this.chatIds.get(chat.key)}:${row.id}`;
    if (!this.chatPeople.has(link)) {
      this.db
        .prepare('INSERT INTO chat_people (chat_id, person_id) VALUES (?, ?) ON CONFLICT DO NOTHING')
        .run(this.chatIds.get(chat.key)!, row.id);
      this.chatPeople.add(link);
    }
    return row.id;
  }
}

const isSystem = (sender: ParsedSender): boolean => !sender.isSelf && !sender.name && sender.handles.length === 0;

/** Identity of a sender within a platform: first handle, else the name; the owner and "no one" have fixed keys. */
export function senderKey(chat: ParsedChat, sender: ParsedSender): string {
  if (isSystem(sender)) return `${chat.platform}:system`;
  const first = sender.handles[0];
  if (first) return `${chat.platform}:${first}`;
  if (sender.isSelf) return `${chat.platform}:self`;
  return `${chat.platform}:name:${sender.name}`;
}

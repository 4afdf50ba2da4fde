// Writes parsed messages into the archive in batched transactions: finds or creates chats and
// people, drops duplicates (same chat, sender, second and text: re-imports and overlapping exports),
// gives each new message a time-ordered id and indexes its text for search.
//
// Why batches are buffered and sorted: ids are time-ordered, and an export set is many chats that
// each span years, so messages arrive scattered over the whole time range. Inserted as they come,
// every row lands on a different page of the messages table, and each commit rewrites most of the
// table into the WAL. Held back and inserted in id order, a batch walks the table once, and the
// search index receives ascending rowids (FTS5 starts a new segment whenever a rowid goes back).
// The batch waits in a temporary SQLite table rather than in JS objects: SQLite keeps it in a
// bounded cache (spilling to a temporary file), so large batches do not grow the JS heap.
import { hash } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ParsedChat, ParsedMessage, ParsedSender } from './model';
import { ID_SEQ, PersonRole } from './store';

/**
 * Messages staged before one sorted insert and commit. Fewer commits mean fewer sweeps over the
 * table (measured on 1M messages: 50k per batch ≈ 32 s CPU, 100k ≈ 25 s, 340k ≈ 24 s); the stage
 * lives in SQLite's temp store, so its size costs no JS heap. An import that stops loses at most
 * this many uncommitted messages, which a re-import adds.
 */
const BATCH = 250_000;
/** Memory for new search tokens before FTS5 writes them out (see the constructor). */
const INDEX_HASH_BYTES = 8 * 1024 * 1024;
/** Seconds whose next sequence number is remembered; forgotten (after a commit) beyond this. */
const REMEMBERED_SECONDS = 200_000;
/** 2 MB bitset: with a million seconds written, about 6% of new seconds need a look-up. */
const WRITTEN_SECONDS_BITS = 2 ** 24;
const secondBit = (second: number): number => Math.imul(second | 0, 0x9e3779b1) >>> (32 - 24);

export interface PictureJob {
  messageId: number;
  chatName: string;
  path: string;
  /** 'image' for a picture (the photo archive), another kind for media kept as a file (a database's videos and files). */
  kind: string;
}

/** What one file added; counted when its messages are inserted (at the end of their batch). */
export interface FileTally {
  added: number;
  duplicates: number;
  /** Pictures of this file's new messages, for the content store. */
  pictures: PictureJob[];
  /** Messages of this file still waiting in the batch, and how many of them are pictures. */
  pending: number;
  pendingPictures: number;
}

interface PersonRow {
  id: number;
  name: string;
  handles: Set<string>;
}

export class ArchiveWriter {
  private readonly maxIdInSecond: StatementSync;
  private readonly chatIds = new Map<string, number>();
  private readonly chatNames = new Map<number, string>();
  private readonly people = new Map<string, PersonRow>();
  private readonly chatPeople = new Set<string>();
  private readonly nextSeq = new Map<number, number>();
  /**
   * Ids outside [lowestStored, highestStored] were free when the import began, so a second seen
   * first there needs no look-up unless this import wrote in it: nextSeq remembers the seconds of
   * the current batch and more, and writtenSeconds (a bitset of hashed seconds, false positives
   * only cost a look-up) the seconds written before nextSeq was last trimmed.
   */
  private readonly lowestStored: number;
  private readonly highestStored: number;
  private readonly writtenSeconds = new Uint8Array(WRITTEN_SECONDS_BITS / 8);
  /**
   * How often each content was seen in this file, so identical lines sent in the same second stay
   * distinct; keyed by the content's first key (a long string key is read whole for every look-up).
   */
  private occurrences = new Map<bigint, number>();
  private readonly stage: StatementSync;
  private readonly moveStaged: StatementSync;
  private readonly stagedDuplicates: StatementSync;
  private readonly stagedPictures: StatementSync;
  private readonly clearStage: StatementSync;
  /** Tallies of the files with messages in the batch; a staged row names its tally by position here. */
  private stagedTallies: FileTally[] = [];
  private staged = 0;
  private inTransaction = false;
  private fileId = 0;
  private tally: FileTally = newTally();
  readonly chatsTouched = new Set<number>();

  /** `limits` exist for tests, which need batch boundaries and forgotten seconds with few messages. */
  constructor(
    private readonly db: DatabaseSync,
    private readonly limits: { batch: number; rememberedSeconds: number } = { batch: BATCH, rememberedSeconds: REMEMBERED_SECONDS },
  ) {
    // A previous import on this connection that failed mid-batch left its batch uncommitted: drop it
    // (re-importing those files adds them then) before anything below, which must not be rolled back
    // with it (the trigger, the index setting), and start from an empty stage.
    if (db.isTransaction) db.exec('ROLLBACK');
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS staged_messages (
      id INTEGER, chat_id INTEGER, dedupe INTEGER, local_time TEXT, sender_id INTEGER, kind TEXT, text TEXT,
      source_id TEXT, media_path TEXT, media_missing INTEGER, media_sha256 TEXT, reply TEXT, file_id INTEGER, tally INTEGER, picture_chat TEXT)`);
    const columns = 'id, chat_id, dedupe, local_time, sender_id, kind, text, source_id, media_path, media_missing, media_sha256, reply, file_id';
    this.stage = db.prepare(`INSERT INTO temp.staged_messages (${columns}, tally, picture_chat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    // Staged ids are new (allocated past every stored id of their second), so "a message with this
    // id exists" after the move means "this staged row was inserted", not a duplicate.
    this.moveStaged = db.prepare(`INSERT INTO messages (${columns}) SELECT ${columns} FROM temp.staged_messages WHERE true ORDER BY id ON CONFLICT(dedupe) DO NOTHING`);
    this.stagedDuplicates = db.prepare('SELECT tally, count(*) AS n FROM temp.staged_messages s WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = s.id) GROUP BY tally');
    // Each message the move inserts is indexed by this trigger in the same pass, in id order; a
    // duplicate (ON CONFLICT DO NOTHING) is not inserted, so it is not indexed either. A temporary
    // trigger lives with this connection, the only one that writes the archive's messages.
    db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS index_new_message AFTER INSERT ON main.messages BEGIN
      INSERT INTO message_fts (rowid, tokens) SELECT new.id, tokens FROM (SELECT relink_index_tokens(new.text) AS tokens) WHERE tokens != '';
    END`);
    // The new messages' media, and that of a message already archived without it (its file was not
    // there, or could not be opened, the first time): a re-import stores it then.
    this.stagedPictures = db.prepare(
      'SELECT m.id, s.tally, s.picture_chat, s.media_path, s.kind FROM temp.staged_messages s JOIN messages m ON m.dedupe = s.dedupe WHERE s.picture_chat IS NOT NULL AND m.media_sha256 IS NULL ORDER BY m.id',
    );
    // The search index gathers new tokens in memory and writes them out as a segment when they pass
    // this size (FTS5's default is 1 MB: ~20 segments per batch, merged again and again while the
    // import runs). Kept in the index's config; memory is spent only while a batch is written.
    db.exec(`INSERT INTO message_fts (message_fts, rank) VALUES ('hashsize', ${INDEX_HASH_BYTES})`);
    db.exec('PRAGMA temp.cache_size = -32768'); // 32 MB of the stage in memory, the rest spills to a temp file
    this.clearStage = db.prepare('DELETE FROM temp.staged_messages');
    this.clearStage.run();
    this.maxIdInSecond = db.prepare('SELECT max(id) AS id FROM messages WHERE id >= ? AND id < ?');
    const range = db.prepare('SELECT min(id) AS low, max(id) AS high FROM messages').get() as { low: number | null; high: number | null };
    this.lowestStored = range.low ?? Infinity;
    this.highestStored = range.high ?? -Infinity;
  }

  /** Starts a file: everything added until the next startFile() is counted in the returned tally. */
  startFile(label: string): FileTally {
    this.begin();
    this.db.prepare('INSERT INTO files (path) VALUES (?) ON CONFLICT(path) DO NOTHING').run(label);
    const row = this.db.prepare('SELECT id FROM files WHERE path = ?').get(label) as { id: number };
    this.fileId = row.id;
    this.occurrences = new Map();
    this.chatsTouched.clear();
    this.tally = newTally();
    return this.tally;
  }

  /** Stages one message; it is written (or found to be a duplicate) when the batch is committed. */
  add(message: ParsedMessage): void {
    this.begin();
    const chatId = this.chatId(message.chat);
    this.chatsTouched.add(chatId);
    const senderId = this.personId(message.chat, message.sender);
    const second = Math.floor(message.at / 1000);
    const id = this.allocateId(second);
    const picture = message.mediaPath && !message.mediaSha256 && (message.kind === 'image' || message.keepMedia);
    if (this.tally.pending === 0) this.stagedTallies.push(this.tally);
    this.stage.run(
      id,
      chatId,
      this.dedupeKey(message, message.dedupeAt === undefined ? second : Math.floor(message.dedupeAt / 1000)),
      message.localTime,
      senderId,
      message.kind,
      message.text,
      message.sourceId ?? null,
      message.mediaPath ?? null,
      message.mediaMissing ? 1 : null,
      message.mediaSha256 ?? null,
      message.replyTo ? JSON.stringify(message.replyTo) : null,
      this.fileId,
      this.stagedTallies.length - 1,
      picture ? message.chat.name : null,
    );
    this.tally.pending++;
    if (picture) this.tally.pendingPictures++;
    if (++this.staged >= this.limits.batch) this.commit();
  }

  /**
   * Inserts the queued messages in id order and commits, together with the chats and people they
   * brought: the archive never holds a message without its search entry, or the other way round.
   */
  commit(): void {
    if (!this.inTransaction) return;
    try {
      this.writeStaged();
      this.db.exec('COMMIT');
    } catch (error) {
      this.abandonBatch();
      throw error;
    }
    this.inTransaction = false;
    // Safe only now that every allocated id is in the table, where the look-up finds it.
    if (this.nextSeq.size > this.limits.rememberedSeconds) this.forgetSeconds();
  }

  /** Moves the remembered seconds into the bitset: from now on they are looked up. */
  private forgetSeconds(): void {
    for (const second of this.nextSeq.keys()) {
      const bit = secondBit(second);
      this.writtenSeconds[bit >>> 3]! |= 1 << (bit & 7);
    }
    this.nextSeq.clear();
  }

  /** Moves the stage into the archive in id order, indexes the new messages and counts per file. */
  private writeStaged(): void {
    if (this.staged === 0) return;
    const inserted = Number(this.moveStaged.run().changes);
    const duplicates = new Map<number, number>();
    // Which files the duplicates came from is asked only when there were any.
    if (inserted < this.staged) {
      for (const r of this.stagedDuplicates.iterate() as Iterable<{ tally: number; n: number }>) duplicates.set(r.tally, r.n);
    }
    if (this.stagedTallies.some((tally) => tally.pendingPictures > 0)) {
      for (const r of this.stagedPictures.iterate() as Iterable<{ id: number; tally: number; picture_chat: string; media_path: string; kind: string }>) {
        this.stagedTallies[r.tally]!.pictures.push({ messageId: r.id, chatName: r.picture_chat, path: r.media_path, kind: r.kind });
      }
    }
    this.clearStage.run();
    this.stagedTallies.forEach((tally, i) => {
      const dup = duplicates.get(i) ?? 0;
      tally.duplicates += dup;
      tally.added += tally.pending - dup;
      tally.pending = 0;
      tally.pendingPictures = 0;
    });
    this.stagedTallies = [];
    this.staged = 0;
  }

  /** After a failed batch: nothing of it was saved, and cached ids of chats or people it created are void. */
  private abandonBatch(): void {
    if (this.db.isTransaction) this.db.exec('ROLLBACK');
    this.inTransaction = false;
    this.clearStage.run();
    for (const tally of this.stagedTallies) tally.pending = tally.pendingPictures = 0;
    this.stagedTallies = [];
    this.staged = 0;
    this.forgetSeconds();
    this.chatIds.clear();
    this.chatNames.clear();
    this.people.clear();
    this.chatPeople.clear();
  }

  private begin(): void {
    if (this.inTransaction) return;
    this.db.exec('BEGIN');
    this.inTransaction = true;
  }

  private dedupeKey(message: ParsedMessage, second: number): bigint {
    // Bounded memory: files are mostly in time order, so forgetting old keys now and then is safe.
    if (this.occurrences.size > 50_000) this.occurrences.clear();
    // One-shot SHA-1 of the same bytes as before (chat, sender, second, text, occurrence joined by
    // U+0001): keys stay comparable with older archives. The first occurrence's key names the content.
    const content = `${message.chat.key}\u0001${senderKey(message.chat, message.sender)}\u0001${second}\u0001${message.text}\u0001`;
    const first = hash('sha1', `${content}1`, 'buffer').readBigInt64LE(0);
    const seen = (this.occurrences.get(first) ?? 0) + 1;
    this.occurrences.set(first, seen);
    return seen === 1 ? first : hash('sha1', `${content}${seen}`, 'buffer').readBigInt64LE(0);
  }

  /** Next free id in the second; a duplicate found at insert time just leaves its number unused. */
  private allocateId(second: number): number {
    let seq = this.nextSeq.get(second);
    if (seq === undefined) {
      const base = second * ID_SEQ;
      seq = 0;
      const bit = secondBit(second);
      const maybeWritten = (this.writtenSeconds[bit >>> 3]! & (1 << (bit & 7))) !== 0;
      if (maybeWritten || (base + ID_SEQ > this.lowestStored && base <= this.highestStored)) {
        const row = this.maxIdInSecond.get(base, base + ID_SEQ) as { id: number | null };
        if (row.id !== null) seq = (row.id % ID_SEQ) + 1;
      }
    }
    if (seq >= ID_SEQ) throw new Error(`more than ${ID_SEQ} messages in one second`);
    this.nextSeq.set(second, seq + 1);
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

const newTally = (): FileTally => ({ added: 0, duplicates: 0, pictures: [], pending: 0, pendingPictures: 0 });

const isSystem = (sender: ParsedSender): boolean => !sender.isSelf && !sender.name && sender.handles.length === 0;

/** Identity of a sender within a platform: first handle, else the name; the owner and "no one" have fixed keys. */
export function senderKey(chat: ParsedChat, sender: ParsedSender): string {
  if (isSystem(sender)) return `${chat.platform}:system`;
  const first = sender.handles[0];
  if (first) return `${chat.platform}:${first}`;
  if (sender.isSelf) return `${chat.platform}:self`;
  return `${chat.platform}:name:${sender.name}`;
}

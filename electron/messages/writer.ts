// Writes parsed messages into the archive in batched transactions: finds or creates chats and
// people, drops duplicates (same chat, sender, second and text: re-imports and overlapping exports),
// gives each new message a time-ordered id and indexes its text for search.
//
// Why batches are buffered and sorted: ids are time-ordered, and an export set is many chats that
// each span years, so messages arrive scattered over the whole time range. Inserted as they come,
// every row lands on a different page of the messages table, and each commit rewrites most of the
// table into the WAL. Held back and inserted in id order, a batch walks the table once, and the
// search index receives ascending rowids (FTS5 starts a new segment whenever a rowid goes back).
//
// Why two threads: this thread reads (parsing, duplicate keys) and stages a batch in
// a stage file, a small SQLite database beside the archive; a batch mover thread (batch-move.ts)
// moves the full stage into the archive while this one fills the other stage. Neither heap holds the
// batch: SQLite keeps it in a bounded cache and the file. While a batch moves, this thread only
// reads the archive (WAL readers never wait for the writer): the chats, people and files it creates
// get their ids here and are written by the mover with the batch that needs them.
import { hash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { ParsedChat, ParsedMessage, ParsedSender } from './model';
import { ARCHIVE_PRAGMAS, ID_SEQ, PersonRole } from './store';
import { BatchMover, moveBatch, optimizeSearchIndex, type MoveResult } from './batch-move';
import { makePrivateSync } from '../platform/private-files';
import { removeDeadStageFiles, stageFileStem } from './stage-files';
import { indexTokens } from './tokens';

/**
 * Messages staged before one sorted insert and commit. Fewer commits mean fewer sweeps over the
 * table (measured on 1M messages: 50k per batch ≈ 32 s CPU, 100k ≈ 25 s, 340k ≈ 24 s); the stage
 * lives in a file, so its size costs no heap. An import that stops loses at most two batches of
 * uncommitted messages (the one moving and the one being staged), which a re-import adds.
 */
const BATCH = 250_000;
/** Memory for new search tokens before FTS5 writes them out (see the constructor). */
const INDEX_HASH_BYTES = 8 * 1024 * 1024;
/** Seconds whose next sequence number is remembered; forgotten (after a commit) beyond this. */
const REMEMBERED_SECONDS = 200_000;
/** 2 MB bitset: with a million seconds written, about 6% of new seconds need a look-up. */
const WRITTEN_SECONDS_BITS = 2 ** 24;
const secondBit = (second: number): number => Math.imul(second | 0, 0x9e3779b1) >>> (32 - 24);
/** nextSeq packs the next sequence number (≤ ID_SEQ) with the batch that allocated it. */
const SEQ_SPAN = ID_SEQ * 2;

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
  /** Messages of this file staged or moving, not yet committed, and how many of them are pictures. */
  pending: number;
  pendingPictures: number;
}

interface PersonRow {
  id: number;
  name: string;
  handles: Set<string>;
}

/** One stage file and what its rows belong to. */
class Stage {
  readonly db: DatabaseSync;
  readonly row: StatementSync;
  readonly chat: StatementSync;
  readonly person: StatementSync;
  readonly link: StatementSync;
  readonly file: StatementSync;
  /** Tallies of the files with messages here; a staged row names its tally by position. */
  tallies: FileTally[] = [];
  private readonly tallyIndex = new Map<FileTally, number>();
  counts: number[] = [];
  pictureCounts: number[] = [];
  staged = 0;
  batchNo = 0;
  /** Handed over and not yet moved: nothing may be staged here. */
  busy = false;
  private open = false;

  constructor(readonly path: string) {
    rmSync(path, { force: true });
    this.db = new DatabaseSync(path);
    // Scratch data: no journal, no syncing; 8 MB of it in memory, the rest in the OS's file cache.
    this.db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -8192');
    this.db.exec(`
CREATE TABLE staged (id INTEGER, chat_id INTEGER, dedupe INTEGER, local_time TEXT, sender_id INTEGER, kind TEXT, text TEXT, source_id TEXT,
  media_path TEXT, media_missing INTEGER, media_sha256 TEXT, reply TEXT, file_id INTEGER, tally INTEGER, picture_chat TEXT);
CREATE TABLE chats (id INTEGER PRIMARY KEY, key TEXT, name TEXT, platform TEXT, kind TEXT);
CREATE TABLE people (id INTEGER PRIMARY KEY, key TEXT, name TEXT, handles TEXT, role INTEGER);
CREATE TABLE chat_people (chat_id INTEGER, person_id INTEGER, PRIMARY KEY (chat_id, person_id)) WITHOUT ROWID;
CREATE TABLE files (id INTEGER PRIMARY KEY, path TEXT);`);
    makePrivateSync(path);
    this.row = this.db.prepare('INSERT INTO staged VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.chat = this.db.prepare('INSERT OR REPLACE INTO chats VALUES (?, ?, ?, ?, ?)');
    this.person = this.db.prepare('INSERT OR REPLACE INTO people VALUES (?, ?, ?, ?, ?)');
    this.link = this.db.prepare('INSERT OR IGNORE INTO chat_people VALUES (?, ?)');
    this.file = this.db.prepare('INSERT OR IGNORE INTO files VALUES (?, ?)');
  }

  /** Starts writing (rows go in one transaction until the stage is handed over). */
  begin(): void {
    if (this.open) return;
    this.db.exec('BEGIN');
    this.open = true;
  }

  /** The position of a file's tally here, counting one more message (and picture). */
  count(tally: FileTally, picture: boolean): number {
    let i = this.tallyIndex.get(tally);
    if (i === undefined) {
      i = this.tallies.push(tally) - 1;
      this.tallyIndex.set(tally, i);
      this.counts.push(0);
      this.pictureCounts.push(0);
    }
    this.counts[i]!++;
    if (picture) this.pictureCounts[i]!++;
    this.staged++;
    return i;
  }

  /** Whether any staged message has media to store (the mover then says which are new). */
  hasPictures(): boolean {
    return this.pictureCounts.some((n) => n > 0);
  }

  /** Written out, so the mover's connection reads all of it. */
  seal(): void {
    if (this.open) this.db.exec('COMMIT');
    this.open = false;
  }

  /** Empty again (after its batch moved, or was given up). */
  clear(): void {
    if (this.open) this.db.exec('ROLLBACK');
    this.open = false;
    this.db.exec('DELETE FROM staged; DELETE FROM chats; DELETE FROM people; DELETE FROM chat_people; DELETE FROM files');
    this.tallies = [];
    this.tallyIndex.clear();
    this.counts = [];
    this.pictureCounts = [];
    this.staged = 0;
  }

  close(): void {
    if (this.open) this.db.exec('ROLLBACK');
    this.db.close();
    rmSync(this.path, { force: true });
  }
}

let stagesMade = 0;

export class ArchiveWriter {
  private readonly maxIdInSecond: StatementSync;
  private readonly chatIds = new Map<string, number>();
  private readonly chatRows = new Map<number, { key: string; name: string; platform: string; kind: string | null }>();
  private readonly people = new Map<string, PersonRow & { key: string; role: number }>();
  private readonly chatPeople = new Set<string>();
  private readonly fileIds = new Map<string, number>();
  private readonly nextSeq = new Map<number, number>();
  /**
   * Ids outside [lowestStored, highestStored] were free when the import began, so a second seen
   * first there needs no look-up unless this import wrote in it: nextSeq remembers the seconds of
   * the batches not yet committed and more, and writtenSeconds (a bitset of hashed seconds, false
   * positives only cost a look-up) the seconds written before nextSeq was last trimmed.
   */
  private readonly lowestStored: number;
  private readonly highestStored: number;
  private readonly writtenSeconds = new Uint8Array(WRITTEN_SECONDS_BITS / 8);
  /**
   * How often each content was seen in this file, so identical lines sent in the same second stay
   * distinct; keyed by the content's first key (a long string key is read whole for every look-up).
   */
  private occurrences = new Map<bigint, number>();
  /** Ids for the chats, people and files this import creates (the mover writes them). */
  private lastIds = { chat: 0, person: 0, file: 0 };
  private readonly archiveFile: string;
  private readonly stages: [Stage, Stage];
  private current = 0;
  private batchNo = 1;
  private committedBatch = 0;
  /** Settles when the last batch handed over is moved (or given up). */
  private moving: Promise<void> | undefined;
  private mover: BatchMover | undefined;
  private failure: Error | undefined;
  private fileId = 0;
  private tally: FileTally = newTally();
  /** A read transaction is open on the archive's connection (see read()). */
  private reading = false;
  readonly chatsTouched = new Set<number>();

  /** `limits` exist for tests, which need batch boundaries and forgotten seconds with few messages. */
  constructor(
    private readonly db: DatabaseSync,
    private readonly limits: { batch: number; rememberedSeconds: number } = { batch: BATCH, rememberedSeconds: REMEMBERED_SECONDS },
  ) {
    // A previous import on this connection that failed mid-batch may have left a transaction open.
    if (db.isTransaction) db.exec('ROLLBACK');
    this.archiveFile = db.location()!;
    // The search index gathers new tokens in memory and writes them out as a segment when they pass
    // this size (FTS5's default is 1 MB: ~20 segments per batch, merged again and again while the
    // import runs). Kept in the index's config; memory is spent only while a batch is written.
    db.exec(`INSERT INTO message_fts (message_fts, rank) VALUES ('hashsize', ${INDEX_HASH_BYTES})`);
    this.maxIdInSecond = db.prepare('SELECT max(id) FROM messages WHERE id >= ? AND id < ?');
    this.maxIdInSecond.setReturnArrays(true);
    const range = db.prepare('SELECT min(id) AS low, max(id) AS high FROM messages').get() as { low: number | null; high: number | null };
    this.lowestStored = range.low ?? Infinity;
    this.highestStored = range.high ?? -Infinity;
    this.readLastIds();
    // Stage files left by an import whose process died (kill -9, power cut): nothing of them was committed.
    removeDeadStageFiles(dirname(this.archiveFile));
    const base = stageFileStem(dirname(this.archiveFile), ++stagesMade);
    this.stages = [new Stage(`${base}-a.sqlite`), new Stage(`${base}-b.sqlite`)];
  }

  /** Starts a file: everything added until the next startFile() is counted in the returned tally. */
  startFile(label: string): FileTally {
    this.throwIfFailed();
    this.read();
    let id = this.fileIds.get(label);
    if (id === undefined) {
      const row = this.db.prepare('SELECT id FROM files WHERE path = ?').get(label) as { id: number } | undefined;
      id = row?.id ?? ++this.lastIds.file;
      this.fileIds.set(label, id);
    }
    const stage = this.stage();
    stage.begin();
    stage.file.run(id, label);
    this.fileId = id;
    this.occurrences = new Map();
    this.chatsTouched.clear();
    this.tally = newTally();
    return this.tally;
  }

  /**
   * Stages one message; it is written (or found to be a duplicate) when its batch is moved. Returns a
   * promise when the caller must wait (the stage is full and the other batch is still moving).
   */
  add(message: ParsedMessage): Promise<void> | undefined {
    this.throwIfFailed();
    this.read();
    const stage = this.stage();
    if (stage.busy) throw new Error('a batch is still being written: wait for the promise add() returned');
    stage.begin();
    const chatId = this.chatId(message.chat);
    this.chatsTouched.add(chatId);
    const senderId = this.personId(message.chat, message.sender);
    const second = Math.floor(message.at / 1000);
    const id = this.allocateId(second);
    const picture = Boolean(message.mediaPath && !message.mediaSha256 && (message.kind === 'image' || message.keepMedia));
    stage.row.run(
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
      stage.count(this.tally, picture),
      picture ? message.chat.name : null,
    );
    this.tally.pending++;
    if (picture) this.tally.pendingPictures++;
    if (stage.staged >= this.limits.batch) return this.handOver();
    return undefined;
  }

  /**
   * Writes every staged message into the archive and waits until it is committed, together with the
   * chats and people it brought: the archive never holds a message without its search entry, or the
   * other way round. Afterwards every tally is final.
   */
  async commit(): Promise<void> {
    this.throwIfFailed();
    if (this.stage().staged > 0 || this.hasStagedRows()) await this.handOver();
    this.endRead(); // the caller may write the archive next (pictures' hashes)
    await this.settled();
  }

  /** Waits for the batch that is moving, if one is. */
  async settled(): Promise<void> {
    await this.moving;
    this.throwIfFailed();
  }

  /** Merges the search index into one segment (after a large import: faster searches), on the mover when it runs. */
  async optimizeIndex(): Promise<void> {
    await this.settled();
    if (this.mover) await this.mover.optimize();
    else optimizeSearchIndex(this.db);
  }

  /** Ends the mover and removes the stage files (what was not committed is lost: see BATCH). */
  async close(): Promise<void> {
    await this.moving?.catch(() => undefined);
    this.endRead();
    const mover = this.mover;
    this.mover = undefined;
    await mover?.close();
    for (const stage of this.stages) stage.close();
  }

  private stage(): Stage {
    return this.stages[this.current]!;
  }

  private hasStagedRows(): boolean {
    // A file started with no messages yet still records its file row with the next batch.
    return (this.stage().db.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n > 0;
  }

  /**
   * Sends the current stage to be moved (after the batch moving now) and stages into the other one;
   * that one is free once its own batch moved, which the returned promise waits for.
   */
  private handOver(): Promise<void> | undefined {
    const stage = this.stage();
    stage.seal();
    stage.busy = true;
    stage.batchNo = this.batchNo++;
    const previous = this.moving;
    this.current = 1 - this.current;
    const moved = previous ? previous.then(() => this.move(stage)) : this.move(stage);
    this.moving = moved;
    void moved.then(() => {
      if (this.moving === moved) this.moving = undefined;
    });
    return previous;
  }

  /** Moves one sealed stage (on the mover thread; here when it is the import's only batch). */
  private async move(stage: Stage): Promise<void> {
    try {
      await this.moveNow(stage);
    } finally {
      stage.busy = false;
    }
  }

  private async moveNow(stage: Stage): Promise<void> {
    if (this.failure) return;
    try {
      let result: MoveResult;
      if (this.mover || stage.staged >= this.limits.batch) {
        this.mover ??= new BatchMover(this.archiveFile, ARCHIVE_PRAGMAS);
        result = await this.mover.move(stage.path, stage.staged, stage.hasPictures());
      } else {
        this.endRead();
        result = moveBatch(this.db, stage.path, stage.staged, stage.hasPictures(), indexTokens);
      }
      this.counted(stage, result);
      this.committedBatch = stage.batchNo;
      stage.clear();
      // Look-ups from now on must see this batch: the seconds it wrote may be forgotten below.
      if (this.reading) {
        this.endRead();
        this.read();
      }
      if (this.nextSeq.size > this.limits.rememberedSeconds) this.forgetSeconds();
    } catch (error) {
      this.endRead();
      this.abandon(error as Error);
    }
  }

  /**
   * Look-ups (ids stored in a second, chats, people, files) read one snapshot of the archive, kept
   * until the next batch commits: a read transaction per statement was 2 of the 3 µs of a look-up,
   * and an import into a large archive makes one for most new seconds (600k for a Telegram export).
   * Only this thread's reads join it: the mover writes on its own connection.
   */
  private read(): void {
    if (this.reading) return;
    this.db.exec('BEGIN');
    this.reading = true;
  }

  private endRead(): void {
    if (!this.reading) return;
    this.reading = false;
    if (this.db.isTransaction) this.db.exec('COMMIT');
  }

  /** Counts a moved batch into its files' tallies. */
  private counted(stage: Stage, result: MoveResult): void {
    const duplicates = new Map(result.duplicates.map((d) => [d.tally, d.n]));
    for (const r of result.pictures) {
      stage.tallies[r.tally]!.pictures.push({ messageId: r.id, chatName: r.picture_chat, path: r.media_path, kind: r.kind });
    }
    stage.tallies.forEach((tally, i) => {
      const dup = duplicates.get(i) ?? 0;
      tally.duplicates += dup;
      tally.added += stage.counts[i]! - dup;
      tally.pending -= stage.counts[i]!;
      tally.pendingPictures -= stage.pictureCounts[i]!;
    });
  }

  /**
   * After a failed batch: neither it nor the one staged after it (which may name its chats) is
   * saved; the next add or commit throws the error, and cached ids of what they created are void.
   */
  private abandon(error: Error): void {
    this.failure = error;
    for (const stage of this.stages) {
      for (const [i, tally] of stage.tallies.entries()) {
        tally.pending -= stage.counts[i]!;
        tally.pendingPictures -= stage.pictureCounts[i]!;
      }
      stage.clear();
    }
  }

  /** Throws a failed batch's error once, and starts afresh from what the archive holds. */
  private throwIfFailed(): void {
    const error = this.failure;
    if (!error) return;
    this.failure = undefined;
    this.forgetSeconds(Infinity);
    this.chatIds.clear();
    this.chatRows.clear();
    this.people.clear();
    this.chatPeople.clear();
    this.fileIds.clear();
    this.readLastIds();
    throw error;
  }

  private readLastIds(): void {
    const last = (table: string): number => (this.db.prepare(`SELECT max(id) AS id FROM ${table}`).get() as { id: number | null }).id ?? 0;
    this.lastIds = { chat: last('chats'), person: last('people'), file: last('files') };
  }

  /** Moves the remembered seconds of committed batches into the bitset: from now on they are looked up. */
  private forgetSeconds(upToBatch = this.committedBatch): void {
    for (const [second, packed] of this.nextSeq) {
      if (Math.floor(packed / SEQ_SPAN) > upToBatch) continue;
      const bit = secondBit(second);
      this.writtenSeconds[bit >>> 3]! |= 1 << (bit & 7);
      this.nextSeq.delete(second);
    }
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
    const packed = this.nextSeq.get(second);
    let seq: number;
    if (packed !== undefined) {
      seq = packed % SEQ_SPAN;
    } else {
      const base = second * ID_SEQ;
      seq = 0;
      const bit = secondBit(second);
      const maybeWritten = (this.writtenSeconds[bit >>> 3]! & (1 << (bit & 7))) !== 0;
      if (maybeWritten || (base + ID_SEQ > this.lowestStored && base <= this.highestStored)) {
        const [stored] = this.maxIdInSecond.get(base, base + ID_SEQ) as unknown as [number | null];
        if (stored !== null) seq = (stored % ID_SEQ) + 1;
      }
    }
    if (seq >= ID_SEQ) throw new Error(`more than ${ID_SEQ} messages in one second`);
    this.nextSeq.set(second, seq + 1 + this.batchNo * SEQ_SPAN);
    return second * ID_SEQ + seq;
  }

  private chatId(chat: ParsedChat): number {
    const cached = this.chatIds.get(chat.key);
    if (cached !== undefined) {
      const row = this.chatRows.get(cached)!;
      if (chat.nameIsGuess && row.name !== chat.name) {
        row.name = chat.name;
        this.stageChat(cached, row);
      }
      return cached;
    }
    const existing = this.db.prepare('SELECT id, name, platform, kind FROM chats WHERE key = ?').get(chat.key) as
      | { id: number; name: string; platform: string; kind: string | null }
      | undefined;
    let id: number;
    let row: { key: string; name: string; platform: string; kind: string | null };
    if (existing) {
      id = existing.id;
      row = { key: chat.key, name: existing.name, platform: existing.platform, kind: existing.kind };
      if (!existing.kind && chat.kind) {
        row.kind = chat.kind;
        this.stageChat(id, row);
      }
    } else {
      id = ++this.lastIds.chat;
      row = { key: chat.key, name: chat.name, platform: chat.platform, kind: chat.kind ?? null };
      this.stageChat(id, row);
    }
    this.chatIds.set(chat.key, id);
    this.chatRows.set(id, row);
    return id;
  }

  private stageChat(id: number, row: { key: string; name: string; platform: string; kind: string | null }): void {
    this.stage().chat.run(id, row.key, row.name, row.platform, row.kind);
  }

  private personId(chat: ParsedChat, sender: ParsedSender): number {
    const key = senderKey(chat, sender);
    let row = this.people.get(key);
    if (!row) {
      const existing = this.db.prepare('SELECT id, name, handles, role FROM people WHERE key = ?').get(key) as
        | { id: number; name: string; handles: string; role: number }
        | undefined;
      if (existing) {
        row = { id: existing.id, key, name: existing.name, handles: new Set(JSON.parse(existing.handles) as string[]), role: existing.role };
      } else {
        const role = sender.isSelf ? PersonRole.self : isSystem(sender) ? PersonRole.system : PersonRole.other;
        row = { id: ++this.lastIds.person, key, name: sender.name, handles: new Set(sender.handles), role };
        this.stagePerson(row);
      }
      this.people.set(key, row);
    }
    const newHandles = sender.handles.filter((h) => !row.handles.has(h));
    const betterName = sender.name && (!row.name || row.handles.has(row.name)) && sender.name !== row.name;
    if (newHandles.length > 0 || betterName) {
      for (const h of newHandles) row.handles.add(h);
      if (betterName) row.name = sender.name;
      this.stagePerson(row);
    }
    const chatId = this.chatIds.get(chat.key)!;
    const link = `${chatId}:${row.id}`;
    if (!this.chatPeople.has(link)) {
      this.stage().link.run(chatId, row.id);
      this.chatPeople.add(link);
    }
    return row.id;
  }

  private stagePerson(row: PersonRow & { key: string; role: number }): void {
    this.stage().person.run(row.id, row.key, row.name, JSON.stringify([...row.handles]), row.role);
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

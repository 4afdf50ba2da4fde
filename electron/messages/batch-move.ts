// Moves one staged batch of messages into the archive: the SQLite half of an import, run on a thread
// of its own so that it overlaps with the reading half (parsing, duplicate keys, search tokens,
// staging), which the import's thread goes on doing meanwhile.
//
// Why a thread and a file: a sorted insert of 250k messages with their search entries, and its
// commit, takes seconds of one core, and reading the next 250k takes about as long. The import's
// thread writes each batch into a stage file (a small SQLite database beside the archive, see
// writer.ts); this thread attaches it, moves it into the archive in one transaction and answers
// what was new. Nothing but SQL crosses: the rows wait in the stage file, not in either heap.
//
// `moveBatch` is written to need nothing outside itself: the thread runs its source text (no second
// bundle), and an import whose last, partial batch is its only one runs it right here on the
// archive's own connection instead of starting a thread. The search tokens are made here too (the
// thread runs tokens.ts's tokenizer from its source).
import type { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { makeIndexTokenizer } from './tokens';

export interface StagedPicture {
  id: number;
  tally: number;
  picture_chat: string;
  media_path: string;
  kind: string;
}

export interface MoveResult {
  /** Messages inserted (the others were duplicates of archived ones). */
  inserted: number;
  /** Duplicates per staged tally (file), when there were any. */
  duplicates: { tally: number; n: number }[];
  /** Media of the new messages to store (and of archived ones still without it). */
  pictures: StagedPicture[];
}

/**
 * In one transaction: the batch's files, chats, people and links, then its messages in id order (a
 * duplicate, same dedupe key, is left out), then the search entries of those inserted, in id order
 * (FTS5 starts a new segment whenever a rowid goes back). Staged ids are new (past every stored id
 * of their second), so "a message with this id exists" means "this staged row was inserted".
 */
export function moveBatch(db: DatabaseSync, stageFile: string, staged: number, withPictures: boolean, indexTokens: (text: string) => string): MoveResult {
  db.prepare('ATTACH DATABASE ? AS stage').run(stageFile);
  try {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(`
INSERT INTO main.files (id, path) SELECT id, path FROM stage.files WHERE true ON CONFLICT DO NOTHING;
INSERT INTO main.chats (id, key, name, platform, kind) SELECT id, key, name, platform, kind FROM stage.chats WHERE true
  ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind;
INSERT INTO main.people (id, key, name, handles, role) SELECT id, key, name, handles, role FROM stage.people WHERE true
  ON CONFLICT(id) DO UPDATE SET name = excluded.name, handles = excluded.handles;
INSERT INTO main.chat_people (chat_id, person_id) SELECT chat_id, person_id FROM stage.chat_people WHERE true ON CONFLICT DO NOTHING;`);
      const columns = 'id, chat_id, dedupe, local_time, sender_id, kind, text, source_id, media_path, media_missing, media_sha256, reply, file_id';
      const inserted = Number(
        db.prepare(`INSERT INTO main.messages (${columns}) SELECT ${columns} FROM stage.staged WHERE true ORDER BY id ON CONFLICT(dedupe) DO NOTHING`).run().changes,
      );
      // Tokens made here, a statement per message: a SQL function called for every row of one
      // statement kept each call's strings alive until the statement ended (node:sqlite frees a
      // call's handles with the statement), and the collector went over all of them again and
      // again (11 s of 23 s for 400k messages).
      const isNew = inserted === staged ? '' : 'WHERE EXISTS (SELECT 1 FROM main.messages m WHERE m.id = s.id)';
      const index = db.prepare('INSERT INTO main.message_fts (rowid, tokens) VALUES (?, ?)');
      const texts = db.prepare(`SELECT s.id, s.text FROM stage.staged s ${isNew} ORDER BY s.id`);
      texts.setReturnArrays(true);
      for (const row of texts.iterate() as Iterable<[number, string]>) {
        const tokens = indexTokens(row[1]);
        if (tokens !== '') index.run(row[0], tokens);
      }
      const duplicates =
        inserted === staged
          ? []
          : (db.prepare('SELECT tally, count(*) AS n FROM stage.staged s WHERE NOT EXISTS (SELECT 1 FROM main.messages m WHERE m.id = s.id) GROUP BY tally').all() as {
              tally: number;
              n: number;
            }[]);
      // Asked only when the batch has any (the query reads the whole stage).
      const pictures = !withPictures
        ? []
        : (db
            .prepare(
              'SELECT m.id, s.tally, s.picture_chat, s.media_path, s.kind FROM stage.staged s JOIN main.messages m ON m.dedupe = s.dedupe WHERE s.picture_chat IS NOT NULL AND m.media_sha256 IS NULL ORDER BY m.id',
            )
            .all() as unknown as StagedPicture[]);
      db.exec('COMMIT');
      return { inserted, duplicates: duplicates.map((d) => ({ tally: d.tally, n: d.n })), pictures: pictures.map((p) => ({ ...p })) };
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  } finally {
    db.exec('DETACH DATABASE stage');
  }
}

/** Merges the search index into one segment after a large import (faster searches). */
export function optimizeSearchIndex(db: DatabaseSync): void {
  db.exec("INSERT INTO message_fts (message_fts) VALUES ('optimize')");
}

// Plain CommonJS evaluated from a string: the functions above, by their source, and a loop.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const moveBatch = ${moveBatch.toString()};
const optimizeSearchIndex = ${optimizeSearchIndex.toString()};
const { indexTokens } = (${makeIndexTokenizer.toString()})();
const db = new DatabaseSync(workerData.file);
for (const pragma of workerData.pragmas) db.exec('PRAGMA ' + pragma);
parentPort.on('message', (job) => {
  if (job.close) {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const result = job.optimize ? optimizeSearchIndex(db) : moveBatch(db, job.stage, job.staged, job.withPictures, indexTokens);
    parentPort.postMessage({ result });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message ? error.message : error) });
  }
});
`;

/**
 * The thread that moves batches, with its own connection to the archive (the only one writing
 * messages while it runs). One job at a time: the writer waits for a batch before it sends the next.
 */
export class BatchMover {
  private readonly worker: Worker;
  private pending: { resolve: (value: unknown) => void; reject: (error: Error) => void } | undefined;
  private failure: Error | undefined;
  private exited = false;

  constructor(archiveFile: string, pragmas: readonly string[]) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: archiveFile, pragmas } });
    this.worker.on('message', (answer: { result?: unknown; error?: string }) => {
      const job = this.pending;
      this.pending = undefined;
      if (answer.error !== undefined) job?.reject(new Error(answer.error));
      else job?.resolve(answer.result);
    });
    const fail = (error: Error): void => {
      this.failure = error;
      this.pending?.reject(error);
      this.pending = undefined;
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => {
      this.exited = true;
      if (this.pending) fail(new Error(`the archive's writing thread stopped (exit code ${code})`));
    });
  }

  move(stageFile: string, staged: number, withPictures: boolean): Promise<MoveResult> {
    return this.send({ stage: stageFile, staged, withPictures }) as Promise<MoveResult>;
  }

  optimize(): Promise<void> {
    return this.send({ optimize: true }).then(() => undefined);
  }

  /** Closes the thread's connection and ends it. */
  async close(): Promise<void> {
    if (this.exited) return; // it failed and ended by itself
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage({ close: true });
    await exited;
  }

  private send(job: object): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.pending) return Promise.reject(new Error('the archive is already writing a batch'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(job);
    });
  }
}

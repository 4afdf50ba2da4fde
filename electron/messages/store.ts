// The archive database of one case: <case>/messages/archive.sqlite (node:sqlite, WAL).
// Message ids are time-ordered (UTC seconds × 2^20 + a sequence), so "newest first" is simply
// "highest rowid first" both in the messages table and in the full-text index.
import { DatabaseSync } from 'node:sqlite';
import { join, resolve } from 'node:path';
import { makePrivateDirSync, makeSqlitePrivate } from '../storage/private-files';
import { containsAll, indexTokens } from './tokens';

export const ID_SEQ_BITS = 20;
export const ID_SEQ = 2 ** ID_SEQ_BITS;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS chats (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  platform TEXT NOT NULL,
  kind TEXT
);
CREATE TABLE IF NOT EXISTS people (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  handles TEXT NOT NULL,      -- JSON array of handles
  role INTEGER NOT NULL DEFAULT 0   -- see PersonRole
);
CREATE TABLE IF NOT EXISTS chat_people (
  chat_id INTEGER NOT NULL,
  person_id INTEGER NOT NULL,
  PRIMARY KEY (chat_id, person_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS messages (
  id INTEGER PRIMARY KEY,     -- utc seconds * 2^20 + sequence: time-ordered
  chat_id INTEGER NOT NULL,
  dedupe INTEGER NOT NULL,    -- 64-bit hash of chat + sender + time + text (+ occurrence)
  local_time TEXT NOT NULL,
  sender_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  source_id TEXT,
  media_path TEXT,
  media_missing INTEGER,
  media_sha256 TEXT,
  reply TEXT,                 -- JSON {sourceId?, sender?, text?}
  file_id INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS messages_dedupe ON messages(dedupe);
CREATE INDEX IF NOT EXISTS messages_chat ON messages(chat_id, id);
CREATE INDEX IF NOT EXISTS messages_source ON messages(chat_id, source_id) WHERE source_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS files (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE
);
`;

/**
 * The search index (see tokens.ts). `ascii` keeps our tokens as they are (unicode61 would split
 * them at combining marks); the prefix index answers one-character queries.
 */
const FTS_SCHEMA = `CREATE VIRTUAL TABLE message_fts USING fts5(
  tokens, content='', detail=none, columnsize=0, prefix='1', tokenize='ascii'
)`;

/**
 * PRAGMA user_version of the archive: 0 = before it was recorded (CJK bigrams and whole words,
 * unicode61), 1 = substring tokens for every script (tokens.ts). An older index is rebuilt from
 * the stored messages when the archive is opened.
 */
export const SCHEMA_VERSION = 1;

/** people.role: a participant, the case's owner ("me"), or no one (system lines). */
export const PersonRole = { other: 0, self: 1, system: 2 } as const;

const open = new Map<string, DatabaseSync>();

export function archivePath(caseDir: string): string {
  return join(resolve(caseDir), 'messages', 'archive.sqlite');
}

/** The open database of a case (opened and migrated on first use). */
export function archive(caseDir: string): DatabaseSync {
  const path = archivePath(caseDir);
  let db = open.get(path);
  if (db) return db;
  makePrivateDirSync(join(resolve(caseDir), 'messages'));
  db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL');
  // Durability under WAL with synchronous=NORMAL: a commit is atomic and the archive always
  // consistent, but the last commits before a power cut (not an app crash) may be lost; the WAL is
  // fsynced at each checkpoint. Lost messages are simply absent, and re-importing the export adds
  // them without duplicates (dedupe key), so the cheaper commit is worth it.
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA busy_timeout = 5000');
  // Imports commit in large sorted batches (see writer.ts); afterwards the WAL is cut back to this.
  db.exec('PRAGMA journal_size_limit = 67108864');
  // 64 MB: a sorted batch sweeps the table in order, so a larger cache bought little and cost RSS.
  db.exec('PRAGMA cache_size = -65536');
  db.exec(SCHEMA);
  makeSqlitePrivate(path);
  db.function('relink_index_tokens', { deterministic: true }, (text) => indexTokens(String(text)));
  // relink_contains(text, parts as JSON): the exact check behind every search hit.
  let lastParts = '';
  let parsed: string[] = [];
  db.function('relink_contains', { deterministic: true }, (text, parts) => {
    if (parts !== lastParts) {
      lastParts = String(parts);
      parsed = JSON.parse(lastParts) as string[];
    }
    return containsAll(String(text), parsed) ? 1 : 0;
  });
  upgradeSearchIndex(db);
  open.set(path, db);
  return db;
}

/** Creates the search index, or rebuilds it from the stored messages when an older version made it. */
function upgradeSearchIndex(db: DatabaseSync): void {
  const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  const hasIndex = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'message_fts'").get() !== undefined;
  if (version >= SCHEMA_VERSION && hasIndex) return;
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec('DROP TABLE IF EXISTS message_fts');
    db.exec(FTS_SCHEMA);
    db.exec(
      `INSERT INTO message_fts (rowid, tokens) SELECT id, tokens FROM
         (SELECT id, relink_index_tokens(text) AS tokens FROM messages ORDER BY id) WHERE tokens != ''`,
    );
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    db.exec('COMMIT');
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
  if (hasIndex) optimizeIndex(db);
}

export function closeArchiveDb(caseDir: string): void {
  const path = archivePath(caseDir);
  const db = open.get(path);
  if (!db) return;
  open.delete(path);
  try {
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** Merges the search index into one segment after a large import (faster searches). */
export function optimizeIndex(db: DatabaseSync): void {
  db.exec("INSERT INTO message_fts (message_fts) VALUES ('optimize')");
}

export const idToMillis = (id: number): number => Math.floor(id / ID_SEQ) * 1000;
export const millisToFirstId = (ms: number): number => Math.floor(Math.max(0, ms) / 1000) * ID_SEQ;

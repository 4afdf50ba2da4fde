// The chat archive's schema, one numbered step at a time (platform/sqlite.ts runs them). Add a
// step at the end; never change one that shipped: archives people hold went through it already.
import type { Migration } from '../platform/sqlite';
import { indexTokens } from './tokens';

/**
 * The search index (see tokens.ts). `ascii` keeps our tokens as they are (unicode61 would split
 * them at combining marks); the prefix index answers one-character queries.
 */
const SUBSTRING_INDEX = `CREATE VIRTUAL TABLE message_fts USING fts5(
  tokens, content='', detail=none, columnsize=0, prefix='1', tokenize='ascii'
)`;

export const archiveMigrations: readonly Migration[] = [
  {
    // Archives from before the version was recorded (0) have these tables, and a search index of
    // CJK bigrams and whole words (unicode61) that cannot find every substring: it is rebuilt from
    // the stored messages.
    version: 1,
    name: 'tables, and the substring search index',
    up(db) {
      db.exec(`
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
`);
      db.exec('DROP TABLE IF EXISTS message_fts');
      db.exec(SUBSTRING_INDEX);
      // A statement per message, as an import's mover does (batch-move.ts): a JS function called for
      // every row of one statement keeps every call's strings alive until the statement ends.
      const index = db.prepare('INSERT INTO message_fts (rowid, tokens) VALUES (?, ?)');
      const texts = db.prepare('SELECT id, text FROM messages ORDER BY id');
      texts.setReturnArrays(true);
      for (const [id, text] of texts.iterate() as Iterable<[number, string]>) {
        const tokens = indexTokens(text);
        if (tokens !== '') index.run(id, tokens);
      }
      // One segment: searches right after an upgrade are as fast as after an import.
      db.exec("INSERT INTO message_fts (message_fts) VALUES ('optimize')");
    },
  },
];

// The photo index's schema, one numbered step at a time (platform/sqlite.ts runs them). Add a step
// at the end; never change one that shipped: indexes people hold went through it already.
import type { Migration } from '../platform/sqlite';

export const photoIndexMigrations: readonly Migration[] = [
  {
    // Indexes from before the version was recorded (0) already have these tables.
    version: 1,
    name: 'photos, origins and scanned files',
    up(db) {
      db.exec(`
CREATE TABLE IF NOT EXISTS photos (
  sha256 TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  date TEXT NOT NULL,
  date_source TEXT NOT NULL,
  thumbnail_only INTEGER NOT NULL DEFAULT 0,
  picture_key TEXT,
  width INTEGER,
  height INTEGER,
  origin_count INTEGER NOT NULL DEFAULT 0,
  thumb TEXT,
  added_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS photos_by_date ON photos(date DESC, sha256);
CREATE INDEX IF NOT EXISTS photos_by_key ON photos(picture_key) WHERE picture_key IS NOT NULL;
CREATE TABLE IF NOT EXISTS origins (
  path TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL,
  kind TEXT NOT NULL,
  chat TEXT,
  name TEXT NOT NULL,
  mtime TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS origins_by_sha ON origins(sha256);
CREATE INDEX IF NOT EXISTS origins_by_kind ON origins(kind, sha256);
CREATE TABLE IF NOT EXISTS scanned (
  path TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  mtime_ms REAL NOT NULL,
  outcome TEXT NOT NULL,
  sha256 TEXT,
  message TEXT
);
`);
    },
  },
];

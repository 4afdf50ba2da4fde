// The archive database of one case: <case>/messages/archive.sqlite (node:sqlite, WAL).
// Message ids are time-ordered (UTC seconds × 2^20 + a sequence), so "newest first" is simply
// "highest rowid first" both in the messages table and in the full-text index.
import type { DatabaseSync } from 'node:sqlite';
import { dirname, join, resolve } from 'node:path';
import { openCaseDatabase } from '../platform/sqlite';
import { archiveMigrations } from './migrations';
import { caseKey } from '../session/case-key';
import { removeDeadStageFiles } from './stage-files';
import { containsAll } from './tokens';

export const ID_SEQ_BITS = 20;
export const ID_SEQ = 2 ** ID_SEQ_BITS;

/** people.role: a participant, the case's owner ("me"), or no one (system lines). */
export const PersonRole = { other: 0, self: 1, system: 2 } as const;

const open = new Map<string, DatabaseSync>();

/** Every connection writing the archive sets these (the import's batch mover has its own). */
export const ARCHIVE_PRAGMAS: readonly string[] = [
  // Durability under WAL with synchronous=NORMAL: a commit is atomic and the archive always
  // consistent, but the last commits before a power cut (not an app crash) may be lost; the WAL is
  // fsynced at each checkpoint. Lost messages are simply absent, and re-importing the export adds
  // them without duplicates (dedupe key), so the cheaper commit is worth it.
  'synchronous = NORMAL',
  // Imports commit in large sorted batches (see writer.ts); afterwards the WAL is cut back to this.
  'journal_size_limit = 67108864',
  // 64 MB: a sorted batch sweeps the table in order, so a larger cache bought little and cost RSS.
  'cache_size = -65536',
  // Another connection may be writing (an import's batch mover): wait for it as every case database does.
  'busy_timeout = 5000',
];

export function archivePath(caseDir: string): string {
  return join(resolve(caseDir), 'messages', 'archive.sqlite');
}

/** The open database of a case (opened and migrated on first use). */
export function archive(caseDir: string): DatabaseSync {
  const key = caseKey(caseDir);
  let db = open.get(key);
  if (db) return db;
  const path = archivePath(caseDir);
  db = openCaseDatabase(path, {
    what: 'the chat archive',
    migrations: archiveMigrations,
    pragmas: ARCHIVE_PRAGMAS,
    prepare: registerFunctions,
  });
  open.set(key, db);
  // A killed import's batches in waiting go once the case's archive is in use again.
  removeDeadStageFiles(dirname(path));
  return db;
}

/** The SQL function the search calls. */
function registerFunctions(db: DatabaseSync): void {
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
}

export function closeArchiveDb(caseDir: string): void {
  const key = caseKey(caseDir);
  const db = open.get(key);
  if (!db) return;
  open.delete(key);
  try {
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** Every archive this process opened (the backend closing). */
export function closeAllArchiveDbs(): void {
  for (const [key, db] of [...open]) {
    open.delete(key);
    try {
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
  }
}

export const idToMillis = (id: number): number => Math.floor(id / ID_SEQ) * 1000;
export const millisToFirstId = (ms: number): number => Math.floor(Math.max(0, ms) / 1000) * ID_SEQ;

// Every SQLite file of a case is opened here: private modes, WAL, and its schema brought up to date
// by numbered migrations (as Signal Desktop's ts/sql/migrations). The file's PRAGMA user_version
// is the number of the last migration it went through; each migration runs in its own transaction
// together with the version bump, so a crash leaves a file at one version or the next, never between.
import { DatabaseSync } from 'node:sqlite';
import { dirname } from 'node:path';
import { makePrivateDirSync, makeSqlitePrivate } from './private-files';

export interface Migration {
  /** 1, 2, 3…: the user_version the file has once this migration ran. */
  version: number;
  /** What it changes, for the error message when it fails. */
  name: string;
  up(db: DatabaseSync): void;
}

export interface OpenOptions {
  /** What the file is, for messages ("the chat archive"). */
  what: string;
  migrations: readonly Migration[];
  /** PRAGMAs beyond WAL and the busy timeout every case database gets. */
  pragmas?: readonly string[];
  /** Runs before the migrations, e.g. to register the SQL functions a migration calls. */
  prepare?(db: DatabaseSync): void;
}

/** A file written by a newer Relink: opening it would write a schema it does not understand. */
export class NewerSchemaError extends Error {
  constructor(
    readonly file: string,
    readonly fileVersion: number,
    readonly knownVersion: number,
    what: string,
  ) {
    super(`${what} (${file}) was written by a newer version of Relink (schema ${fileVersion}, this one knows ${knownVersion}); update Relink to open it`);
    this.name = 'NewerSchemaError';
  }
}

/** Opens (creating when missing) a case database, private to the user, migrated to the latest version. */
export function openCaseDatabase(file: string, options: OpenOptions): DatabaseSync {
  makePrivateDirSync(dirname(file));
  const db = new DatabaseSync(file);
  try {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA busy_timeout = 5000');
    for (const pragma of options.pragmas ?? []) db.exec(`PRAGMA ${pragma}`);
    options.prepare?.(db);
    migrate(db, file, options);
    // After the first writes: SQLite makes -wal and -shm with the database's mode, checked here too.
    makeSqlitePrivate(file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: DatabaseSync): number {
  return (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

/** Runs every migration the file has not had yet, each with its version bump in one transaction. */
export function migrate(db: DatabaseSync, file: string, { what, migrations }: OpenOptions): void {
  checkNumbering(migrations);
  const latest = latestVersion(migrations);
  const current = schemaVersion(db);
  if (current > latest) throw new NewerSchemaError(file, current, latest, what);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      // Another process may have migrated the file while this one waited for the write lock.
      if (schemaVersion(db) >= migration.version) {
        db.exec('COMMIT');
        continue;
      }
      migration.up(db);
      db.exec(`PRAGMA user_version = ${migration.version}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw new Error(`Could not upgrade ${what} (${file}) to schema ${migration.version} (${migration.name}): ${(error as Error).message}`, { cause: error });
    }
  }
}

/** Migrations are numbered 1, 2, 3… without gaps: a gap or a reordering is a programming error. */
function checkNumbering(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration "${m.name}" is numbered ${m.version}, expected ${i + 1}`);
  });
}

// Who may read the data: only the user. Every folder in the data folder is 0700 and every file 0600,
// whatever the umask. Creators pass these modes (or call makePrivate after a library made the file:
// SQLite, sharp); opening a case repairs what an older version or another tool left readable.
// Windows has no such modes (its ACLs already keep %APPDATA% to the user): nothing to do there.
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { chmod, lstat, mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

const HAS_MODES = process.platform !== 'win32';

/** Bits that let anyone but the owner in. */
const LOOSE = 0o077;

/** mkdir -p with 0700, and 0700 on `dir` itself when it existed already. */
export async function makePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (HAS_MODES && ((await stat(dir)).mode & LOOSE) !== 0) await chmod(dir, PRIVATE_DIR_MODE);
}

export function makePrivateDirSync(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (HAS_MODES && (statSync(dir).mode & LOOSE) !== 0) chmodSync(dir, PRIVATE_DIR_MODE);
}

/** 0600 for files a library created with its own mode (SQLite and its -wal/-shm, sharp's output); missing ones are skipped. */
export function makePrivateSync(...files: string[]): void {
  if (!HAS_MODES) return;
  for (const file of files) {
    try {
      if ((statSync(file).mode & LOOSE) !== 0) chmodSync(file, PRIVATE_FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** An SQLite database and the files SQLite keeps beside it (they take the database's mode when made). */
export function makeSqlitePrivate(dbFile: string): void {
  makePrivateSync(dbFile, `${dbFile}-wal`, `${dbFile}-shm`, `${dbFile}-journal`);
}

/**
 * Repairs a folder made by an older version (0755 folders, 0644 files): when `dir` itself lets
 * others in, every folder and file under it is made private. One stat when all is well.
 */
export async function repairPrivateTree(dir: string): Promise<boolean> {
  if (!HAS_MODES) return false;
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory() || (info.mode & LOOSE) === 0) return false;
  await chmod(dir, PRIVATE_DIR_MODE); // first: nobody else gets in while the rest is repaired
  await repairUnder(dir);
  return true;
}

async function repairUnder(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    // Links are not followed: whatever they point to is not ours to change.
    if (entry.isSymbolicLink()) continue;
    const info = await lstat(path).catch(() => undefined);
    if (!info) continue;
    if (info.isDirectory()) {
      if ((info.mode & LOOSE) !== 0) await chmod(path, PRIVATE_DIR_MODE);
      await repairUnder(path);
    } else if (info.isFile() && (info.mode & LOOSE) !== 0) {
      await chmod(path, PRIVATE_FILE_MODE);
    }
  }
}

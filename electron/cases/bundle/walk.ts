// The parts of a case folder a bundle carries, with SQLite databases taken as consistent snapshots:
// an archive open in the app has recent pages in its -wal file, so copying the main file alone
// could bundle a database that lacks them or is torn. `VACUUM INTO` writes one whole, checkpointed copy.
import { randomBytes } from 'node:crypto';
import { open, readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { isTransient } from './format';

export interface CasePart {
  /** Path inside the case folder, with forward slashes. */
  path: string;
  /** The file to read: the case's own, or its snapshot. */
  source: string;
  size: number;
  mtime: Date;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

async function isSqlite(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const { bytesRead } = await handle.read(head, 0, 16, 0);
    return bytesRead === 16 && head.equals(SQLITE_MAGIC);
  } finally {
    await handle.close();
  }
}

/** Every file of the case (symlinks and transient files left out), snapshots made in `scratch`. */
export async function caseParts(caseDir: string, scratch: string): Promise<CasePart[]> {
  const entries = await readdir(caseDir, { withFileTypes: true, recursive: true });
  const parts: CasePart[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const path = relative(caseDir, file).split(sep).join('/');
    if (isTransient(path)) continue;
    let source = file;
    if (await isSqlite(file)) {
      source = join(scratch, `${randomBytes(8).toString('hex')}.sqlite`);
      const db = new DatabaseSync(file, { readOnly: true });
      try {
        db.prepare('VACUUM INTO ?').run(source);
      } finally {
        db.close();
      }
    }
    const info = await stat(source);
    parts.push({ path, source, size: info.size, mtime: (await stat(file)).mtime });
  }
  return parts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

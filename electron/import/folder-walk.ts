// The one way a folder the user picked is walked, for contacts, photos and messages alike:
// - sorted, so imports run in a stable order;
// - an item that cannot be read (a folder without permission, a file that vanished) is reported
//   with its path and the walk goes on: one bad item never stops the import of the others;
// - symbolic links are followed only while they stay inside the picked folder; a link leading out of
//   it is skipped and reported (the user picked that folder, not what a link in it points to), and a
//   link back into a folder already walked is not walked twice.
import type { Dirent, Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep, isAbsolute } from 'node:path';

export type WalkProblemKind = 'folder-unreadable' | 'file-unopenable' | 'link-outside-folder';

export interface WalkProblem {
  path: string;
  kind: WalkProblemKind;
  message: string;
}

export interface WalkOptions {
  signal?: AbortSignal;
  /** Sub-folders not to enter (by name), e.g. hidden ones or a chat export's media folders. */
  skipFolder?: (name: string) => boolean;
  /** Files not to list (by name). */
  skipFile?: (name: string) => boolean;
  /** Stop listing after this many files. */
  maxFiles?: number;
}

export interface WalkedFile {
  path: string;
  stats: Stats;
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

const describe = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message ?? String(error);

/** Every file under `folder` (itself followed if it is a link: the user picked it), with what could not be walked. */
export async function walkFolder(folder: string, opts: WalkOptions = {}): Promise<{ files: WalkedFile[]; problems: WalkProblem[] }> {
  const files: WalkedFile[] = [];
  const problems: WalkProblem[] = [];
  const visited = new Set<string>();
  const max = opts.maxFiles ?? Number.POSITIVE_INFINITY;
  let top: string;
  try {
    top = await realpath(folder);
  } catch (error) {
    problems.push({ path: folder, kind: 'folder-unreadable', message: `folder could not be read (${describe(error)})` });
    return { files, problems };
  }

  const walk = async (dir: string, real: string): Promise<void> => {
    opts.signal?.throwIfAborted();
    if (visited.has(real)) return; // a link back into a folder already walked
    visited.add(real);
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: dir, kind: 'folder-unreadable', message: `folder could not be read (${describe(error)}); skipped` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subfolders: [string, string][] = [];
    for (const entry of entries) {
      if (files.length >= max) return;
      const path = join(dir, entry.name);
      let target = path;
      if (entry.isSymbolicLink()) {
        try {
          target = await realpath(path);
        } catch (error) {
          problems.push({ path, kind: 'file-unopenable', message: `link to something that cannot be opened (${describe(error)}); skipped` });
          continue;
        }
        if (!inside(top, target)) {
          problems.push({ path, kind: 'link-outside-folder', message: `link to ${target}, outside the picked folder; skipped` });
          continue;
        }
      } else if (!entry.isDirectory() && !entry.isFile()) {
        continue; // sockets, fifos, devices
      }
      let stats: Stats;
      try {
        stats = await stat(path);
      } catch (error) {
        problems.push({ path, kind: 'file-unopenable', message: `could not be opened (${describe(error)}); skipped` });
        continue;
      }
      if (stats.isDirectory()) {
        if (!opts.skipFolder?.(entry.name)) subfolders.push([path, entry.isSymbolicLink() ? target : join(real, entry.name)]);
      } else if (stats.isFile() && !opts.skipFile?.(entry.name)) {
        files.push({ path, stats });
      }
    }
    for (const [sub, subReal] of subfolders) await walk(sub, subReal);
  };
  await walk(folder, top);
  return { files, problems };
}

/** The path of `file` inside `folder`, with '/' (the name an import shows and re-imports by). */
export function pathInside(folder: string, file: string): string {
  return relative(folder, file).split(sep).join('/');
}

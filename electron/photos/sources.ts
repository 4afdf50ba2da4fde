// What the user pointed at, turned into a flat list of files to import: folders are walked
// recursively as every picked folder is (import/folder-walk.ts: links out of the folder skipped and
// reported, loops cut, unreadable items reported), zip files are opened with the app's zip reader
// (electron/platform/zip.ts) and their entries listed from the central directory. Zip entries are
// only ever streamed into the store, never extracted to a path, so "../" or absolute entry names
// cannot write anywhere; zip bombs and zips that would not fit the disk are refused.
import { open as openFile, stat } from 'node:fs/promises';
import { createReadStream, type Stats } from 'node:fs';
import { basename, dirname, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import type { PhotoProblem } from '../../shared/types';
import { hasZipMagic, ZipArchive, ZipLimitError } from '../platform/zip';
import { walkFolder } from '../import/folder-walk';

export interface SourceFile {
  /** Identity of the file across runs; inside a zip "<zip>!/<entry>". */
  originPath: string;
  name: string;
  /** Folder inside the import root or the zip (used to pair Takeout sidecars). */
  relDir: string;
  /** Every folder name from the file system root down to the file (WeChat layout, YYYY-MM folders). */
  dirSegments: string[];
  size: number;
  mtimeMs: number;
  inZip: boolean;
  /** The file on disk, for files outside zips: read in one go instead of streamed. */
  fsPath?: string;
  open(): Promise<Readable>;
}

export interface ScanResult {
  files: SourceFile[];
  unreadable: PhotoProblem[];
  close(): void;
}

export function splitSegments(p: string): string[] {
  return p.split(/[\\/]+/).filter((s) => s.length > 0);
}

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied';
  if (e?.code === 'ENOENT') return 'not found (moved or deleted?)';
  if (e?.code === 'ELOOP') return 'symbolic link loop';
  return e?.message ?? String(err);
}

async function startsLikeZip(path: string): Promise<boolean> {
  const h = await openFile(path, 'r');
  try {
    const head = Buffer.alloc(4);
    await h.read(head, 0, 4, 0);
    return hasZipMagic(head);
  } finally {
    await h.close();
  }
}

/** A zip's problem: a refused zip keeps its code and values, so the UI can say it in Chinese. */
function zipProblem(path: string, err: unknown): PhotoProblem {
  if (err instanceof ZipLimitError) return { path, message: err.message, code: err.code, params: err.params };
  return { path, message: `not a readable zip: ${describe(err)}`, code: 'zip-not-readable', params: { zip: path } };
}

export interface ScanOptions {
  signal?: AbortSignal;
  /** Where the pictures are stored: a zip whose entries would expand to more than its disk has free is refused whole. */
  diskDir?: string;
  /** Entries an earlier run finished are read no more, so they do not count against the free space. */
  finished?: (originPath: string, size: number, mtimeMs: number) => boolean;
}

/** Lists every file under the given folders, zip files and single files. */
export async function scanSources(paths: string[], opts: ScanOptions = {}): Promise<ScanResult> {
  const { signal, diskDir, finished } = opts;
  const files: SourceFile[] = [];
  const unreadable: PhotoProblem[] = [];
  const zips: ZipArchive[] = [];

  const addFile = async (path: string, st: Stats, root: string) => {
    const name = basename(path);
    if (/\.zip$/i.test(name)) {
      // A ".zip" that is not one is named, not counted among "not a picture".
      const isZip = await startsLikeZip(path).catch(() => false);
      if (isZip) await addZip(path);
      else unreadable.push(zipProblem(path, new Error('it does not start like a zip (damaged, or another kind of file renamed .zip)')));
      return;
    }
    files.push({
      originPath: path,
      name,
      relDir: relative(root, dirname(path)).split(sep).join('/'),
      dirSegments: splitSegments(dirname(path)),
      size: st.size,
      mtimeMs: st.mtimeMs,
      inZip: false,
      fsPath: path,
      open: async () => createReadStream(path, { highWaterMark: 1 << 20 }),
    });
  };

  const addZip = async (zipPath: string) => {
    let zip: ZipArchive;
    try {
      zip = await ZipArchive.open(zipPath);
    } catch (err) {
      unreadable.push(zipProblem(zipPath, err));
      return;
    }
    try {
      const toRead = finished ? zip.entries.filter((e) => !finished(`${zipPath}!/${e.name}`, e.size, e.mtimeMs)) : zip.entries;
      if (diskDir) await zip.checkExpansion(toRead, diskDir);
    } catch (err) {
      zip.close();
      unreadable.push(zipProblem(zipPath, err));
      return;
    }
    zips.push(zip);
    for (const entry of zip.entries) {
      const inner = splitSegments(entry.name).filter((s) => s !== '.' && s !== '..');
      const name = inner.pop() ?? 'unnamed';
      files.push({
        originPath: `${zipPath}!/${entry.name}`,
        name,
        relDir: inner.join('/'),
        dirSegments: [...splitSegments(dirname(zipPath)), ...inner],
        size: entry.size,
        mtimeMs: entry.mtimeMs,
        inZip: true,
        open: () => zip.openStream(entry),
      });
    }
  };

  // Walked like every picked folder (import/folder-walk.ts): unreadable items and links leading out
  // of the folder are reported, the rest imported.
  const walk = async (root: string): Promise<void> => {
    const { files: found, problems } = await walkFolder(root, { signal });
    for (const { path, message } of problems) unreadable.push({ path, message });
    for (const { path, stats } of found) {
      try {
        await addFile(path, stats, root);
      } catch (err) {
        unreadable.push({ path, message: describe(err) });
      }
    }
  };

  for (const p of paths) {
    let st: Stats;
    try {
      st = await stat(p);
    } catch (err) {
      unreadable.push({ path: p, message: describe(err) });
      continue;
    }
    if (st.isDirectory()) await walk(p);
    else if (st.isFile()) await addFile(p, st, dirname(p));
  }
  return {
    files,
    unreadable,
    close: () => {
      for (const z of zips) z.close();
    },
  };
}

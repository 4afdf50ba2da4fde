// What the user pointed at, turned into a flat list of files to import: folders are walked
// recursively as every picked folder is (import/folder-walk.ts: links out of the folder skipped and
// reported, loops cut, unreadable items reported), zip files are opened with yauzl and
// their entries listed from the central directory. Zip entries are only ever streamed into the
// store, never extracted to a path, so "../" or absolute entry names cannot write anywhere.
import { open as openFile, stat } from 'node:fs/promises';
import { createReadStream, type Stats } from 'node:fs';
import { basename, dirname, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import iconv from 'iconv-lite';
import type { PhotoProblem } from '../../shared/types';
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

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

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

async function isZipFile(path: string, name: string): Promise<boolean> {
  if (!/\.zip$/i.test(name)) return false;
  const h = await openFile(path, 'r');
  try {
    const head = Buffer.alloc(4);
    await h.read(head, 0, 4, 0);
    return head.equals(ZIP_MAGIC) || head.equals(EMPTY_ZIP_MAGIC);
  } finally {
    await h.close();
  }
}

/** Lists every file under the given folders, zip files and single files. */
export async function scanSources(paths: string[], signal?: AbortSignal): Promise<ScanResult> {
  const files: SourceFile[] = [];
  const unreadable: PhotoProblem[] = [];
  const zips: ZipFile[] = [];

  const addFile = async (path: string, st: Stats, root: string) => {
    const name = basename(path);
    if (await isZipFile(path, name).catch(() => false)) {
      await addZip(path);
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
    try {
      const { zip, entries } = await listZip(zipPath);
      zips.push(zip);
      for (const entry of entries) {
        const entryName = decodeEntryName(entry);
        if (entryName.endsWith('/') || entryName.endsWith('\\')) continue;
        const inner = splitSegments(entryName).filter((s) => s !== '.' && s !== '..');
        const name = inner.pop() ?? 'unnamed';
        files.push({
          originPath: `${zipPath}!/${entryName}`,
          name,
          relDir: inner.join('/'),
          dirSegments: [...splitSegments(dirname(zipPath)), ...inner],
          size: entry.uncompressedSize,
          mtimeMs: entry.getLastModDate().getTime(),
          inZip: true,
          open: () => openEntry(zip, entry),
        });
      }
    } catch (err) {
      unreadable.push({ path: zipPath, message: `zip file could not be read: ${describe(err)}` });
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

function listZip(path: string): Promise<{ zip: ZipFile; entries: Entry[] }> {
  return new Promise((resolve, reject) => {
    // decodeStrings:false: names are decoded below (GBK zips from Chinese Windows) and yauzl does not
    // reject the whole archive for one "../" entry; such names are harmless since nothing is extracted.
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('cannot open zip'));
      const entries: Entry[] = [];
      zip.on('entry', (e: Entry) => {
        entries.push(e);
        zip.readEntry();
      });
      zip.on('end', () => resolve({ zip, entries }));
      zip.on('error', (e: Error) => {
        zip.close();
        reject(e);
      });
      zip.readEntry();
    });
  });
}

function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    if (entry.isEncrypted()) return reject(new Error('zip entry is encrypted'));
    zip.openReadStream(entry, (err, stream) => (err || !stream ? reject(err ?? new Error('cannot read zip entry')) : resolve(stream)));
  });
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** Entry names: UTF-8 when flagged or valid, else the Windows code page of Chinese systems (GBK). */
function decodeEntryName(entry: Entry): string {
  const raw = entry.fileName as unknown as Buffer | string;
  if (typeof raw === 'string') return raw;
  if (entry.generalPurposeBitFlag & 0x800) return raw.toString('utf8');
  try {
    return utf8Strict.decode(raw);
  } catch {
    return iconv.decode(raw, 'gbk');
  }
}

// Photo archive of a case: public API used by the IPC handlers, the command line and the message
// archive. Pictures live once in the case's content store (<case>/store), their index in
// <case>/photos/index.sqlite, their thumbnails in <case>/photos/thumbs.
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, open, rename, rm, utimes } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { PhotoImportSummary, PhotoOriginKind, PhotoRecord } from '../../shared/types';
import { blobPath, hashBlob } from '../platform/content-store';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../platform/private-files';
import { formatInfo } from './detect';
import { importChatPicture, runImport, type ImportOptions } from './importer';
import { closeAllPhotoIndexes, closePhotoIndex, photoIndex } from './photo-index';
import { THUMBNAIL_LANES, ThumbnailMaker, thumbnailFile } from './thumbnails';

export type { PhotoImportProgress, PhotoImportSummary, PhotoRecord } from '../../shared/types';
export type { ImportOptions } from './importer';

export async function importPhotos(
  caseDir: string,
  paths: string[],
  opts?: ImportOptions,
): Promise<PhotoImportSummary> {
  return runImport(caseDir, paths, opts);
}

export async function listPhotos(
  caseDir: string,
  opts: { origin?: PhotoOriginKind; duplicatesOnly?: boolean; offset?: number; limit?: number } = {},
): Promise<{ total: number; photos: PhotoRecord[] }> {
  return photoIndex(caseDir).list(opts);
}

export async function getPhoto(caseDir: string, sha256: string): Promise<PhotoRecord | undefined> {
  return photoIndex(caseDir).photo(sha256);
}

export async function photoMonths(
  caseDir: string,
  opts: { origin?: PhotoOriginKind; duplicatesOnly?: boolean } = {},
): Promise<{ month: string; count: number }[]> {
  return photoIndex(caseDir).months(opts);
}

/** Path of the stored picture itself (decoded), for showing it full size. */
export async function photoFilePath(caseDir: string, sha256: string): Promise<string | undefined> {
  return photoIndex(caseDir).hasPhoto(sha256) ? blobPath(caseDir, sha256) : undefined;
}

// Thumbnails asked for one by one (screens scrolling) share one worker, stopped when idle.
const lazyMakers = new Map<string, { maker: ThumbnailMaker; idle?: NodeJS.Timeout }>();

function lazyMaker(caseDir: string): ThumbnailMaker {
  let entry = lazyMakers.get(caseDir);
  if (!entry) {
    entry = { maker: new ThumbnailMaker(caseDir) };
    lazyMakers.set(caseDir, entry);
  }
  if (entry.idle) clearTimeout(entry.idle);
  const e = entry;
  e.idle = setTimeout(() => {
    lazyMakers.delete(caseDir);
    void e.maker.close();
  }, 10_000);
  e.idle.unref();
  return e.maker;
}

/** The thumbnail of a picture, made now if missing; undefined for videos and unreadable pictures. */
export async function thumbnailPath(caseDir: string, sha256: string): Promise<string | undefined> {
  const file = thumbnailFile(caseDir, sha256);
  if (existsSync(file)) return file;
  const idx = photoIndex(caseDir);
  const photo = idx.photo(sha256);
  const src = photo ? blobPath(caseDir, sha256) : undefined;
  if (!photo || !src || ['mp4', 'mov', 'wxgf'].includes(photo.type)) return undefined;
  const r = await lazyMaker(caseDir).make(src, sha256);
  if (!r.ok && r.stopped) return undefined;
  if (!r.ok) {
    idx.setThumbnail(sha256, 'failed');
    return undefined;
  }
  idx.setThumbnail(sha256, 'ok', r.width, r.height);
  return file;
}

/** Makes every missing thumbnail (e.g. after importing with thumbnails off, or after a cancel). */
export async function buildThumbnails(
  caseDir: string,
  opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void; lanes?: number } = {},
): Promise<{ made: number; failed: number }> {
  const idx = photoIndex(caseDir);
  const todo = idx.missingThumbnails();
  const lanes = opts.lanes ?? THUMBNAIL_LANES;
  const maker = new ThumbnailMaker(caseDir, lanes);
  const result = { made: 0, failed: 0 };
  try {
    let next = 0;
    const lane = async () => {
      while (next < todo.length) {
        opts.signal?.throwIfAborted();
        const { sha256 } = todo[next++]!;
        const src = blobPath(caseDir, sha256);
        const r = src ? await maker.make(src, sha256) : ({ ok: false, error: 'missing' } as const);
        if (!r.ok && 'stopped' in r) return;
        if (r.ok) {
          result.made++;
          idx.setThumbnail(sha256, 'ok', r.width, r.height);
        } else {
          result.failed++;
          idx.setThumbnail(sha256, 'failed');
        }
        opts.onProgress?.(result.made + result.failed, todo.length);
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    await maker.close();
  }
  return result;
}

/** Re-hashes every archived picture: reports missing files and files whose bytes changed. */
export async function verifyPhotos(
  caseDir: string,
  opts: { signal?: AbortSignal; onProgress?: (checked: number, total: number) => void } = {},
): Promise<{ checked: number; damaged: { sha256: string; problem: string }[] }> {
  const blobs = photoIndex(caseDir).allBlobs();
  const damaged: { sha256: string; problem: string }[] = [];
  let checked = 0;
  for (const { sha256, size } of blobs) {
    opts.signal?.throwIfAborted();
    const path = blobPath(caseDir, sha256);
    const actual = path ? await hashBlob(path, opts.signal) : undefined;
    if (!path || actual === undefined) damaged.push({ sha256, problem: 'missing: the stored file is gone' });
    else if (actual !== sha256) damaged.push({ sha256, problem: `damaged: content changed (now hashes to ${actual.slice(0, 12)}…, expected size ${size})` });
    checked++;
    opts.onProgress?.(checked, blobs.length);
  }
  return { checked, damaged };
}

/** The file name a picture gets when exported or downloaded: its original name, .dat → real format. */
export function exportName(photo: PhotoRecord): string {
  const original = photo.origins[0]?.name ?? photo.sha256.slice(0, 16);
  const ext = formatInfo(photo.type).ext;
  const current = extname(original).toLowerCase().replace('.', '');
  const sameFormat = current === ext || (ext === 'jpg' && current === 'jpeg') || (ext === 'tif' && current === 'tiff');
  // WeChat .dat names get the real format's extension.
  return sameFormat ? original : `${original.replace(/\.(dat)$/i, '')}.${ext}`;
}

function freeName(destDir: string, name: string, taken: Set<string>): string {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let candidate = name;
  for (let i = 2; taken.has(candidate.toLowerCase()) || existsSync(join(destDir, candidate)); i++) candidate = `${stem} (${i})${ext}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/**
 * Copies pictures out under their original names and mtimes (never overwriting a file). `private`:
 * the folder is inside the data folder (browser mode's exports), so it and its files are the user's alone.
 */
export async function exportPhotos(
  caseDir: string,
  sha256s: string[],
  destDir: string,
  opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void; private?: boolean } = {},
): Promise<{ written: number }> {
  if (opts.private) await makePrivateDir(destDir);
  else await mkdir(destDir, { recursive: true });
  const idx = photoIndex(caseDir);
  const taken = new Set<string>();
  let written = 0;
  for (const [i, sha256] of sha256s.entries()) {
    opts.signal?.throwIfAborted();
    opts.onProgress?.(i, sha256s.length);
    const photo = idx.photo(sha256);
    const src = photo ? blobPath(caseDir, sha256) : undefined;
    if (!photo || !src) continue;
    const target = join(destDir, freeName(destDir, exportName(photo), taken));
    const temp = join(destDir, `.${randomBytes(6).toString('hex')}.part`);
    const out = await open(temp, 'wx', opts.private ? PRIVATE_FILE_MODE : 0o666);
    try {
      for await (const chunk of createReadStream(src, { highWaterMark: 1 << 20 })) await out.write(chunk as Buffer);
      await out.sync();
    } catch (err) {
      await out.close();
      await rm(temp, { force: true });
      throw err;
    }
    await out.close();
    const mtime = new Date(photo.origins[0]?.mtime ?? photo.date);
    if (!Number.isNaN(mtime.getTime())) await utimes(temp, mtime, mtime);
    await rename(temp, target);
    written++;
  }
  opts.onProgress?.(sha256s.length, sha256s.length);
  return { written };
}

/** For the message archive: registers a picture found in a chat export (.dat files decoded too). */
export async function addPictureFromChat(
  caseDir: string,
  filePath: string,
  origin: { chat: string; path: string },
  /** The AES key of the account's WeChat 4 V2 pictures, when the user gave one. */
  datKey?: Buffer,
): Promise<{ sha256: string } | null> {
  return importChatPicture(caseDir, filePath, origin, datKey);
}

/** Closes the case's photo index (before moving or deleting the case folder). */
export function closePhotoArchive(caseDir: string): void {
  closePhotoIndex(caseDir);
}

export { closeAllPhotoIndexes };

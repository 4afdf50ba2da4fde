// Content-addressed blob store shared by every capability of a case: photos, chat media, attachments.
//
// Layout: <case>/store/<aa>/<sha256><.ext?>, where <aa> is the first two hex digits of the SHA-256
// of the stored bytes. The same bytes are stored once whatever their origin; callers keep their own
// index of where a blob came from. Every write goes to <case>/store/.tmp/ first, is fsynced, then
// renamed into place, so a crash or a full disk never leaves a half-written blob under its hash.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { open, rename, rm, stat, readdir, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { removeLeftovers } from './leftovers';
import { makePrivateDir, PRIVATE_FILE_MODE } from './private-files';

export interface StoredBlob {
  sha256: string;
  size: number;
  /** Absolute path of the blob inside the store. */
  path: string;
  /** True when the store already held these bytes (nothing was written). */
  existed: boolean;
}

/**
 * Rewrites the bytes of a source as they stream by (e.g. WeChat .dat XOR decoding).
 * `offset` is the position of `chunk` in the source; the result may have another length.
 */
export type ChunkTransform = (chunk: Buffer, offset: number) => Buffer;

export interface PutOptions {
  /** File extension for the blob name, without dot ("jpg"). Only a hint for people browsing the store. */
  ext?: string;
  transform?: ChunkTransform;
  signal?: AbortSignal;
  /** Sees every (transformed) chunk as it is stored, e.g. to keep the head for metadata parsing. */
  onChunk?: (chunk: Buffer) => void;
}

const TMP_DIR = '.tmp';
const READ_CHUNK = 1 << 20;

export function contentStoreDir(caseDir: string): string {
  return join(caseDir, 'store');
}

function shardDir(caseDir: string, sha256: string): string {
  return join(contentStoreDir(caseDir), sha256.slice(0, 2));
}

function cleanExt(ext: string | undefined): string {
  if (!ext) return '';
  const bare = ext.replace(/^\.+/, '').toLowerCase();
  return /^[a-z0-9]{1,8}$/.test(bare) ? `.${bare}` : '';
}

/** Where the blob with this hash is stored, or undefined when the store does not hold it. */
export function blobPath(caseDir: string, sha256: string): string | undefined {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return undefined;
  const dir = shardDir(caseDir, sha256);
  const bare = join(dir, sha256);
  if (existsSync(bare)) return bare;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return undefined;
  }
  // The extension is only a hint: find the blob whatever extension it was first stored with.
  const name = names.find((n) => n.startsWith(sha256) && n.charAt(64) === '.');
  return name ? join(dir, name) : undefined;
}

/** Streams `source` into the store: hashed and written to a temp file, fsynced, renamed by hash. */
export async function putStream(
  caseDir: string,
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  opts: PutOptions = {},
): Promise<StoredBlob> {
  const tmpDir = join(contentStoreDir(caseDir), TMP_DIR);
  await makePrivateDir(tmpDir);
  const tmpPath = join(tmpDir, `${process.pid}-${randomBytes(8).toString('hex')}.part`);
  const hash = createHash('sha256');
  let size = 0;
  let offset = 0;
  const handle = await open(tmpPath, 'wx', PRIVATE_FILE_MODE);
  try {
    for await (const raw of source) {
      opts.signal?.throwIfAborted();
      const input = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
      const chunk = opts.transform ? opts.transform(input, offset) : input;
      offset += input.length;
      if (chunk.length === 0) continue;
      hash.update(chunk);
      opts.onChunk?.(chunk);
      await writeAll(handle, chunk);
      size += chunk.length;
    }
    opts.signal?.throwIfAborted();
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(tmpPath, { force: true });
    throw err;
  }
  await handle.close();
  const sha256 = hash.digest('hex');
  return commitTemp(caseDir, tmpPath, sha256, size, cleanExt(opts.ext));
}

async function writeAll(handle: FileHandle, chunk: Buffer): Promise<void> {
  let written = 0;
  while (written < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, written, chunk.length - written);
    written += bytesWritten;
  }
}

async function commitTemp(caseDir: string, tmpPath: string, sha256: string, size: number, ext: string): Promise<StoredBlob> {
  const existing = blobPath(caseDir, sha256);
  if (existing) {
    await rm(tmpPath, { force: true });
    return { sha256, size, path: existing, existed: true };
  }
  const dir = shardDir(caseDir, sha256);
  await makePrivateDir(dir);
  const finalPath = join(dir, sha256 + ext);
  try {
    await rename(tmpPath, finalPath);
  } catch (err) {
    await rm(tmpPath, { force: true });
    throw err;
  }
  return { sha256, size, path: finalPath, existed: false };
}

/**
 * Bytes written to the store's temp folder under a hash the caller computed, not yet durable and
 * not yet under their hash: `commitTemps` does both, for many blobs at once.
 */
export interface TempBlob {
  sha256: string;
  size: number;
  ext: string;
  tmpPath: string;
  /** Kept open until the commit flushes it (fdatasync needs no second open). */
  handle: FileHandle;
}

/**
 * Writes bytes to a temp file in one write, without fsync: the caller has hashed them already and
 * checked with `blobPath` that the store does not hold them. Half of a two-phase store; the other
 * half is `commitTemps`, which is what makes the blob durable and visible.
 */
export async function writeTemp(caseDir: string, sha256: string, bytes: Uint8Array, ext?: string): Promise<TempBlob> {
  const tmpDir = join(contentStoreDir(caseDir), TMP_DIR);
  const tmpPath = join(tmpDir, `${process.pid}-${randomBytes(8).toString('hex')}.part`);
  let handle: FileHandle;
  try {
    handle = await open(tmpPath, 'wx', PRIVATE_FILE_MODE);
  } catch (err) {
    // The temp folder is made on first use only: one mkdir per import instead of one per file.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    await makePrivateDir(tmpDir);
    handle = await open(tmpPath, 'wx', PRIVATE_FILE_MODE);
  }
  try {
    await writeAll(handle, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(tmpPath, { force: true });
    throw err;
  }
  return { sha256, size: bytes.byteLength, ext: cleanExt(ext), tmpPath, handle };
}

/** Removes temp blobs that will not be committed (cancel, failed batch). */
export async function discardTemps(temps: TempBlob[]): Promise<void> {
  await Promise.all(
    temps.map(async (t) => {
      await t.handle.close().catch(() => undefined);
      await rm(t.tmpPath, { force: true });
    }),
  );
}

/** Fsyncs a folder so that renames into it survive a power cut (not possible on Windows: skipped). */
async function syncDir(dir: string): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(dir, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw err;
  } finally {
    await handle.close();
  }
}

/** Runs `work` over `items`, at most `lanes` at a time. */
async function inLanes<T>(items: T[], lanes: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
}

/**
 * Makes temp blobs durable and puts each under its hash, for a whole batch at once: every temp
 * file is fdatasynced first (so a blob is never visible under its hash with missing bytes), then
 * renamed, then the folders that received them are fsynced (so the renames survive a power cut).
 * Only when this resolves may an index record the blobs: an index row never points at a blob that
 * is not durable. One flush per batch instead of one per file lets the disk write the batch in one
 * go, and the flushes run two at a time so reads of other files keep threads of the I/O pool.
 * On failure every temp of the batch is removed; blobs already renamed stay (they are complete).
 */
export async function commitTemps(caseDir: string, temps: TempBlob[]): Promise<StoredBlob[]> {
  try {
    await inLanes(temps, 2, async (t) => {
      await t.handle.datasync();
      await t.handle.close();
    });
    const dirs = new Set<string>();
    const stored: StoredBlob[] = [];
    for (const t of temps) {
      const existing = blobPath(caseDir, t.sha256);
      if (existing) {
        await rm(t.tmpPath, { force: true });
        stored.push({ sha256: t.sha256, size: t.size, path: existing, existed: true });
        continue;
      }
      const dir = shardDir(caseDir, t.sha256);
      if (!existsSync(dir)) {
        await makePrivateDir(dir);
        dirs.add(contentStoreDir(caseDir));
      }
      const finalPath = join(dir, t.sha256 + t.ext);
      await rename(t.tmpPath, finalPath);
      dirs.add(dir);
      stored.push({ sha256: t.sha256, size: t.size, path: finalPath, existed: false });
    }
    await inLanes([...dirs], 2, syncDir);
    return stored;
  } catch (err) {
    await discardTemps(temps);
    throw err;
  }
}

/** Stores a file (optionally transformed while streaming). The source is only read. */
export async function putFile(
  caseDir: string,
  srcPath: string,
  transform?: ChunkTransform,
  opts: Omit<PutOptions, 'transform'> = {},
): Promise<StoredBlob> {
  const stream = createReadStream(srcPath, { highWaterMark: READ_CHUNK });
  try {
    return await putStream(caseDir, stream, { ...opts, transform });
  } finally {
    stream.destroy();
  }
}

/** Stores bytes held in memory. */
export async function putBuffer(caseDir: string, bytes: Uint8Array, ext?: string): Promise<StoredBlob> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return putStream(caseDir, [buf], { ext });
}

/** Re-hashes a stored blob; resolves to its actual SHA-256 (undefined when missing). */
export async function hashBlob(path: string, signal?: AbortSignal): Promise<string | undefined> {
  try {
    await stat(path);
  } catch {
    return undefined;
  }
  const hash = createHash('sha256');
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK });
  try {
    for await (const chunk of stream) {
      signal?.throwIfAborted();
      hash.update(chunk as Buffer);
    }
  } finally {
    stream.destroy();
  }
  return hash.digest('hex');
}

/**
 * Removes temp files left behind by a crash. Only files older than `minAgeMs` are removed, so a
 * write in progress in another part of the app is never disturbed.
 */
export async function cleanStaleTemps(caseDir: string, minAgeMs = 60 * 60 * 1000): Promise<number> {
  const tmpDir = join(contentStoreDir(caseDir), TMP_DIR);
  let names: string[];
  try {
    names = await readdir(tmpDir);
  } catch {
    return 0;
  }
  let removed = 0;
  const now = Date.now();
  for (const name of names) {
    const p = join(tmpDir, name);
    try {
      const s = await stat(p);
      if (now - s.mtimeMs >= minAgeMs) {
        await unlink(p);
        removed++;
      }
    } catch {
      // Vanished or not removable: not ours to worry about.
    }
  }
  return removed;
}

/** Writer of a store temp file: they are named "<pid>-<random>.part" (putStream, writeTemp). */
function tempWriter(name: string): number | undefined {
  const m = /^(\d+)-[0-9a-f]+\.part$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** Removes the store's temp files whose writing process is gone (killed mid-write): see leftovers.ts. */
export function removeLeftoverTemps(caseDir: string): number {
  return removeLeftovers(join(contentStoreDir(caseDir), TMP_DIR), tempWriter);
}

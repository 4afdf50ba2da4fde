// The import of one batch of folders/zips into a case's photo archive.
//
// Per file: (1) skip it if an earlier run finished it (same path, size, mtime); (2) read it (whole,
// in one read, for files on disk; streamed for zip entries and large videos) and decide from its
// first bytes what it is: a picture, a WeChat .dat to decode (XOR or V1), a V2 that needs a key, or
// not a picture; (3) decode and hash it, and write it to a store temp file only when the store does
// not hold those bytes yet; (4) hand it to the recorder, which makes a batch of temps durable at
// once and then records the batch (pictures, origins, "finished") in one SQLite transaction. A crash
// before (4) is done leaves an unreferenced temp or blob at worst, and the file is read again next time.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Readable } from 'node:stream';
import type { PhotoImportProgress, PhotoImportSummary, PhotoProblem } from '../../shared/types';
import { ZipLimitError } from '../platform/zip';
import { blobPath, cleanStaleTemps, putBuffer, putStream, writeTemp, type StoredBlob } from '../platform/content-store';
import { pictureDate, type FoundDate } from './dates';
import { detectFormat, type FormatInfo } from './detect';
import { placement, type Placement } from './layout';
import { photoIndex, type PhotoIndex, type ScanRow } from './photo-index';
import { DiskFullError, diskFullError, isDiskFull, PictureRecorder, rememberProblem, type ReadyPicture } from './record';
import { scanSources, splitSegments, type SourceFile } from './sources';
import { looksLikeSidecar, SidecarIndex } from './takeout';
import { hashHere, HashWorker, sharedBuffer } from './hash-worker';
import { ThumbnailMaker } from './thumbnails';
import { classifyDat, DatDecodeError, decodeV1, decodeV2, importDatKey, xorBytes, xorInPlace } from './wechat-dat';

export interface ImportOptions {
  signal?: AbortSignal;
  onProgress?: (p: PhotoImportProgress) => void;
  /** Make thumbnails while importing (default true). */
  thumbnails?: boolean;
  /** Files read at the same time (default 3: overlaps disk reads with hashing). */
  concurrency?: number;
  /** Least time between two progress reports (default 100 ms). */
  progressIntervalMs?: number;
  /**
   * Files under `dir` are known by `shownAs` + their path below it: browser uploads are copied into
   * a temporary folder, but their origin (and what placement and resumes see) is the name the user
   * uploaded, e.g. "FileStorage/MsgAttach/<md5>/Image/2019-09/x.dat".
   */
  originAliases?: { dir: string; shownAs: string }[];
  /**
   * The AES key of WeChat 4 V2 `.dat` pictures, when the user noted their account's key: 16
   * characters or 32 hex digits. Used to decode pictures only; never stored, logged or echoed.
   */
  wechatImageKey?: string;
}

/** Bytes kept from the start of each picture for EXIF (camera EXIF blocks are at most 64 KiB). */
const HEAD_KEEP = 256 * 1024;
const SNIFF = 64;
const MAX_V1_BYTES = 256 * 1024 * 1024;
const MAX_SIDECAR_BYTES = 1024 * 1024;
/**
 * Larger files (videos) are streamed: never more than this in memory per file being read. Camera
 * pictures (HEIC and JPEG, ~12 MB even at 50 MP) are read whole.
 */
const READ_WHOLE_MAX = 16 * 1024 * 1024;

/**
 * Read buffers handed from file to file: a new multi-megabyte buffer per file would keep the
 * garbage collector busy. Every block has the same size (READ_WHOLE_MAX + 1, so any file read
 * whole fits and a file that grew shows as a full block), so there are never more blocks than files
 * read at the same time (with blocks of each file's size, a small picture could take a video's
 * block and the next video needed one more: the pool grew with every such video).
 * Pages of a block are only resident once a file as large was read into it.
 */
class BufferPool {
  private readonly free: Buffer[] = [];

  /** A buffer of exactly `size` bytes (a view on a pooled block); `size` is at most READ_WHOLE_MAX + 1. */
  take(size: number): Buffer {
    // In shared memory: the hashing worker reads it where it is (see hash-worker.ts).
    const block = this.free.pop() ?? sharedBuffer(READ_WHOLE_MAX + 1);
    return block.subarray(0, size);
  }

  give(view: Buffer): void {
    this.free.push(Buffer.from(view.buffer, view.byteOffset, view.buffer.byteLength - view.byteOffset));
  }
}

/** Bytes of a large file on disk read at a time (videos): one piece of a pooled block, reused. */
const PIECE = 1 << 20;

/**
 * A large file on disk, piece by piece into `block`; each piece is a view valid until the next is
 * asked for (every consumer here hashes and writes a piece, or copies it, before asking). Streamed
 * with createReadStream, every 1 MiB piece was a new buffer, and V8 collects such garbage only once
 * ~64 MB of it piled up: with videos, a third of the import's peak RSS. Each piece is read full
 * (short reads are read on), so the first one always holds a file's head.
 */
async function* readPieces(path: string, block: Buffer): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  try {
    for (let position = 0; ; ) {
      let length = 0;
      while (length < block.length) {
        const { bytesRead } = await handle.read(block, length, block.length - length, position + length);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      if (length === 0) return;
      position += length;
      yield block.subarray(0, length);
      if (length < block.length) return;
    }
  } finally {
    await handle.close();
  }
}

/** Reads the first bytes of a stream, then hands out the whole stream (those bytes included). */
class PeekableStream {
  private readonly it: AsyncIterator<Buffer>;
  private buffered: Buffer[] = [];
  private bufferedLen = 0;

  /** `source`: a Readable, or pieces that may reuse their memory (each is used up before the next is read). */
  constructor(source: Readable | AsyncIterable<Buffer>) {
    this.it = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  async peek(n: number): Promise<Buffer> {
    while (this.bufferedLen < n) {
      const r = await this.it.next();
      if (r.done) break;
      this.buffered.push(r.value);
      this.bufferedLen += r.value.length;
    }
    // Usually the first 1 MiB chunk already holds the head: no copy.
    const first = this.buffered[0];
    if (first && first.length >= n) return first.subarray(0, n);
    return Buffer.concat(this.buffered).subarray(0, n);
  }

  async *all(): AsyncGenerator<Buffer> {
    const first = this.buffered;
    this.buffered = [];
    yield* first;
    for (;;) {
      const r = await this.it.next();
      if (r.done) return;
      yield r.value;
    }
  }

  async readAll(limit: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let len = 0;
    for await (const b of this.all()) {
      len += b.length;
      if (len > limit) throw new DatDecodeError(`file is larger than ${limit} bytes`);
      parts.push(Buffer.from(b)); // a copy: the source may read its next piece into the same memory
    }
    return Buffer.concat(parts);
  }

  /** Stops reading (a Readable is destroyed, a file of pieces closed); resolves once nothing reads into its memory. */
  async destroy(): Promise<void> {
    await this.it.return?.().catch(() => undefined);
  }
}

/** Everything one import run counts and remembers. */
export class ImportRun {
  readonly summary: PhotoImportSummary = {
    new: 0,
    duplicates: 0,
    unchanged: 0,
    decoded: 0,
    couldNotDecode: [],
    needsKey: { count: 0, paths: [] },
    skipped: 0,
    sidecars: 0,
    unreadable: [],
    thumbnails: { made: 0, failed: 0 },
    bytesRead: 0,
    elapsedMs: 0,
    cancelled: false,
  };
  readonly sidecars = new SidecarIndex();
  readonly sidecarPaths = new Set<string>();
  readonly thumbnailJobs: Promise<void>[] = [];
  readonly recorder: PictureRecorder = new PictureRecorder(this);
  readonly buffers = new BufferPool();
  /** WeChat 4 V1 tail XOR byte learnt from an earlier file, for files whose trailer cannot tell. */
  v1XorKey: number | undefined;
  /** The AES key of WeChat 4 V2 pictures, when the user gave one (never stored, never logged). */
  datKey: Buffer | undefined;
  /** V2's tail XOR byte learnt from an earlier file, as for V1. */
  v2XorKey: number | undefined;
  filesScanned = 0;
  bytesDone = 0;
  readonly started = Date.now();

  constructor(
    readonly caseDir: string,
    readonly index: PhotoIndex,
    readonly signal: AbortSignal | undefined,
    readonly thumbs: ThumbnailMaker | undefined,
    /**
     * Hashes whole files on a worker thread: given (and closed) by runImport, which reads many;
     * a single chat picture is hashed here rather than start a thread for it.
     */
    readonly hasher?: HashWorker,
  ) {}
}

function errorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied';
  if (e?.code === 'ENOENT') return 'file vanished while importing';
  return e?.message ?? String(err);
}

function hex(b: Uint8Array): string {
  return Buffer.from(b.subarray(0, 8)).toString('hex').replace(/(..)/g, '$1 ').trim();
}

/** True when an earlier run finished this file and it has not changed since. */
function isFinished(row: ScanRow | undefined, size: number, mtimeMs: number): row is ScanRow {
  return row !== undefined && row.size === size && row.mtime_ms === mtimeMs;
}

/** Replays what an earlier run found for an unchanged file; true when there is nothing to read. */
function resumeFromScan(run: ImportRun, f: SourceFile): boolean {
  const row = run.index.scanned(f.originPath);
  if (!isFinished(row, f.size, f.mtimeMs)) return false;
  switch (row.outcome) {
    case 'stored':
      if (!row.sha256 || !run.index.hasPhoto(row.sha256)) return false;
      run.summary.unchanged++;
      return true;
    case 'superseded':
      run.summary.unchanged++;
      return true;
    case 'skipped':
      run.summary.skipped++;
      return true;
    case 'sidecar':
      return false; // sidecars are re-read in the sidecar pass; nothing else to do
    case 'undecodable':
      if (run.datKey) return false; // perhaps a V2 picture tried with another key: try this one
      run.summary.couldNotDecode.push({ path: f.originPath, message: row.message ?? 'could not decode' });
      return true;
    case 'needs-key':
      if (run.datKey) return false; // a key was given this time: read it again
      run.summary.needsKey.count++;
      run.summary.needsKey.paths.push(f.originPath);
      return true;
  }
}

function recordScan(run: ImportRun, f: SourceFile, outcome: 'skipped' | 'undecodable' | 'needs-key' | 'superseded', message?: string): void {
  run.index.setScanned({ path: f.originPath, size: f.size, mtime_ms: f.mtimeMs, outcome, sha256: null, message: message ?? null });
}

type Decision =
  | { what: 'store'; format: FormatInfo; xorKey?: number; decoded: boolean }
  | { what: 'v1' }
  | { what: 'v2' }
  | { what: 'needs-key' }
  | { what: 'undecodable'; message: string }
  | { what: 'skip' };

function decide(head: Buffer, f: SourceFile, pl: Placement, hasV2Key: boolean): Decision {
  if (head.length === 0) return { what: 'skip' };
  const plain = detectFormat(head);
  if (plain) return { what: 'store', format: plain, decoded: false };
  // XOR detection only where WeChat writes .dat files: on arbitrary documents a 3-byte match can be luck.
  const datCandidate = /\.dat$/i.test(f.name) || (pl.wechat && !/\.[a-z0-9]{1,5}$/i.test(f.name));
  if (!datCandidate) return { what: 'skip' };
  const dat = classifyDat(head);
  switch (dat.kind) {
    case 'plain':
      return { what: 'store', format: dat.format, decoded: false };
    case 'xor':
      return { what: 'store', format: dat.format, xorKey: dat.key, decoded: true };
    case 'v1':
      return { what: 'v1' };
    case 'v2':
      return hasV2Key ? { what: 'v2' } : { what: 'needs-key' };
    case 'unknown':
      if (/\.dat$/i.test(f.name)) return { what: 'undecodable', message: `no known picture format found (first bytes ${hex(head)})` };
      return { what: 'skip' };
  }
}

/** A WeChat 4 V1 or V2 file decoded whole, the tail's XOR byte remembered for the account's next files. */
function decodeVersioned(run: ImportRun, version: 'v1' | 'v2', bytes: Uint8Array): ReturnType<typeof decodeV1> {
  if (version === 'v1') {
    const decoded = decodeV1(bytes, run.v1XorKey);
    if (decoded.xorKey !== undefined) run.v1XorKey = decoded.xorKey;
    return decoded;
  }
  const decoded = decodeV2(bytes, run.datKey!, run.v2XorKey);
  if (decoded.xorKey !== undefined) run.v2XorKey = decoded.xorKey;
  return decoded;
}

/** Counts a file that is not stored; false when there is nothing to store. */
function settleDecision(run: ImportRun, f: SourceFile, decision: Decision): decision is Extract<Decision, { what: 'store' } | { what: 'v1' } | { what: 'v2' }> {
  if (decision.what === 'skip') {
    recordScan(run, f, 'skipped');
    run.summary.skipped++;
    return false;
  }
  if (decision.what === 'needs-key') {
    recordScan(run, f, 'needs-key');
    run.summary.needsKey.count++;
    run.summary.needsKey.paths.push(f.originPath);
    return false;
  }
  if (decision.what === 'undecodable') {
    recordScan(run, f, 'undecodable', decision.message);
    rememberProblem(run.summary.couldNotDecode, f.originPath, decision.message);
    return false;
  }
  return true;
}

/** A file that could not be stored: counted, and only a full disk or a cancel stops the run. */
function fileFailed(run: ImportRun, f: SourceFile, err: unknown): null {
  if (run.signal?.aborted) throw err;
  if (err instanceof DiskFullError) throw err;
  if (isDiskFull(err)) throw diskFullError(f.originPath);
  if (err instanceof DatDecodeError) {
    recordScan(run, f, 'undecodable', err.message);
    rememberProblem(run.summary.couldNotDecode, f.originPath, err.message);
    return null;
  }
  rememberProblem(run.summary.unreadable, f.originPath, errorText(err));
  return null;
}

/**
 * Imports one file; problems are counted in the run, only a full disk or a cancel escapes.
 * Resolves once the picture is handed to the run's recorder: it is in the index after `finish()`.
 */
export async function importFile(run: ImportRun, f: SourceFile, override?: Partial<Placement> & { originPath?: string }): Promise<string | null> {
  if (resumeFromScan(run, f)) return run.index.scanned(f.originPath)?.sha256 ?? null;
  const pl = { ...placement(f.dirSegments, f.name), ...override };
  if (pl.thumbnail && pl.pictureKey && run.index.fullPictureFor(pl.pictureKey)) {
    // Only WeChat's preview of a picture the archive already holds in full.
    recordScan(run, f, 'superseded');
    run.summary.duplicates++;
    return null;
  }
  if (f.fsPath && f.size <= READ_WHOLE_MAX) {
    const done = await importWhole(run, f, pl);
    if (done !== 'too-big') return done;
  }
  return importStreamed(run, f, pl);
}

/**
 * Files on disk up to READ_WHOLE_MAX: one read into a reused buffer, decoded in place, hashed,
 * and only then written to the store, in one write, if the store does not hold them yet (a
 * duplicate costs a read and a hash, nothing else). Nothing is fsynced here: the recorder makes a
 * whole batch durable before recording it.
 */
async function importWhole(run: ImportRun, f: SourceFile, pl: Placement): Promise<string | null | 'too-big'> {
  const buffer = run.buffers.take(f.size + 1);
  try {
    const length = await readWhole(f.fsPath!, buffer);
    // The file grew since it was listed: stream it instead.
    if (length === buffer.length) return 'too-big';
    if (length !== f.size) f.size = -1; // changed while listed: what is stored is consistent, the next run reads it again
    let bytes = buffer.subarray(0, length);
    const decision = decide(bytes.subarray(0, SNIFF), f, pl, run.datKey !== undefined);
    if (!settleDecision(run, f, decision)) return null;
    let format: FormatInfo;
    if (decision.what === 'v1' || decision.what === 'v2') {
      const decoded = decodeVersioned(run, decision.what, bytes);
      bytes = decoded.bytes;
      format = decoded.format;
    } else {
      if (decision.xorKey !== undefined) xorInPlace(bytes, decision.xorKey);
      format = decision.format;
    }
    run.signal?.throwIfAborted();
    // The date is read while the worker hashes: both only read the bytes. The worker reads the
    // pooled buffer until its answer, so even a failed date waits for it before the buffer goes back.
    const hashing = run.hasher?.hash(bytes);
    let found: FoundDate;
    try {
      found = await dateOf(run, f, bytes.subarray(0, HEAD_KEEP));
    } finally {
      await hashing;
    }
    const sha256 = hashing ? await hashing : hashHere(bytes);
    const known = run.recorder.isPending(sha256) || blobPath(run.caseDir, sha256) !== undefined;
    const temp = known ? undefined : await writeTemp(run.caseDir, sha256, bytes, format.ext);
    await handOver(run, f, { f, pl, format, found, sha256, size: bytes.length, temp }, decision.what !== 'store' || decision.decoded);
    return sha256;
  } catch (err) {
    return fileFailed(run, f, err);
  } finally {
    run.buffers.give(buffer);
  }
}

/** Reads a file into `buffer` from its start; resolves to the length read (buffer full: maybe more). */
async function readWhole(path: string, buffer: Buffer): Promise<number> {
  const handle = await open(path, 'r');
  try {
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return length;
  } finally {
    await handle.close();
  }
}

/** Zip entries and large files (videos): streamed into the store, durable before they are handed over. */
async function importStreamed(run: ImportRun, f: SourceFile, pl: Placement): Promise<string | null> {
  let stream: PeekableStream;
  const block = f.fsPath ? run.buffers.take(PIECE) : undefined;
  try {
    stream = new PeekableStream(block ? readPieces(f.fsPath!, block) : await f.open());
  } catch (err) {
    if (block) run.buffers.give(block);
    // A zip entry refused as a zip bomb keeps its code, so the UI can say why in Chinese.
    const coded = err instanceof ZipLimitError ? { code: err.code, params: err.params } : undefined;
    rememberProblem(run.summary.unreadable, f.originPath, errorText(err), coded);
    return null;
  }
  try {
    const decision = decide(await stream.peek(SNIFF), f, pl, run.datKey !== undefined);
    if (!settleDecision(run, f, decision)) return null;
    const { blob, format, headBytes } = await storeDecision(run, stream, decision, f);
    const found = await dateOf(run, f, headBytes);
    await handOver(run, f, { f, pl, format, found, sha256: blob.sha256, size: blob.size }, decision.what !== 'store' || decision.decoded);
    return blob.sha256;
  } catch (err) {
    return fileFailed(run, f, err);
  } finally {
    await stream.destroy();
    if (block) run.buffers.give(block);
  }
}

function dateOf(run: ImportRun, f: SourceFile, head: Buffer): Promise<FoundDate> {
  return pictureDate({
    head,
    sidecarDate: run.sidecars.lookup(f.relDir, f.name),
    name: f.name,
    dirSegments: f.dirSegments,
    mtimeMs: f.mtimeMs,
  });
}

async function handOver(run: ImportRun, f: SourceFile, picture: ReadyPicture, decoded: boolean): Promise<void> {
  run.summary.bytesRead += f.size;
  if (decoded) run.summary.decoded++;
  await run.recorder.add(picture);
}

async function storeDecision(
  run: ImportRun,
  stream: PeekableStream,
  decision: Extract<Decision, { what: 'store' } | { what: 'v1' } | { what: 'v2' }>,
  f: SourceFile,
): Promise<{ blob: StoredBlob; format: FormatInfo; headBytes: Buffer }> {
  if (decision.what === 'v1' || decision.what === 'v2') {
    const decoded = decodeVersioned(run, decision.what, await stream.readAll(MAX_V1_BYTES));
    run.signal?.throwIfAborted();
    const blob = await putBuffer(run.caseDir, decoded.bytes, decoded.format.ext);
    return { blob, format: decoded.format, headBytes: decoded.bytes.subarray(0, HEAD_KEEP) };
  }
  const headParts: Buffer[] = [];
  let headLen = 0;
  const key = decision.xorKey;
  const blob = await putStream(run.caseDir, stream.all(), {
    ext: decision.format.ext,
    signal: run.signal,
    transform: key === undefined ? undefined : (chunk) => xorBytes(chunk, key),
    onChunk: (chunk) => {
      if (headLen >= HEAD_KEEP) return;
      const part = chunk.subarray(0, HEAD_KEEP - headLen);
      headParts.push(Buffer.from(part));
      headLen += part.length;
    },
  });
  if (blob.size !== f.size && !f.inZip && key === undefined) {
    // The file changed while it was read: what is stored is consistent, the next run reads it again.
    f.size = -1;
  }
  return { blob, format: decision.format, headBytes: Buffer.concat(headParts) };
}


/** Reads every Takeout sidecar first: a picture's sidecar may come later, or in another zip part. */
async function readSidecars(run: ImportRun, files: SourceFile[]): Promise<void> {
  for (const f of files) {
    if (!looksLikeSidecar(f.name) || f.size > MAX_SIDECAR_BYTES) continue;
    run.signal?.throwIfAborted();
    try {
      const stream = new PeekableStream(await f.open());
      let json: unknown;
      try {
        json = JSON.parse((await stream.readAll(MAX_SIDECAR_BYTES)).toString('utf8'));
      } finally {
        await stream.destroy();
      }
      if (run.sidecars.add(f.relDir, f.name, json)) run.sidecarPaths.add(f.originPath);
    } catch {
      // Not JSON, or not readable: the main pass reports it like any other file.
    }
  }
  run.summary.sidecars = run.sidecarPaths.size;
}

function progressOf(run: ImportRun, phase: PhotoImportProgress['phase'], total: { files: number; bytes: number }, current?: string): PhotoImportProgress {
  const seconds = (Date.now() - run.started) / 1000;
  const rate = seconds > 0 ? run.summary.bytesRead / seconds : 0;
  return {
    phase,
    filesTotal: total.files,
    filesScanned: run.filesScanned,
    bytesTotal: total.bytes,
    bytesDone: run.bytesDone,
    picturesDecoded: run.summary.decoded,
    // Pictures written and waiting for their batch to be recorded count already: they are complete.
    newPictures: run.summary.new + run.recorder.pendingNew,
    duplicates: run.summary.duplicates,
    // The time left is estimated where every job's is (electron/api/eta.ts).
    bytesPerSecond: Math.round(rate),
    ...(current ? { currentPath: current } : {}),
    thumbnailsDone: run.summary.thumbnails.made + run.summary.thumbnails.failed,
    thumbnailsTotal: run.thumbnailJobs.length,
  };
}


function aliasOf(path: string, aliases: { dir: string; shownAs: string }[]): { rest: string; alias: { dir: string; shownAs: string } } | undefined {
  for (const alias of aliases) {
    const dir = alias.dir.replace(/[\\/]+$/, '');
    if (path.startsWith(dir) && /^[\\/]/.test(path.slice(dir.length))) return { rest: path.slice(dir.length + 1), alias };
  }
  return undefined;
}

function shownPath(shownAs: string, rest: string): string {
  // Only the part before a zip's "!/" is a file system path; entry names are kept as they are.
  const bang = rest.indexOf('!/');
  const fsPart = (bang >= 0 ? rest.slice(0, bang) : rest).replace(/\\/g, '/');
  const joined = shownAs ? `${shownAs.replace(/[\\/]+$/, '')}/${fsPart}` : fsPart;
  return bang >= 0 ? joined + rest.slice(bang) : joined;
}

function applyOriginAliases(files: SourceFile[], unreadable: PhotoProblem[], aliases: { dir: string; shownAs: string }[]): void {
  for (const f of files) {
    const hit = aliasOf(f.originPath, aliases);
    if (!hit) continue;
    f.originPath = shownPath(hit.alias.shownAs, hit.rest);
    f.dirSegments = [...splitSegments(hit.alias.shownAs), ...f.dirSegments.slice(splitSegments(hit.alias.dir).length)];
  }
  for (const problem of unreadable) {
    const hit = aliasOf(problem.path, aliases);
    if (hit) problem.path = shownPath(hit.alias.shownAs, hit.rest);
  }
}

export async function runImport(caseDir: string, paths: string[], opts: ImportOptions = {}): Promise<PhotoImportSummary> {
  const datKey = importDatKey(opts.wechatImageKey); // a key that is not one is refused before anything is read
  const thumbs = opts.thumbnails === false ? undefined : new ThumbnailMaker(caseDir);
  const run = new ImportRun(caseDir, photoIndex(caseDir), opts.signal, thumbs, new HashWorker());
  run.datKey = datKey;
  let lastEmit = 0;
  let total = { files: 0, bytes: 0 };
  const emit = (phase: PhotoImportProgress['phase'], current?: string, force = false) => {
    if (!opts.onProgress) return;
    const now = Date.now();
    if (!force && now - lastEmit < (opts.progressIntervalMs ?? 100)) return;
    lastEmit = now;
    opts.onProgress(progressOf(run, phase, total, current));
  };
  let closeSources = () => {};
  try {
    await cleanStaleTemps(caseDir);
    emit('scanning', undefined, true);
    const scan = await scanSources(paths, {
      signal: opts.signal,
      diskDir: caseDir,
      finished: (path, size, mtimeMs) => isFinished(run.index.scanned(path), size, mtimeMs),
    });
    closeSources = scan.close;
    if (opts.originAliases?.length) applyOriginAliases(scan.files, scan.unreadable, opts.originAliases);
    run.summary.unreadable.push(...scan.unreadable);
    total = { files: scan.files.length, bytes: scan.files.reduce((n, f) => n + f.size, 0) };
    await readSidecars(run, scan.files);
    const queue = scan.files.filter((f) => !run.sidecarPaths.has(f.originPath));
    for (const f of scan.files) {
      if (run.sidecarPaths.has(f.originPath)) {
        run.filesScanned++;
        run.bytesDone += f.size;
      }
    }
    let next = 0;
    const worker = async () => {
      while (next < queue.length) {
        opts.signal?.throwIfAborted();
        if (run.recorder.failure) throw run.recorder.failure;
        const f = queue[next++]!;
        await importFile(run, f);
        run.filesScanned++;
        run.bytesDone += Math.max(0, f.size);
        emit('importing', f.originPath);
      }
    };
    // Every file being read stops before the recorder's last batch is recorded (also after a cancel
    // or a full disk: what was read completely is kept), then the first reason to stop counts.
    const lanes = await Promise.allSettled(Array.from({ length: Math.max(1, opts.concurrency ?? 3) }, worker));
    await run.recorder.finish();
    const stop = lanes.find((l) => l.status === 'rejected');
    if (stop) throw stop.reason;
    if (run.recorder.failure) throw run.recorder.failure;
    emit('thumbnails', undefined, true);
    await waitForThumbnails(run, () => emit('thumbnails'));
  } catch (err) {
    if (opts.signal?.aborted) run.summary.cancelled = true;
    else if (err instanceof DiskFullError) run.summary.stoppedBecause = err.message;
    else throw err;
    // Pictures already recorded keep their thumbnails when those finish quickly; others are made later.
    await Promise.race([Promise.allSettled(run.thumbnailJobs), new Promise((r) => setTimeout(r, 2000))]);
  } finally {
    closeSources();
    await run.hasher?.close();
    await thumbs?.close();
  }
  run.summary.elapsedMs = Date.now() - run.started;
  emit('done', undefined, true);
  return run.summary;
}

async function waitForThumbnails(run: ImportRun, tick: () => void): Promise<void> {
  let done = 0;
  while (done < run.thumbnailJobs.length) {
    run.signal?.throwIfAborted();
    await run.thumbnailJobs[done++];
    tick();
  }
}

/** Stores one picture the message archive found in a chat (its .dat decoded too). */
export async function importChatPicture(caseDir: string, filePath: string, origin: { chat: string; path: string }, datKey?: Buffer): Promise<{ sha256: string } | null> {
  let st;
  try {
    st = await stat(filePath);
  } catch {
    return null;
  }
  if (!st.isFile()) return null;
  const run = new ImportRun(caseDir, photoIndex(caseDir), undefined, undefined);
  run.datKey = datKey;
  const file: SourceFile = {
    originPath: origin.path,
    name: basename(filePath),
    relDir: '',
    dirSegments: splitSegments(dirname(filePath)),
    size: st.size,
    mtimeMs: st.mtimeMs,
    inZip: false,
    fsPath: filePath,
    open: async () => createReadStream(filePath, { highWaterMark: 1 << 20 }),
  };
  let sha: string | null;
  try {
    sha = await importFile(run, file, { kind: 'chat', chat: origin.chat, wechat: true });
  } finally {
    await run.recorder.finish();
  }
  if (run.recorder.failure) throw run.recorder.failure;
  if (run.summary.unreadable.length && !sha) return null;
  return sha ? { sha256: sha } : null;
}


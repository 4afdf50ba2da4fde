// Recording stored pictures in the index, a batch at a time ("group commit").
//
// Files being imported hand over pictures whose bytes are either already durable in the store
// (found there, or streamed in by putStream) or only written to a temp file. One batch at a time,
// the temps are made durable together (commitTemps: fdatasync, rename, folder fsync) and only then
// is the whole batch recorded in one SQLite transaction: an index row never points at a blob that
// is not durable, and a crash before the transaction just means the files are read again next run.
// While a batch is flushed the files keep being read into the next one, so the disk flush overlaps
// reading and hashing instead of stalling every file.
import { rm } from 'node:fs/promises';
import type { PhotoImportSummary, PhotoOrigin, PhotoProblem } from '../../shared/types';
import { blobPath, commitTemps, discardTemps, type StoredBlob, type TempBlob } from '../platform/content-store';
import type { FoundDate } from './dates';
import type { FormatInfo } from './detect';
import type { Placement } from './layout';
import type { PhotoIndex } from './photo-index';
import type { SourceFile } from './sources';
import { thumbnailFile, type ThumbnailMaker } from './thumbnails';

export class DiskFullError extends Error {}

export const NON_THUMBNAIL_TYPES = new Set(['mp4', 'mov', 'wxgf']);

/** A batch is flushed as soon as the previous one is done; files wait when one grows past this. */
const MAX_BATCH_FILES = 64;
const MAX_BATCH_BYTES = 256 * 1024 * 1024;

/** What the recorder needs of an import run. */
export interface RecordTarget {
  readonly caseDir: string;
  readonly index: PhotoIndex;
  readonly summary: PhotoImportSummary;
  readonly thumbs: ThumbnailMaker | undefined;
  readonly thumbnailJobs: Promise<void>[];
}

/** A picture read, hashed and dated, ready to be recorded. */
export interface ReadyPicture {
  f: SourceFile;
  pl: Placement;
  format: FormatInfo;
  found: FoundDate;
  sha256: string;
  size: number;
  /** Written by this file to a temp blob: committed with its batch. */
  temp?: TempBlob;
}

export function isDiskFull(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

export function diskFullError(path: string): DiskFullError {
  return new DiskFullError(`The disk is full: could not store ${path}. Free some space and import again; pictures already imported are kept.`);
}

export class PictureRecorder {
  private batch: ReadyPicture[] = [];
  private batchBytes = 0;
  /** Hashes with a temp blob in the open batch or the one being flushed: written once. */
  private readonly pendingHashes = new Map<string, number>();
  private flushing: Promise<void> | undefined;
  /** Set when a flush found the disk full: the run stops. */
  failure: DiskFullError | undefined;

  constructor(private readonly run: RecordTarget) {}

  /** Pictures written to temps and not recorded yet: new ones, as far as progress reports go. */
  get pendingNew(): number {
    let n = 0;
    for (const count of this.pendingHashes.values()) n += count;
    return n;
  }

  /** True when the bytes with this hash are already on their way into the store. */
  isPending(sha256: string): boolean {
    return this.pendingHashes.has(sha256);
  }

  /** Hands a picture over; resolves at once unless the open batch is full (then when there is room). */
  async add(p: ReadyPicture): Promise<void> {
    this.batch.push(p);
    if (p.temp) {
      this.batchBytes += p.temp.size;
      this.pendingHashes.set(p.sha256, (this.pendingHashes.get(p.sha256) ?? 0) + 1);
    }
    this.kick();
    while (this.flushing && (this.batch.length >= MAX_BATCH_FILES || this.batchBytes >= MAX_BATCH_BYTES)) await this.flushing;
  }

  /** Records everything handed over so far (or removes its temps when a flush fails). */
  async finish(): Promise<void> {
    while (this.flushing || this.batch.length) {
      this.kick();
      await this.flushing;
    }
  }

  private kick(): void {
    if (this.flushing || this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    this.flushing = this.flush(batch).then(() => {
      this.flushing = undefined;
      this.kick();
    });
  }

  private async flush(batch: ReadyPicture[]): Promise<void> {
    const temps = batch.flatMap((p) => (p.temp ? [p.temp] : []));
    if (this.failure) {
      // The disk filled up in an earlier batch: the run stops, these are read again next time.
      await discardTemps(temps);
      this.release(temps);
      return;
    }
    try {
      if (temps.length) await commitTemps(this.run.caseDir, temps); // removes its temps on failure
    } catch (err) {
      this.release(temps);
      if (isDiskFull(err)) this.failure = diskFullError(batch[0]!.f.originPath);
      else for (const p of batch) rememberProblem(this.run.summary.unreadable, p.f.originPath, `could not store: ${(err as Error)?.message ?? String(err)}`);
      return;
    }
    await this.record(batch);
    this.release(temps);
  }

  private release(temps: TempBlob[]): void {
    for (const t of temps) {
      const left = (this.pendingHashes.get(t.sha256) ?? 1) - 1;
      if (left > 0) this.pendingHashes.set(t.sha256, left);
      else this.pendingHashes.delete(t.sha256);
    }
  }

  /** One transaction for the whole batch, then the follow-ups (thumbnails, counts). */
  private async record(batch: ReadyPicture[]): Promise<void> {
    const { index, summary } = this.run;
    const outcomes = index.transaction(() => batch.map((p) => recordOne(this.run, p)));
    for (const [i, outcome] of outcomes.entries()) {
      const p = batch[i]!;
      if (outcome.missing) {
        rememberProblem(summary.unreadable, p.f.originPath, 'could not store: the stored copy is missing');
        continue;
      }
      if (outcome.superseded) {
        summary.duplicates++;
        continue;
      }
      for (const sha of outcome.dropped) await rm(thumbnailFile(this.run.caseDir, sha), { force: true });
      if (outcome.isNew) {
        summary.new++;
        const blob: StoredBlob = { sha256: p.sha256, size: p.size, path: outcome.path!, existed: false };
        if (this.run.thumbs && !NON_THUMBNAIL_TYPES.has(p.format.type)) this.run.thumbnailJobs.push(makeThumbnail(this.run, blob));
      } else {
        summary.duplicates++;
      }
    }
  }
}

interface Outcome {
  isNew: boolean;
  dropped: string[];
  superseded: boolean;
  missing?: boolean;
  path?: string;
}

function recordOne(run: RecordTarget, p: ReadyPicture): Outcome {
  const { f, pl, format, found } = p;
  const { index } = run;
  // Checked again here: the full picture may have been recorded while this preview was read.
  if (pl.thumbnail && pl.pictureKey && index.fullPictureFor(pl.pictureKey)) {
    index.setScanned({ path: f.originPath, size: f.size, mtime_ms: f.mtimeMs, outcome: 'superseded', sha256: null, message: null });
    return { isNew: false, dropped: [], superseded: true };
  }
  // A picture that shared the blob of another file whose batch failed: nothing to point at.
  const path = blobPath(run.caseDir, p.sha256);
  if (!path) return { isNew: false, dropped: [], superseded: false, missing: true };
  const origin: PhotoOrigin = {
    path: f.originPath,
    kind: pl.kind,
    ...(pl.chat ? { chat: pl.chat } : {}),
    name: f.name,
    mtime: new Date(f.mtimeMs).toISOString(),
  };
  const isNew = index.insertPhoto({
    sha256: p.sha256,
    type: format.type,
    mime: format.mime,
    size: p.size,
    date: found.date,
    dateSource: found.source,
    thumbnailOnly: pl.thumbnail,
    pictureKey: pl.pictureKey,
  });
  if (!isNew) index.improveDate(p.sha256, found.date, found.source);
  index.addOrigin(p.sha256, origin);
  const dropped = !pl.thumbnail && pl.pictureKey ? index.dropThumbnailsFor(pl.pictureKey) : [];
  index.setScanned({ path: f.originPath, size: f.size, mtime_ms: f.mtimeMs, outcome: 'stored', sha256: p.sha256, message: null });
  return { isNew, dropped, superseded: false, path };
}

async function makeThumbnail(run: RecordTarget, blob: StoredBlob): Promise<void> {
  const r = await run.thumbs!.make(blob.path, blob.sha256);
  if (!r.ok && r.stopped) return; // the import stopped first: made later (buildThumbnails, or when shown)
  if (r.ok) {
    run.summary.thumbnails.made++;
    run.index.setThumbnail(blob.sha256, 'ok', r.width, r.height);
  } else {
    run.summary.thumbnails.failed++;
    run.index.setThumbnail(blob.sha256, 'failed');
  }
}

export function rememberProblem(list: PhotoProblem[], path: string, message: string, coded?: Pick<PhotoProblem, 'code' | 'params'>): void {
  list.push({ path, message, ...coded });
}

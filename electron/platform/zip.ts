// The one zip reader of the app (chat exports with media, photo backups, Google Takeout parts).
//
// A zip is opened with yauzl and its central directory listed; entries are only ever streamed,
// one chunk at a time, never inflated into memory whole and never extracted to a path (so "../"
// or absolute entry names cannot write anywhere; they are flagged `unsafe` for callers that care).
//
// Hostile zips are refused before anything is inflated, from the sizes the zip declares. yauzl checks
// while streaming that an entry inflates to exactly its declared size and reads only its declared
// compressed bytes, so the declared figures bound what an entry can cost:
//   - an entry that expands more than ENTRY_RATIO times its compressed size (above ENTRY_RATIO_FROM
//     bytes) is a zip bomb: that entry is refused, naming the zip and the entry;
//   - all entries together expanding more than ARCHIVE_RATIO times the zip's size (above
//     ARCHIVE_RATIO_FROM bytes) catch bombs made of many small entries, or of entries sharing the same
//     compressed bytes: the whole zip is refused;
//   - more than MAX_ENTRIES entries are refused before any is listed (their listing alone would fill memory);
//   - what a caller is about to inflate (`checkExpansion`) must fit an absolute cap and the free
//     space of the disk it ends up on, leaving KEEP_FREE bytes free.
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import yauzl from 'yauzl';

export const ZIP_LIMITS = {
  entryRatio: 100,
  entryRatioFrom: 8 * 1024 * 1024,
  archiveRatio: 100,
  archiveRatioFrom: 64 * 1024 * 1024,
  maxEntries: 1_000_000,
  maxExpanded: 200 * 1024 ** 3,
  keepFree: 64 * 1024 * 1024,
};

export type ZipLimitCode = 'zip-bomb-entry' | 'zip-bomb' | 'zip-too-many-entries' | 'zip-too-large' | 'zip-no-space';

/** A zip (or one of its entries) this reader refuses to inflate; `code` and `params` are for the UI's words. */
export class ZipLimitError extends Error {
  constructor(
    message: string,
    readonly code: ZipLimitCode,
    readonly params: Record<string, string | number>,
  ) {
    super(message);
    this.name = 'ZipLimitError';
  }
}

export interface ZipEntry {
  /** Path inside the zip as written (decoded: UTF-8 when flagged or valid, else GBK as Chinese Windows writes). */
  name: string;
  /** Leaves the archive ("../", absolute, drive letter): callers that map names to paths must ignore it. */
  unsafe: boolean;
  /** Declared (and, while streaming, enforced) uncompressed size. */
  size: number;
  compressedSize: number;
  mtimeMs: number;
  encrypted: boolean;
  readonly raw: yauzl.Entry;
}

const MB = 1024 * 1024;

/** "3.5 MB", "1.2 GB": sizes in messages (the same in Chinese). */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

export function isUnsafeEntryName(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  return n.startsWith('/') || /^[A-Za-z]:/.test(n) || n.split('/').includes('..');
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

function decodeName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer | string;
  if (typeof raw === 'string') return raw;
  if (entry.generalPurposeBitFlag & 0x800) return raw.toString('utf8');
  try {
    return utf8Strict.decode(raw);
  } catch {
    return iconv.decode(raw, 'gb18030');
  }
}

/** The entry's ratio check: a ZipLimitError when it would inflate like a zip bomb. */
function bombEntry(zipPath: string, entry: ZipEntry): ZipLimitError | undefined {
  if (entry.size <= ZIP_LIMITS.entryRatioFrom) return undefined;
  const ratio = entry.size / Math.max(1, entry.compressedSize);
  if (ratio <= ZIP_LIMITS.entryRatio) return undefined;
  const params = { zip: zipPath, entry: entry.name, size: formatSize(entry.size), compressed: formatSize(entry.compressedSize), ratio: Math.round(ratio) };
  return new ZipLimitError(
    `"${entry.name}" in ${zipPath} would expand from ${params.compressed} to ${params.size} (${params.ratio} times): refused as a zip bomb, nothing of it was read`,
    'zip-bomb-entry',
    params,
  );
}

export class ZipArchive {
  private constructor(
    readonly path: string,
    private readonly zip: yauzl.ZipFile,
    /** File entries (folders left out), in the zip's order. */
    readonly entries: ZipEntry[],
  ) {}

  /** Opens a zip and lists its entries; rejects with a ZipLimitError for a zip bomb, an Error for a damaged zip. */
  static open(path: string): Promise<ZipArchive> {
    return new Promise((resolve, reject) => {
      // decodeStrings:false: names are decoded here (GBK zips from Chinese Windows), and yauzl does not
      // reject the whole archive for one "../" entry.
      yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (err, zip) => {
        if (err || !zip) return reject(err ?? new Error('cannot open zip'));
        const fail = (e: Error): void => {
          zip.close();
          reject(e);
        };
        if (zip.entryCount > ZIP_LIMITS.maxEntries) {
          return fail(
            new ZipLimitError(`${path} holds ${zip.entryCount} entries, more than ${ZIP_LIMITS.maxEntries} this app reads from one zip: refused`, 'zip-too-many-entries', {
              zip: path,
              count: zip.entryCount,
              max: ZIP_LIMITS.maxEntries,
            }),
          );
        }
        const entries: ZipEntry[] = [];
        let expanded = 0;
        zip.on('error', fail);
        zip.on('entry', (raw: yauzl.Entry) => {
          const name = decodeName(raw);
          if (!name.endsWith('/') && !name.endsWith('\\')) {
            entries.push({
              name,
              unsafe: isUnsafeEntryName(name),
              size: raw.uncompressedSize,
              compressedSize: raw.compressedSize,
              mtimeMs: raw.getLastModDate().getTime(),
              encrypted: raw.isEncrypted(),
              raw,
            });
            expanded += raw.uncompressedSize;
          }
          zip.readEntry();
        });
        zip.on('end', () => {
          if (expanded > ZIP_LIMITS.archiveRatioFrom && expanded > ZIP_LIMITS.archiveRatio * zip.fileSize) {
            const params = { zip: path, size: formatSize(expanded), compressed: formatSize(zip.fileSize), ratio: Math.round(expanded / zip.fileSize), count: entries.length };
            return fail(
              new ZipLimitError(
                `${path} (${params.compressed}) would expand to ${params.size} (${params.ratio} times its size, ${params.count} entries): refused as a zip bomb, nothing was read`,
                'zip-bomb',
                params,
              ),
            );
          }
          resolve(new ZipArchive(path, zip, entries));
        });
        zip.readEntry();
      });
    });
  }

  /**
   * Refuses, before anything is read, to inflate `entries` when together they exceed the absolute cap
   * or the free space of the disk holding `diskDir` (where what they become is written).
   */
  async checkExpansion(entries: ZipEntry[], diskDir: string): Promise<void> {
    const total = entries.reduce((n, e) => n + e.size, 0);
    if (total === 0) return;
    if (total > ZIP_LIMITS.maxExpanded) {
      const params = { zip: this.path, size: formatSize(total), max: formatSize(ZIP_LIMITS.maxExpanded) };
      throw new ZipLimitError(`${this.path} would expand to ${params.size}, more than the ${params.max} this app unpacks from one zip: refused`, 'zip-too-large', params);
    }
    const free = await freeBytes(diskDir);
    if (free !== undefined && total > free - ZIP_LIMITS.keepFree) {
      const params = { zip: this.path, size: formatSize(total), free: formatSize(free) };
      throw new ZipLimitError(`${this.path} would expand to ${params.size}, but only ${params.free} is free on the disk: free some space and import it again`, 'zip-no-space', params);
    }
  }

  /** The entry's bytes, inflated as they are read. Rejects for a zip-bomb entry or an encrypted one. */
  openStream(entry: ZipEntry): Promise<Readable> {
    const bomb = bombEntry(this.path, entry);
    if (bomb) return Promise.reject(bomb);
    if (entry.encrypted) return Promise.reject(new Error(`"${entry.name}" in ${this.path} is encrypted`));
    return new Promise((resolve, reject) => {
      this.zip.openReadStream(entry.raw, (err, stream) => (err || !stream ? reject(err ?? new Error(`cannot read "${entry.name}"`)) : resolve(stream)));
    });
  }

  /** The entry's bytes as chunks; the stream is closed when the caller stops early. */
  async *chunks(entry: ZipEntry): AsyncGenerator<Buffer> {
    const stream = await this.openStream(entry);
    try {
      for await (const chunk of stream) yield chunk as Buffer;
    } finally {
      stream.destroy();
    }
  }

  /** Up to `n` first bytes of the entry (only those are inflated). */
  async head(entry: ZipEntry, n: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let length = 0;
    if (n > 0) {
      for await (const chunk of this.chunks(entry)) {
        parts.push(chunk);
        length += chunk.length;
        if (length >= n) break;
      }
    }
    return Buffer.concat(parts).subarray(0, n);
  }

  close(): void {
    this.zip.close();
  }
}

/** Free bytes for an unprivileged writer on the disk holding `dir` (its nearest existing parent). */
async function freeBytes(dir: string): Promise<number | undefined> {
  for (let d = dir; ; ) {
    try {
      const s = await statfs(d);
      return s.bavail * s.bsize;
    } catch {
      const parent = dirname(d);
      if (parent === d) return undefined;
      d = parent;
    }
  }
}

/** True when the file starts like a zip (a local file header, or the end record of an empty zip). */
export function hasZipMagic(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 0x03 && head[3] === 0x04) || (head[2] === 0x05 && head[3] === 0x06));
}

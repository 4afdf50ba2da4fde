// Thumbnails: 256 px WebP files in <case>/photos/thumbs/<aa>/<sha256>.webp, made with sharp in a
// worker thread so that decoding large camera pictures never blocks the main (UI/IPC) thread.
// A picture sharp cannot read (some HEIC, truncated files) simply gets no thumbnail.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { removeLeftovers } from '../platform/leftovers';
import { photosDir } from './photo-index';

export const THUMBNAIL_SIZE = 256;

export function thumbnailFile(caseDir: string, sha256: string): string {
  return join(photosDir(caseDir), 'thumbs', sha256.slice(0, 2), `${sha256}.webp`);
}

/**
 * `stopped`: the maker was closed (an import cancelled, the app quitting) before this picture's
 * turn: nothing is wrong with the picture, it gets its thumbnail later (never marked failed).
 */
export type ThumbnailResult = { ok: true; width?: number; height?: number } | { ok: false; error: string; stopped?: true };

const STOPPED: ThumbnailResult = { ok: false, error: 'thumbnail maker closed', stopped: true };

/**
 * How the worker asks sharp for a thumbnail (one place, so the benchmark can ask bare sharp the same):
 * the file is read once into memory; sharp decodes a JPEG at 1/2, 1/4 or 1/8 of its size when
 * that still covers the thumbnail (libjpeg's shrink-on-load: a 12 MP picture is never decoded
 * whole), reads it top to bottom once (sequentialRead), and a damaged picture still gives what
 * it can (failOn none). Each picture uses one libvips thread and the worker runs one picture per
 * core, the layout that was fastest on 2 cores (one picture on all threads waits on its single
 * Huffman decode).
 */
export const THUMBNAIL_INPUT = { failOn: 'none', sequentialRead: true } as const;
export const THUMBNAIL_WEBP = { quality: 72, effort: 2 } as const;

// The worker is plain CommonJS evaluated from this string, so it survives bundling (no separate
// file to locate next to a bundle). It writes to a temp name and renames: never a half thumbnail.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs/promises');
const path = require('node:path');
const sharp = require(workerData.sharpPath);
sharp.cache(false);
sharp.concurrency(1);
parentPort.on('message', async (job) => {
  const tmp = job.dest + '.' + process.pid + '.' + job.id + '.tmp';
  try {
    const bytes = await fs.readFile(job.src);
    const meta = await sharp(bytes, workerData.input).metadata();
    await fs.mkdir(path.dirname(job.dest), { recursive: true, mode: 0o700 });
    await sharp(bytes, workerData.input)
      .rotate()
      .resize(job.size, job.size, { fit: 'inside', withoutEnlargement: true })
      .webp(workerData.webp)
      .toFile(tmp);
    await fs.chmod(tmp, 0o600); // sharp creates it with the umask's mode; the data is private (platform/private-files.ts)
    await fs.rename(tmp, job.dest);
    const shown = meta.autoOrient || meta;
    parentPort.postMessage({ id: job.id, ok: true, width: shown.width, height: shown.height });
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => {});
    parentPort.postMessage({ id: job.id, ok: false, error: String((err && err.message) || err) });
  }
});
`;

/** Writer of a thumbnail temp file: the worker names them "<dest>.<pid>.<job id>.tmp". */
function tempWriter(name: string): number | undefined {
  const m = /\.webp\.(\d+)\.\d+\.tmp$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** Removes thumbnail temp files whose writing process is gone (killed mid-write): see leftovers.ts. */
export function removeLeftoverThumbnailTemps(caseDir: string): number {
  const root = join(photosDir(caseDir), 'thumbs');
  let shards: string[];
  try {
    shards = readdirSync(root);
  } catch {
    return 0;
  }
  return shards.reduce((n, shard) => n + removeLeftovers(join(root, shard), tempWriter), 0);
}

function resolveSharp(): string {
  // import.meta.url is empty when this module is bundled to CommonJS; __filename exists there.
  const base =
    typeof __filename === 'string' ? __filename : import.meta.url || pathToFileURL(join(process.cwd(), 'index.js')).href;
  return createRequire(base).resolve('sharp');
}

interface Pending {
  resolve: (r: ThumbnailResult) => void;
}

/** Pictures one worker decodes at once: one per core (each on one libvips thread), at least 2. */
export const THUMBNAIL_LANES = Math.max(2, Math.min(4, availableParallelism()));

/**
 * One worker thread making thumbnails, a few at a time. The main thread only posts paths and
 * receives sizes, so the API (and the page it serves) stays responsive while thousands are made.
 */
export class ThumbnailMaker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly queue: (() => void)[] = [];
  private active = 0;
  private closed = false;

  constructor(
    private readonly caseDir: string,
    private readonly parallel = THUMBNAIL_LANES,
  ) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { sharpPath: resolveSharp(), input: THUMBNAIL_INPUT, webp: THUMBNAIL_WEBP },
    });
    worker.on('message', (msg: { id: number } & ThumbnailResult) => {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      p?.resolve(msg.ok ? { ok: true, width: msg.width, height: msg.height } : { ok: false, error: msg.error });
    });
    const failAll = (result: ThumbnailResult) => {
      const waiting = [...this.pending.values()];
      this.pending.clear();
      this.worker = undefined;
      for (const p of waiting) p.resolve(result);
    };
    worker.on('error', (err) => failAll({ ok: false, error: `thumbnail worker failed: ${err.message}` }));
    worker.on('exit', () => failAll(STOPPED));
    this.worker = worker;
    return worker;
  }

  make(src: string, sha256: string): Promise<ThumbnailResult> {
    return new Promise((resolve) => {
      const run = () => {
        // Closed while this one waited its turn: no new worker (it would outlive the maker).
        if (this.closed) return resolve(STOPPED);
        this.active++;
        const id = this.nextId++;
        this.pending.set(id, {
          resolve: (r) => {
            this.active--;
            this.queue.shift()?.();
            resolve(r);
          },
        });
        this.start().postMessage({ id, src, dest: thumbnailFile(this.caseDir, sha256), size: THUMBNAIL_SIZE });
      };
      if (this.active < this.parallel) run();
      else this.queue.push(run);
    });
  }

  /** Stops the worker; pictures still waiting or being made resolve as `stopped`. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiting of this.queue.splice(0)) waiting();
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}

// An import's reading thread: plain export files are read, parsed and encoded (rows.ts: duplicate
// keys) on a worker thread while this thread, which owns the archive, inserts and indexes. On a
// 2-core machine the two halves then run side by side instead of one after the other.
//
// The worker is its own bundle entry (scripts/bundles.mjs, scripts/bench.mjs), written beside the
// bundle that starts it as messages-reader.{mjs,js,cjs} (unpacked from app.asar). Run from source (unit tests) there is
// none, and files are read on this thread by the same code (file-events.ts), unless a test names a
// bundled one (useReaderThreadFile).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { OpenedFile, RowBatch } from './file-events';
import type { ExportOrigin } from './formats/whatsapp';
import type { FromReader, ToReader } from './parse-protocol';
import { RowPacker } from './rows';

const ENTRY_NAMES = ['messages-reader.mjs', 'messages-reader.js', 'messages-reader.cjs'];
/**
 * The reading thread's heap. V8's defaults let a second heap grow far beyond what reading needs
 * (a 400k WhatsApp import at load 8–13: peak RSS 702 MB; young generation 8 MB: 569; and old
 * generation 128 MB, 1k-row batches: 483, the one-thread import 477–537 at the same load). Readers
 * stream, holding a record at a time; a file read whole (MemoTrace HTML) is read on the archive's
 * thread instead (readWhole), and a record too big for this heap stops its file, named, with the
 * messages before it kept.
 */
const READER_HEAP = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 };
let chosenFile: string | null | undefined;

/** For tests run from source: the bundled reader to use (null: none, read on this thread). */
export function useReaderThreadFile(path: string | null | undefined): void {
  chosenFile = path;
}

function readerThreadFile(): string | undefined {
  if (chosenFile !== undefined) return chosenFile ?? undefined;
  // import.meta.url is empty when this module is bundled to CommonJS; __filename exists there.
  const here = typeof __filename === 'string' ? __filename : import.meta.url ? fileURLToPath(import.meta.url) : undefined;
  if (!here) return undefined;
  // In the installed app the reader is unpacked beside app.asar (electron-builder.yml, asarUnpack):
  // a worker thread loads its file from disk, not through Electron's archive reading.
  const folder = dirname(here);
  const unpacked = folder.replace(/app\.asar(?=[\\/]|$)/, 'app.asar.unpacked');
  const candidates = [...new Set([unpacked, folder])].flatMap((dir) => ENTRY_NAMES.map((name) => join(dir, name)));
  return candidates.find((path) => existsSync(path));
}

/** The batches of a file whose reading thread failed: its error, after what came before. */
const failedBatch = (message: string): RowBatch => ({ rows: new RowPacker().take(), notices: [], bytesRead: 0, error: `the reading thread stopped: ${message}` });

export class ReaderThread {
  private worker: Worker | undefined;
  private inbox: FromReader[] = [];
  private wake: (() => void) | undefined;

  private constructor(private readonly file: string) {}

  /** A reading thread, or undefined when this build has none (files are then read on this thread). */
  static create(): ReaderThread | undefined {
    const file = readerThreadFile();
    return file ? new ReaderThread(file) : undefined;
  }

  /**
   * Opens one plain file on the reading thread; read its batches to the end (or stop early) before
   * the next. 'read-here': a file read whole, for the archive's thread to read.
   */
  async open(path: string, baseDir: string, origin: ExportOrigin): Promise<OpenedFile | 'read-here'> {
    this.post({ type: 'read', path, baseDir, origin });
    const first = await this.next();
    if (first.type === 'read-here') return 'read-here';
    if (first.type === 'refused') return first.why;
    if (first.type === 'failed') return { unreadable: first.message };
    if (first.type !== 'opened') throw new Error(`reading thread: ${first.type} before the file opened`);
    return { format: first.format, batches: this.batches() };
  }

  /** Stops the thread (an import's end; also what stops a file read in part). */
  close(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.inbox = [];
    if (worker) void worker.terminate();
  }

  private async *batches(): AsyncGenerator<RowBatch> {
    let ended = false;
    try {
      for (;;) {
        const message = await this.next();
        if (message.type === 'end') {
          ended = true;
          return;
        }
        if (message.type === 'failed') {
          ended = true;
          yield failedBatch(message.message);
          return;
        }
        if (message.type !== 'batch') throw new Error(`reading thread: ${message.type} within a file`);
        yield message.batch;
        // Taken (written) only now: the thread stays at most BATCHES_AHEAD batches ahead of the archive.
        this.post({ type: 'taken' });
      }
    } finally {
      // The import stopped reading this file early (cancelled, or an error of its own): the thread
      // is still reading it, so it goes, and the next file starts a new one.
      if (!ended) this.close();
    }
  }

  private post(message: ToReader): void {
    this.thread().postMessage(message);
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.file, { resourceLimits: READER_HEAP });
    const lost = (message: string): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.receive({ type: 'failed', message });
    };
    worker.on('message', (message: FromReader) => {
      if (this.worker === worker) this.receive(message);
    });
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  private receive(message: FromReader): void {
    this.inbox.push(message);
    this.wake?.();
  }

  private async next(): Promise<FromReader> {
    while (this.inbox.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = undefined;
    return this.inbox.shift()!;
  }
}

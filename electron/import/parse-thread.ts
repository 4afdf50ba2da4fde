// A large contact file is parsed on a thread of its own. The parse (bytes to contacts) is most of a
// vCard import's CPU; on the thread it runs beside the packing and preparing of what it gives (the
// caller's onContact), on the machine's second core. A smaller file is parsed here: the thread costs
// ~0.1 s to start, its code starts cold, and the contacts cross as text.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RawContact } from '../../shared/types';
import { abortError, throwIfAborted } from './abort';
import { importContactFile } from './index';
import { BATCHING, type Batching, type ParseRequest, type ThreadMessage } from './parse-thread-protocol';
import { issue } from './run';
import { startWithYoungGeneration } from '../runtime/young-generation';
import type { ContactFileSummary, ImportOptions } from './types';

/**
 * Files from this size are parsed on a thread. Measured through `relink import` of 3.0 cards (a
 * fresh process each): 100k cards (39 MB) 3.0 vs 3.7 s with the second core free, the same with it
 * busy; 20k (7.7 MB) 1.4 vs 1.2 s and 5k (1.9 MB) 0.8 vs 0.6 s with it busy, the thread behind.
 */
export const THREAD_MIN_BYTES = 16 << 20;

/** How the thread is used: by default from THREAD_MIN_BYTES, with BATCHING (tests try others). */
export interface ThreadUse {
  minBytes: number;
  batching: Batching;
  /** The thread's heap limit: a parse streams and holds little, so one that runs away ends with an error naming the file instead of taking the machine's memory. */
  heapMb: number;
}

const THREAD_HEAP_MB = 512;

/**
 * The thread's semi-spaces (see startWithYoungGeneration): at V8's 1 MB start a fifth of its time
 * went to scavenges (100k cards); at 8 MB the import's wall time fell by ~0.3 s for ~12 MB more
 * peak RSS, 16 MB saved little more for twice that (bench contacts-import).
 */
const THREAD_SEMI_SPACE_MB = 8;

/** importContactFile, on a thread for a file of `minBytes` or more; the same summary and contacts either way. */
export async function importContactFileOnThread(path: string, opts: ImportOptions, use: Partial<ThreadUse> = {}): Promise<ContactFileSummary> {
  const { minBytes = THREAD_MIN_BYTES, batching = BATCHING, heapMb = THREAD_HEAP_MB } = use;
  throwIfAborted(opts.signal);
  const size = await stat(path).then(
    (s) => (s.isFile() ? s.size : 0),
    () => 0, // importContactFile says why it cannot be opened
  );
  if (size < minBytes) return importContactFile(path, opts);
  // The thread's code (the parsers bundled as text, ~2 MB) is loaded only when a file needs it.
  const { default: workerSource } = await import('worker-source:./parse-thread-worker');
  throwIfAborted(opts.signal);
  return parseOnThread(workerSource, path, opts, batching, heapMb);
}

function parseOnThread(workerSource: string, path: string, opts: ImportOptions, batching: Batching, heapMb: number): Promise<ContactFileSummary> {
  const unread = new Int32Array(new SharedArrayBuffer(4));
  const { displayName, mapping, charset, region } = opts;
  const request: ParseRequest = { path, options: { displayName, mapping, charset, region }, unread: unread.buffer as SharedArrayBuffer, batching };
  const worker = startWithYoungGeneration(THREAD_SEMI_SPACE_MB, () => new Worker(workerSource, { eval: true, workerData: request, resourceLimits: { maxOldGenerationSizeMb: heapMb } }));
  let received = 0;

  return new Promise<ContactFileSummary>((resolve, reject) => {
    let settled = false;
    const settle = (end: () => void) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      end();
    };
    const onAbort = () => settle(() => reject(abortError()));
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const handle = (item: Delivered) => {
      try {
        if (item.kind === 'contacts') {
          for (const json of item.records) {
            received++;
            opts.onContact(JSON.parse(json) as RawContact, json);
          }
          // Read: the thread may post another.
          Atomics.sub(unread, 0, 1);
          Atomics.notify(unread, 0);
        } else if (item.kind === 'progress') opts.onProgress?.(item.bytesRead, item.totalBytes);
        else if (item.kind === 'done') settle(() => resolve(item.summary));
        // The thread failed (out of memory, a defect): the contacts it gave are kept, and the file says why the rest is missing.
        else settle(() => resolve(failedSummary(path, opts, received, item.reason)));
      } catch (err) {
        settle(() => reject(err as Error));
      }
    };

    // What the thread sends is read one batch per turn of the event loop (with the progress before
    // it). The port hands over every message waiting in one go: read there, a whole file's batches
    // were stored before the process turned to anything else, a cancel or the window's progress.
    const inbox: Delivered[] = [];
    let scheduled = false;
    const readSome = () => {
      scheduled = false;
      while (!settled && inbox.length > 0) {
        const item = inbox.shift()!;
        handle(item);
        if (item.kind === 'contacts') break;
      }
      if (!settled && inbox.length > 0) schedule();
    };
    const schedule = () => {
      if (scheduled) return;
      scheduled = true;
      setImmediate(readSome);
    };
    const deliver = (item: Delivered) => {
      inbox.push(item);
      schedule();
    };
    worker.on('message', deliver);
    // (After everything it posted: a thread that ends after 'done' changes nothing.)
    worker.on('error', (err) => deliver({ kind: 'failed', reason: err.message }));
    worker.on('exit', (code) => deliver({ kind: 'failed', reason: `the reading thread stopped (exit code ${code})` }));
  });
}

/** A message of the thread, or its end without one. */
type Delivered = ThreadMessage | { kind: 'failed'; reason: string };

function failedSummary(path: string, opts: ImportOptions, records: number, reason: string): ContactFileSummary {
  const file = opts.displayName ?? basename(path);
  return {
    file,
    format: 'unknown',
    encoding: 'unknown',
    records,
    skipped: 0,
    groups: [],
    issues: [issue(file, 'error', `Could not read the file: ${reason}`, undefined, undefined, { code: 'file-unreadable' })],
  };
}

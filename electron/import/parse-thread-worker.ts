// The contact parse thread (see parse-thread.ts): runs importContactFile on one file and posts what
// it reads. Contacts go out as JSON text in batches: strings are cloned far faster than objects
// (100k cards: 230 ms to parse on the other side against 450 ms to deserialize objects), and the
// text is what the other side packs them as. A batch waits while too many are unread, so the thread
// never runs ahead of a busy receiver by more than a few. Bundled on its own (worker-source) and run
// from that text.
import { parentPort, workerData } from 'node:worker_threads';
import type { RawContact } from '../../shared/types';
import { importContactFile } from './index';
import type { ParseRequest, ThreadMessage } from './parse-thread-protocol';

const request = workerData as ParseRequest;
const unread = new Int32Array(request.unread);
const { records: batchRecords, chars: batchChars, maxUnread } = request.batching;
const port = parentPort!;
const post = (message: ThreadMessage) => port.postMessage(message);

let batch: string[] = [];
let batchLength = 0;

function flush(): void {
  if (batch.length === 0) return;
  // Wait (blocking this thread only) while the receiver has maxUnread batches still to read.
  for (let waiting = Atomics.load(unread, 0); waiting >= maxUnread; waiting = Atomics.load(unread, 0)) {
    Atomics.wait(unread, 0, waiting);
  }
  Atomics.add(unread, 0, 1);
  post({ kind: 'contacts', records: batch });
  batch = [];
  batchLength = 0;
}

function add(contact: RawContact): void {
  const json = JSON.stringify(contact);
  batch.push(json);
  batchLength += json.length;
  if (batch.length >= batchRecords || batchLength >= batchChars) flush();
}

// (A function, not top-level await: the thread's code is a CommonJS script. What it throws reaches
// the receiver as the worker's error.)
async function parse(): Promise<void> {
  const summary = await importContactFile(request.path, {
    ...request.options,
    onContact: add,
    onProgress: (bytesRead, totalBytes) => post({ kind: 'progress', bytesRead, totalBytes }),
  });
  flush();
  post({ kind: 'done', summary });
}

void parse();

// The reading thread of a message import (an entry of its own in every bundle, see parse-thread.ts):
// reads, parses and encodes each file it is given (file-events.ts, the same code the archive's
// thread runs without it) and posts the row batches, at most BATCHES_AHEAD not yet taken.
import { parentPort } from 'node:worker_threads';
import { openFileBatches, readWhole } from './file-events';
import { transferables } from './rows';
import { BATCHES_AHEAD, WORKER_BATCH_ROWS, type ToReader, type FromReader } from './parse-protocol';

const port = parentPort!;
let credits = BATCHES_AHEAD;
let wake: (() => void) | undefined;
const queue: Extract<ToReader, { type: 'read' }>[] = [];
let running = false;

const post = (message: FromReader, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

port.on('message', (message: ToReader) => {
  if (message.type === 'taken') {
    credits++;
    wake?.();
  } else {
    queue.push(message);
    if (!running) void readQueue();
  }
});

async function readQueue(): Promise<void> {
  running = true;
  while (queue.length > 0) await readFile(queue.shift()!);
  running = false;
}

async function readFile(job: Extract<ToReader, { type: 'read' }>): Promise<void> {
  try {
    if (readWhole(job.path)) {
      post({ type: 'read-here' });
      return;
    }
    const opened = await openFileBatches(job.path, job.baseDir, job.origin, WORKER_BATCH_ROWS);
    if (!('batches' in opened)) {
      post({ type: 'refused', why: opened });
      return;
    }
    post({ type: 'opened', format: opened.format });
    for await (const batch of opened.batches) {
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      credits--;
      post({ type: 'batch', batch }, transferables(batch.rows));
    }
    post({ type: 'end' });
  } catch (error) {
    // Only a fault of this thread's own code lands here (readers' errors end their batches).
    post({ type: 'failed', message: (error as Error).message });
  }
}

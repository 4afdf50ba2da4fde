// The worker thread of split-read.ts: reads its part of a vCard file and posts what it found.
// Bundled on its own (scripts/bundles.mjs) and started from its source text.
import { parentPort, workerData } from 'node:worker_threads';
import { readRange, type RangeJob, type RangeMessage } from './split-read';

const post = (message: RangeMessage, transfer?: ArrayBuffer[]) => parentPort!.postMessage(message, transfer);
readRange(workerData as RangeJob, post).catch((err: unknown) => post({ error: err instanceof Error ? err.message : String(err) }));

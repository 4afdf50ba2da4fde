// The worker thread of split-read.ts: reads its part of a vCard file and posts what it found, at
// most MAX_UNREPORTED_BYTES ahead of the reader (which sends back each batch's size once reported).
// Bundled on its own (scripts/bundles.mjs) and started from its source text.
import { parentPort, workerData } from 'node:worker_threads';
import { MAX_UNREPORTED_BYTES, readRange, type RangeJob, type RangeMessage } from './split-read';

const port = parentPort!;
let unreported = 0;
let wake: (() => void) | undefined;
port.on('message', (bytes: number) => {
  unreported -= bytes;
  if (unreported <= MAX_UNREPORTED_BYTES) wake?.();
});
const post = (message: RangeMessage, transfer?: ArrayBuffer[]) => {
  if ('events' in message) unreported += message.events.byteLength;
  port.postMessage(message, transfer);
};
const room = () => (unreported <= MAX_UNREPORTED_BYTES ? undefined : new Promise<void>((resolve) => (wake = resolve)));
readRange(workerData as RangeJob, post, room)
  .catch((err: unknown) => post({ error: err instanceof Error ? err.message : String(err) }))
  .finally(() => port.close());

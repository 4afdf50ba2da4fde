// SHA-256 of whole pictures on a worker thread, so that the import's main thread (reading,
// decoding, dating, storing, recording) and the hashing run on two cores at once.
//
// The bytes are not copied and not moved: the importer reads into shared memory
// (sharedBuffer(): a SharedArrayBuffer), each block of which the worker is given once and then
// only told where a file lies in it. Transferring an ArrayBuffer to the worker and back per file
// (the first version) made V8 count each file's size as new external memory, and that started a
// full garbage collection every ~50 MB: ~60 per 3.5 GB import, ~1.3 s of the collector's threads.
// The caller must not change the bytes until hash() resolves.
//
// If the worker cannot start or fails, hashing goes on in the main thread (the bytes are intact).
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

// Plain CommonJS evaluated from a string: survives bundling without a separate entry point.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const blocks = new Map();
parentPort.on('message', ({ id, block, memory, offset, length }) => {
  if (memory) blocks.set(block, new Uint8Array(memory));
  const bytes = blocks.get(block).subarray(offset, offset + length);
  parentPort.postMessage({ id, sha256: createHash('sha256').update(bytes).digest('hex') });
});
`;

/** A buffer of `size` bytes in shared memory: one the worker can hash without a copy or a move. */
export function sharedBuffer(size: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(size));
}

/** SHA-256 of `bytes`, hex, on this thread. */
export function hashHere(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

interface Pending {
  resolve: (sha256: string) => void;
  reject: (error: Error) => void;
}

/** Started by its first hash(); whoever creates one must close() it (a running worker keeps the process alive). */
export class HashWorker {
  private worker: Worker | undefined;
  private broken = false;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /** Shared memory blocks the worker holds, by number. */
  private blocks = new WeakMap<SharedArrayBuffer, number>();
  private nextBlock = 0;

  /** SHA-256 of `bytes`, hex: on the worker when they lie in shared memory, else here. */
  async hash(bytes: Uint8Array): Promise<string> {
    const memory = bytes.buffer;
    const worker = memory instanceof SharedArrayBuffer ? this.start() : undefined;
    if (!worker || !(memory instanceof SharedArrayBuffer)) return hashHere(bytes);
    let block = this.blocks.get(memory);
    const first = block === undefined;
    if (block === undefined) this.blocks.set(memory, (block = this.nextBlock++));
    const id = this.nextId++;
    const done = new Promise<string>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    worker.postMessage({ id, block, memory: first ? memory : undefined, offset: bytes.byteOffset, length: bytes.byteLength });
    try {
      return await done;
    } catch {
      return hashHere(bytes); // the worker failed: the bytes are still here
    }
  }

  /** Stops the worker (the next hash starts one again). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.blocks = new WeakMap();
    worker?.removeAllListeners('exit');
    await worker?.terminate();
  }

  private start(): Worker | undefined {
    if (this.broken) return undefined;
    if (this.worker) return this.worker;
    try {
      // Not unref'd: a command-line import waiting only for its last digest must not exit.
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.on('message', ({ id, sha256 }: { id: number; sha256: string }) => {
        const waiting = this.pending.get(id);
        this.pending.delete(id);
        waiting?.resolve(sha256);
      });
      const fail = (reason: string) => {
        this.broken = true;
        this.worker = undefined;
        for (const waiting of this.pending.values()) waiting.reject(new Error(`hashing worker ${reason}`));
        this.pending.clear();
      };
      worker.on('error', (err) => fail(`failed: ${err.message}`));
      worker.on('exit', () => fail('stopped'));
      this.worker = worker;
      this.blocks = new WeakMap();
      return worker;
    } catch {
      this.broken = true;
      return undefined;
    }
  }
}

// SHA-256 of the parts of an export, piece by piece, on a worker thread: the event loop meanwhile
// encrypts and writes, so an encrypted export uses both cores instead of one. The pieces lie in
// shared memory (PiecePool over SharedArrayBuffers): the worker reads them where they are, once
// told where; nothing is copied or moved (see photos/hash-worker.ts for why not moved). Unlike that
// worker, which hashes whole pictures, this one keeps a hash open per part across many pieces.
//
// If the worker cannot start or fails, the remaining hashing falls back to this thread only when
// nothing was handed to it yet; otherwise the export fails (a part's hash can't be resumed here).
import { createHash, type Hash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

// Plain CommonJS evaluated from a string: survives bundling without a separate entry point.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const memories = new Map();
const hashes = new Map();
parentPort.on('message', ({ id, part, memory, block, offset, length, end }) => {
  if (memory) memories.set(block, new Uint8Array(memory));
  if (!hashes.has(part)) hashes.set(part, createHash('sha256'));
  if (length) hashes.get(part).update(memories.get(block).subarray(offset, offset + length));
  if (end) {
    parentPort.postMessage({ id, sha256: hashes.get(part).digest('hex') });
    hashes.delete(part);
  } else parentPort.postMessage({ id });
});
`;

/** Cases from this size hash on a worker thread, smaller ones here (the worker's start would cost more). */
export const HASH_ON_WORKER_FROM = 64 * 1024 * 1024;

interface Waiting {
  resolve: (sha256: string | undefined) => void;
  reject: (error: Error) => void;
}

/** One per export; close() it (a running worker keeps the process alive). */
export class PartHasher {
  private worker: Worker | undefined;
  private failure: Error | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private nextPart = 0;
  private readonly blocks = new WeakMap<SharedArrayBuffer, number>();
  private nextBlock = 0;

  /** `onWorker`: false hashes on this thread (a worker takes ~50 ms to start: not worth it for a small case). */
  constructor(onWorker = true) {
    if (!onWorker) return;
    try {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.on('message', ({ id, sha256 }: { id: number; sha256?: string }) => {
        const w = this.waiting.get(id);
        this.waiting.delete(id);
        w?.resolve(sha256);
      });
      const fail = (error: Error) => {
        this.failure ??= error;
        this.worker = undefined;
        for (const w of this.waiting.values()) w.reject(error);
        this.waiting.clear();
      };
      worker.on('error', fail);
      worker.on('exit', () => fail(new Error('the hashing worker stopped')));
      this.worker = worker;
    } catch (error) {
      this.failure = error as Error;
    }
  }

  /** A hash for one part: `update` each piece (resolves once the piece may change), then `digest`. */
  part(): { update(piece: Buffer): Promise<void>; digest(): Promise<string> } {
    const worker = this.worker;
    if (!worker) return this.here();
    const part = this.nextPart++;
    const send = (message: object) => {
      if (this.failure) return Promise.reject(this.failure);
      const id = this.nextId++;
      const answer = new Promise<string | undefined>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
      worker.postMessage({ id, part, ...message });
      return answer;
    };
    return {
      update: async (piece) => {
        const memory = piece.buffer;
        if (!(memory instanceof SharedArrayBuffer)) throw new Error('PartHasher hashes pieces in shared memory only');
        let block = this.blocks.get(memory);
        const first = block === undefined;
        if (block === undefined) this.blocks.set(memory, (block = this.nextBlock++));
        await send({ block, memory: first ? memory : undefined, offset: piece.byteOffset, length: piece.length });
      },
      digest: async () => (await send({ end: true }))!,
    };
  }

  /** On this thread: for a small case, or when the worker could not start. */
  private here(): { update(piece: Buffer): Promise<void>; digest(): Promise<string> } {
    const hash: Hash = createHash('sha256');
    return {
      update: (piece) => {
        hash.update(piece);
        return Promise.resolve();
      },
      digest: () => Promise.resolve(hash.digest('hex')),
    };
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    worker?.removeAllListeners('exit');
    await worker?.terminate();
  }
}

// The payload of a large encrypted export, sealed on worker threads: ChaCha20-Poly1305 runs at about
// 1 GB/s a core, and on the event loop it kept the next pieces from being read meanwhile (and every
// sealed chunk was a new buffer there, for its garbage collector). The STREAM's chunking and nonces
// stay on this thread (PayloadChunker, age-stream.ts: one place); a worker seals the chunks it is
// given, reading the plaintext where it lies in shared memory (PiecePool; small buffers such as tar
// headers come copied in the message), and writes them at their place in the file — fixed by the
// format (payload start + chunk index · (64 KiB + 16)) — so workers never wait for one another.
// A write's buffers are let go once every chunk up to its last byte is sealed and written.
//
// Nothing may write to the file after close() resolves (its descriptor is then closed, and its
// number may be another file's): close() waits for every batch under way, then stops the workers.
import type { KeyObject } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CHUNK, PayloadChunker, SEALED_CHUNK, type ChunkToSeal } from './age-stream';

// Plain CommonJS evaluated from a string: survives bundling without a separate entry point. The
// sealing is age-stream.ts's sealChunk, over pieces in shared memory or copied ones.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createCipheriv } = require('node:crypto');
const { writevSync } = require('node:fs');
const { key, fd } = workerData;
const memories = new Map();
function writeAll(buffers, position) {
  let left = buffers.reduce((sum, b) => sum + b.length, 0);
  while (left > 0) {
    let n = writevSync(fd, buffers, position);
    left -= n;
    position += n;
    while (n > 0 && n >= buffers[0].length) n -= buffers.shift().length;
    if (n > 0) buffers[0] = buffers[0].subarray(n);
  }
}
parentPort.on('message', ({ id, added, position, chunks }) => {
  try {
    for (const [block, memory] of added) memories.set(block, memory);
    const out = [];
    for (const { nonce, plain } of chunks) {
      const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
      for (const p of plain) out.push(cipher.update(p.bytes ?? new Uint8Array(memories.get(p.block), p.offset, p.length)));
      cipher.final();
      out.push(cipher.getAuthTag());
    }
    writeAll(out, position);
    parentPort.postMessage({ id });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

/** Chunks per message to a worker: 1 MiB of plaintext. */
const CHUNKS_PER_BATCH = 16;
/** Batches under way per worker at most: they hold pieces of memory. */
const BATCHES_PER_WORKER = 3;

type Segment = { block: number; offset: number; length: number } | { bytes: Uint8Array };

interface Batch {
  /** Plaintext bytes before the end of its last chunk. */
  end: number;
  done: boolean;
  settled: Promise<void>;
}

/** Workers to seal on: the other cores (this thread reads, hashes' worker hashes), one at least, two at most. */
export function sealWorkerCount(): number {
  return Math.max(1, Math.min(2, availableParallelism() - 1));
}

export class SealWorkers {
  private readonly workers: { worker: Worker; known: Set<number> }[] = [];
  private readonly chunker = new PayloadChunker();
  private batch: ChunkToSeal[] = [];
  private readonly batches: Batch[] = [];
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  /** Writes' ends (plaintext bytes) and who to tell once they are sealed, in order. */
  private readonly toRelease: { end: number; released: () => void }[] = [];
  private readonly blocks = new WeakMap<SharedArrayBuffer, number>();
  private nextBlock = 0;
  private nextId = 0;
  private nextWorker = 0;
  private taken = 0;
  /** Plaintext bytes in chunks given out so far. */
  private chunked = 0;
  /** Plaintext bytes in chunks sealed and written, all before them too. */
  private sealedUpTo = 0;
  private failure: Error | undefined;

  /** `onWritten`: ciphertext bytes now written to the file (for flushing along the way). */
  constructor(key: KeyObject, fd: number, private readonly payloadStart: number, private readonly onWritten: (bytes: number) => void, count = sealWorkerCount()) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { key, fd } });
      worker.on('message', ({ id, error }: { id: number; error?: { message: string; code?: string } }) => {
        const w = this.waiting.get(id);
        this.waiting.delete(id);
        if (error) w?.reject(Object.assign(new Error(error.message), error.code ? { code: error.code } : {}));
        else w?.resolve();
      });
      const fail = (error: Error) => this.fail(error);
      worker.on('error', fail);
      worker.on('exit', () => fail(new Error('a sealing worker stopped')));
      this.workers.push({ worker, known: new Set() });
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const w of this.waiting.values()) w.reject(error);
    this.waiting.clear();
  }

  /** Plaintext in order; `released` is called once the buffers are sealed and written (not called on failure). */
  async write(buffers: Buffer[], released?: () => void): Promise<void> {
    if (this.failure) throw this.failure;
    for (const b of buffers) {
      this.taken += b.length;
      for (const chunk of this.chunker.push(b)) await this.add(chunk);
    }
    if (released) {
      this.toRelease.push({ end: this.taken, released });
      this.releaseSealed();
    }
  }

  /** The last chunk, and every chunk written. */
  async finish(): Promise<void> {
    await this.add(this.chunker.finish());
    await this.send();
    await Promise.all(this.batches.map((b) => b.settled));
    if (this.failure) throw this.failure;
  }

  /** Waits for every batch under way (failed or not), then stops the workers. */
  async close(): Promise<void> {
    await Promise.all(this.batches.map((b) => b.settled));
    const workers = this.workers.splice(0);
    for (const { worker } of workers) worker.removeAllListeners('exit');
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
  }

  private async add(chunk: ChunkToSeal): Promise<void> {
    this.batch.push(chunk);
    for (const p of chunk.plain) this.chunked += p.length;
    if (this.batch.length >= CHUNKS_PER_BATCH) await this.send();
  }

  private async send(): Promise<void> {
    const chunks = this.batch;
    if (chunks.length === 0) return;
    this.batch = [];
    if (this.failure) throw this.failure;
    const target = this.workers[this.nextWorker++ % this.workers.length]!;
    const added: [number, SharedArrayBuffer][] = [];
    const segment = (p: Buffer): Segment => {
      const memory = p.buffer;
      if (!(memory instanceof SharedArrayBuffer)) return { bytes: Uint8Array.prototype.slice.call(p) };
      let block = this.blocks.get(memory);
      if (block === undefined) this.blocks.set(memory, (block = this.nextBlock++));
      if (!target.known.has(block)) {
        target.known.add(block);
        added.push([block, memory]);
      }
      return { block, offset: p.byteOffset, length: p.length };
    };
    const message = {
      id: this.nextId++,
      added,
      position: this.payloadStart + chunks[0]!.index * SEALED_CHUNK,
      chunks: chunks.map((c) => ({ nonce: c.nonce, plain: c.plain.map(segment) })),
    };
    let plainBytes = 0;
    for (const c of chunks) for (const p of c.plain) plainBytes += p.length;
    const answer = new Promise<void>((resolve, reject) => this.waiting.set(message.id, { resolve, reject }));
    const batch: Batch = { end: this.chunked, done: false, settled: Promise.resolve() };
    batch.settled = answer.then(
      () => {
        batch.done = true;
        this.onWritten(plainBytes + chunks.length * (SEALED_CHUNK - CHUNK));
        this.releaseSealed();
      },
      (error: Error) => this.fail(error),
    );
    this.batches.push(batch);
    target.worker.postMessage(message);
    while (this.batches.length >= BATCHES_PER_WORKER * this.workers.length && !this.failure) {
      await this.batches[0]!.settled;
      this.releaseSealed();
    }
    if (this.failure) throw this.failure;
  }

  /** Batches sealed from the oldest on leave the list; writes whose every byte is in them are let go. */
  private releaseSealed(): void {
    while (this.batches[0]?.done) this.sealedUpTo = this.batches.shift()!.end;
    while (this.toRelease.length > 0 && this.toRelease[0]!.end <= this.sealedUpTo) this.toRelease.shift()!.released();
  }
}

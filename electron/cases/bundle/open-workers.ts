// The payload of a large encrypted import, opened on worker threads: the mirror of seal-workers.ts.
// On the event loop, ChaCha20-Poly1305 and copying its output into pieces took most of an encrypted
// import's CPU time, and the reads and hashes waited meanwhile. Here the payload is read in batches
// of whole sealed chunks — their places are fixed by the format (payload start + chunk index ·
// (64 KiB + 16)) and the file's size says which chunk is the last — each into a piece of shared
// memory (PiecePool); a worker opens the batch's chunks into another piece, and the pieces come out
// in order. Plaintext crosses no thread boundary by copy, and a few batches at most are under way.
//
// Errors behave as PayloadOpener's (age-stream.ts): the chunks before a damaged one are given out
// first, so whoever reads them learns which part the damage is in, then the same AgeDamagedError.
import type { KeyObject } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { AgeDamagedError, SEALED_CHUNK } from './age-stream';
import { PIECE, type PiecePool } from './io';
import { sealWorkerCount } from './seal-workers';

// Plain CommonJS evaluated from a string, as the sealing one. Answers how many plaintext bytes it
// wrote, and the first chunk that failed (tag, or an empty last chunk where only an empty file may
// have one), if any.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createDecipheriv } = require('node:crypto');
let key;
parentPort.on('message', (m) => {
  if (m.key) { key = m.key; return; }
  const { id, sealed, sealedLength, out, first, count, lastIsFinal } = m;
  const input = new Uint8Array(sealed, 0, sealedLength);
  const output = Buffer.from(out);
  const nonce = Buffer.alloc(12);
  let at = 0, written = 0;
  for (let i = 0; i < count; i++) {
    const index = first + i;
    const final = lastIsFinal && i === count - 1;
    const end = Math.min(at + ${SEALED_CHUNK}, sealedLength);
    nonce.fill(0);
    nonce.writeUIntBE(index, 5, 6);
    nonce[11] = final ? 1 : 0;
    const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
    decipher.setAuthTag(input.subarray(end - 16, end));
    const plain = decipher.update(input.subarray(at, end - 16));
    try { decipher.final(); } catch { parentPort.postMessage({ id, written, failed: index, reason: 'tag' }); return; }
    if (final && plain.length === 0 && index > 0) { parentPort.postMessage({ id, written, failed: index, reason: 'empty' }); return; }
    plain.copy(output, written);
    written += plain.length;
    at = end;
  }
  parentPort.postMessage({ id, written });
});
`;

/** Sealed chunks per batch: as many as fit a piece (15 · (64 KiB + 16) ≤ 1 MiB). */
export const CHUNKS_PER_BATCH = Math.floor(PIECE / SEALED_CHUNK);
/** Batches under way per worker at most: they hold pieces. */
const BATCHES_PER_WORKER = 2;

interface Answer {
  written: number;
  failed?: number;
  reason?: 'tag' | 'empty';
}

export class OpenWorkers {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | undefined;

  /** Started before the key is known (while scrypt runs): starting a worker takes ~50 ms. */
  constructor(count = sealWorkerCount()) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.on('message', (answer: Answer & { id: number }) => {
        const w = this.waiting.get(answer.id);
        this.waiting.delete(answer.id);
        w?.resolve(answer);
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', () => this.fail(new Error('a decrypting worker stopped')));
      this.workers.push(worker);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const w of this.waiting.values()) w.reject(error);
    this.waiting.clear();
  }

  /**
   * The plaintext of the payload from `payloadStart` to the end of the file (`fileSize`), in pieces
   * of `pool` (each held once: the taker releases it), in order.
   */
  async *plain(handle: FileHandle, payloadStart: number, fileSize: number, key: KeyObject, pool: PiecePool, signal?: AbortSignal): AsyncGenerator<Buffer> {
    for (const w of this.workers) w.postMessage({ key });
    const length = fileSize - payloadStart;
    const chunks = Math.ceil(length / SEALED_CHUNK);
    // A last chunk too short for its tag, or none at all: what comes before it is given out first.
    const lastLength = length - (chunks - 1) * SEALED_CHUNK;
    const whole = length > 0 && lastLength >= 16 ? chunks : Math.max(0, chunks - 1);
    const cutShort = whole < chunks || length <= 0;
    const under: { answer: Promise<Answer>; out: Buffer }[] = [];
    let next = 0;
    let worker = 0;
    const send = async () => {
      const first = next;
      const count = Math.min(CHUNKS_PER_BATCH, whole - first);
      next += count;
      const start = payloadStart + first * SEALED_CHUNK;
      const sealedLength = Math.min(count * SEALED_CHUNK, fileSize - start);
      const sealed = pool.take();
      const out = pool.take();
      let read;
      try {
        read = await handle.read(sealed, 0, sealedLength, start);
      } catch (error) {
        pool.release(sealed);
        pool.release(out);
        throw error;
      }
      if (read.bytesRead < sealedLength) throw new AgeDamagedError('The encrypted data is cut short (the file shrank while it was read)');
      if (this.failure) throw this.failure;
      const id = this.nextId++;
      const answer = new Promise<Answer>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
      // The sealed piece is free once the worker answers (or fails).
      answer.then(() => pool.release(sealed), () => undefined);
      answer.catch(() => undefined); // awaited in order below
      this.workers[worker++ % this.workers.length]!.postMessage({
        id, sealed: sealed.buffer, sealedLength, out: out.buffer, first, count, lastIsFinal: !cutShort && next === whole,
      });
      under.push({ answer, out });
    };
    try {
      while (next < whole || under.length > 0) {
        while (next < whole && under.length < BATCHES_PER_WORKER * this.workers.length) await send();
        signal?.throwIfAborted();
        const { answer, out } = under.shift()!;
        const { written, failed, reason } = await answer;
        if (written > 0) yield out.subarray(0, written);
        else pool.release(out);
        if (failed !== undefined) {
          throw new AgeDamagedError(
            reason === 'empty'
              ? 'The encrypted data ends in an empty chunk, which only an empty file may have'
              : `The encrypted data is damaged or cut short (chunk ${failed + 1} does not authenticate)`,
          );
        }
      }
      if (cutShort) throw new AgeDamagedError('The encrypted data is cut short (its last chunk is missing)');
    } finally {
      // Stopped early, or failed: the batches still under way finish (their pieces are not used again).
      await Promise.allSettled(under.map((u) => u.answer));
    }
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    for (const w of workers) w.removeAllListeners('exit');
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

// Hashing on the worker thread gives the same digests as hashing here, leaves the bytes as they
// were, and falls back to this thread when the worker is gone.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { HashWorker, sharedBuffer } from '../../../electron/photos/hash-worker';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A view on shared memory (as the importer's pooled read buffers are), filled with a pattern. */
function shared(size: number, seed: number, offset = 0): Buffer {
  const whole = sharedBuffer(size + offset);
  for (let i = 0; i < whole.length; i++) whole[i] = (i * 31 + seed) & 0xff;
  return whole.subarray(offset, offset + size);
}

let hasher: HashWorker;
afterEach(() => hasher.close());

describe('HashWorker', () => {
  it('gives the digest of the bytes, also for views that start inside their memory, and leaves them as they were', async () => {
    hasher = new HashWorker();
    const cases = [shared(3 << 20, 1), shared(1000, 2, 17), shared(0, 3)];
    for (const bytes of cases) {
      const copy = Buffer.from(bytes);
      expect(await hasher.hash(bytes)).toBe(sha(copy));
      expect(bytes.equals(copy)).toBe(true);
    }
  });

  it('hashes many views of one block and of several blocks at once, each answer going to its own caller', async () => {
    hasher = new HashWorker();
    const block = shared(12 * 60_000, 5);
    const views = Array.from({ length: 12 }, (_, i) => block.subarray(i * 60_000, i * 60_000 + 50_000 + i * 997 - (i === 11 ? 10_000 : 0)));
    const others = Array.from({ length: 6 }, (_, i) => shared(40_000 + i, 10 + i));
    const all = [...views, ...others];
    const results = await Promise.all(all.map((b) => hasher.hash(b)));
    expect(results).toEqual(all.map((b) => sha(b)));
  });

  it('sees what a block holds now, not what it held when the worker first got it', async () => {
    hasher = new HashWorker();
    const block = shared(4096, 1);
    await hasher.hash(block);
    block.fill(7);
    expect(await hasher.hash(block)).toBe(sha(Buffer.alloc(4096, 7)));
  });

  it('hashes bytes outside shared memory here', async () => {
    hasher = new HashWorker();
    const small = Buffer.from('a small pooled buffer');
    expect(await hasher.hash(small)).toBe(sha(Buffer.from('a small pooled buffer')));
  });

  it('goes on hashing here when the worker stops, also the bytes it had been given', async () => {
    hasher = new HashWorker();
    await hasher.hash(shared(10, 1));
    const worker = (hasher as unknown as { worker: { terminate(): Promise<number> } }).worker;
    const bytes = shared(1 << 20, 9);
    // Stopping first: the message goes to a worker that will never answer it.
    const stopping = worker.terminate();
    const pending = hasher.hash(bytes);
    await stopping;
    expect(await pending).toBe(sha(bytes));
    expect(await hasher.hash(shared(4096, 3))).toBe(sha(shared(4096, 3)));
  });
});

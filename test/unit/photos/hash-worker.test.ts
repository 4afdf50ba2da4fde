// Hashing on the worker thread gives the same digests as hashing here, gives the bytes back
// intact, and falls back to this thread when the worker is gone.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { HashWorker } from '../../../electron/photos/hash-worker';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A buffer that owns its memory (as the importer's pooled read buffers do), filled with a pattern. */
function owned(size: number, seed: number, offset = 0): Buffer {
  const whole = Buffer.allocUnsafeSlow(size + offset);
  for (let i = 0; i < whole.length; i++) whole[i] = (i * 31 + seed) & 0xff;
  return whole.subarray(offset, offset + size);
}

let hasher: HashWorker;
afterEach(() => hasher.close());

describe('HashWorker', () => {
  it('gives the digest of the bytes and the bytes back, also for views that start inside their memory', async () => {
    hasher = new HashWorker();
    const cases = [owned(3 << 20, 1), owned(1000, 2, 17), owned(0, 3)];
    for (const bytes of cases) {
      const copy = Buffer.from(bytes);
      const offset = bytes.byteOffset;
      const { sha256, bytes: back } = await hasher.hash(bytes, true);
      expect(sha256).toBe(sha(copy));
      expect(back.equals(copy)).toBe(true);
      expect(back.byteOffset).toBe(offset);
    }
  });

  it('hashes many buffers at once, each answer going to its own caller', async () => {
    hasher = new HashWorker();
    const buffers = Array.from({ length: 12 }, (_, i) => owned(50_000 + i * 997, i));
    const expected = buffers.map((b) => sha(b));
    const results = await Promise.all(buffers.map((b) => hasher.hash(b, true)));
    expect(results.map((r) => r.sha256)).toEqual(expected);
  });

  it('hashes a buffer it may not take (Node-pooled memory) here, leaving it usable', async () => {
    hasher = new HashWorker();
    const small = Buffer.from('a small pooled buffer');
    const neighbour = Buffer.from('its neighbour in the pool');
    const { sha256, bytes } = await hasher.hash(small, false);
    expect(sha256).toBe(sha(Buffer.from('a small pooled buffer')));
    expect(bytes).toBe(small);
    expect(neighbour.toString()).toBe('its neighbour in the pool');
  });

  it('goes on hashing here when the worker stops', async () => {
    hasher = new HashWorker();
    await hasher.hash(owned(10, 1), true);
    await (hasher as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    const bytes = owned(4096, 9);
    const { sha256 } = await hasher.hash(bytes, true);
    expect(sha256).toBe(sha(bytes));
  });
});

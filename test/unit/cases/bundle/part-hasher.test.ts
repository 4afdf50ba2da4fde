// The export hashes its parts on a worker thread, piece by piece from shared memory, several parts
// one after another: the digests must be SHA-256 of each part's bytes, on the worker and without it.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PartHasher } from '../../../../electron/cases/bundle/part-hasher';

function shared(bytes: Buffer): Buffer {
  const piece = Buffer.from(new SharedArrayBuffer(bytes.length + 100), 50, bytes.length); // not at the start of its memory
  bytes.copy(piece);
  return piece;
}

describe('hashing parts on a worker', () => {
  for (const onWorker of [true, false]) {
    it(`gives each part's SHA-256 ${onWorker ? 'on the worker' : 'on this thread'}, pieces reused between parts`, async () => {
      const hasher = new PartHasher(onWorker);
      try {
        const memory = shared(Buffer.alloc(300_000));
        for (const sizes of [[1000, 200_000, 7], [], [300_000, 300_000, 1]]) {
          const part = hasher.part();
          const whole = createHash('sha256');
          for (const size of sizes) {
            const bytes = randomBytes(size);
            bytes.copy(memory);
            whole.update(bytes);
            await part.update(memory.subarray(0, size)); // resolved: the piece may change
          }
          expect(await part.digest()).toBe(whole.digest('hex'));
        }
      } finally {
        await hasher.close();
      }
    });
  }
});

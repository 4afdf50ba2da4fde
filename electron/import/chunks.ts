// Reads a file as a sequence of byte chunks so that huge exports never sit in memory whole.
import { open } from 'node:fs/promises';
import { throwIfAborted } from './abort';

/**
 * 64 KiB: a fresh buffer per chunk (lines are views into it), and at this size the allocator
 * reuses freed chunks in place. 1 MiB chunks went to the C heap's large-block path, whose freed
 * memory stayed counted in the process: a 100k-card import peaked ~60 MB higher for no gain.
 */
export const CHUNK_SIZE = 1 << 16;

export interface ChunkOptions {
  signal?: AbortSignal;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  chunkSize?: number;
}

export async function* readChunks(path: string, opts: ChunkOptions = {}): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  try {
    const total = (await handle.stat()).size;
    const size = opts.chunkSize ?? CHUNK_SIZE;
    let position = 0;
    for (;;) {
      throwIfAborted(opts.signal);
      const buf = Buffer.allocUnsafe(size);
      const { bytesRead } = await handle.read(buf, 0, size, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      opts.onProgress?.(position, total);
      yield bytesRead === size ? buf : buf.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** The first `limit` bytes of a file (fewer when it is shorter). */
export async function readHead(path: string, limit: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(limit);
    const { bytesRead } = await handle.read(buf, 0, limit, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

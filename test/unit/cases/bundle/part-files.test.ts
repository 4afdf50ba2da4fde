// An import writes its parts' files on the event loop (no hop to libuv's threads per open and write)
// until one open or write is slow, then on libuv's threads; a durable import always there (each file
// fsynced off the event loop). Every way, each file holds its pieces in order, and a failing write
// (a full disk) rejects with the disk's error and leaves nothing open.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PartFiles } from '../../../../electron/cases/bundle/part-files';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relink-part-files-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes `pieces` into `file` through `files`, counting the pieces let go; returns the bytes expected. */
async function writePart(files: PartFiles, file: string, sizes: number[]): Promise<{ expected: Buffer; released: number }> {
  const sink = await files.open(file);
  const pieces = sizes.map((n) => randomBytes(n));
  let released = 0;
  for (const piece of pieces) await sink.write([piece], () => released++);
  await sink.end();
  return { expected: Buffer.concat(pieces), released };
}

describe('the files an import writes its parts into', () => {
  it('are written on the event loop while the disk keeps up, folders made as needed, every piece let go', async () => {
    const files = new PartFiles(false, 60_000);
    for (const [i, sizes] of [[0], [1, 1024 * 1024, 7], [300_000, 300_000]].entries()) {
      const file = join(dir, 'here', `f${i % 2}`, `part${i}`);
      const { expected, released } = await writePart(files, file, sizes);
      expect(await readFile(file)).toEqual(expected);
      expect(released).toBe(sizes.length);
      expect(files.writingHere).toBe(true);
    }
    expect([...files.folders].sort()).toEqual([join(dir, 'here', 'f0'), join(dir, 'here', 'f1')]);
  });

  it('after a slow open or write, the next files go to libuv threads, all whole', async () => {
    const files = new PartFiles(false, 0); // every call counts as slow
    expect(files.writingHere).toBe(true);
    const first = await writePart(files, join(dir, 'slow', 'a'), [1000, 2000]);
    expect(files.writingHere).toBe(false);
    const second = await writePart(files, join(dir, 'slow', 'sub', 'b'), [70_000, 1, 5]);
    expect(await readFile(join(dir, 'slow', 'a'))).toEqual(first.expected);
    expect(await readFile(join(dir, 'slow', 'sub', 'b'))).toEqual(second.expected);
    expect(second.released).toBe(3);
  });

  it('a durable import writes every file on libuv threads', async () => {
    const files = new PartFiles(true, 60_000);
    expect(files.writingHere).toBe(false);
    const { expected } = await writePart(files, join(dir, 'durable', 'a'), [4096, 10]);
    expect(await readFile(join(dir, 'durable', 'a'))).toEqual(expected);
    expect(files.folders.has(join(dir, 'durable'))).toBe(true);
  });

  it.skipIf(!existsSync('/dev/full'))('a full disk rejects the write with its error, and the piece is let go', async () => {
    const files = new PartFiles(false, 60_000);
    const sink = await files.open('/dev/full');
    let released = 0;
    await expect(sink.write([randomBytes(5000)], () => released++)).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(released).toBe(1);
    await sink.end(); // closes nothing twice
  });
});

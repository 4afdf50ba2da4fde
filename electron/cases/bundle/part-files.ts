// The files an import writes its parts into (in its staging folder), each a sink for read.ts.
//
// Written right here with writeSync while the disk keeps up: a write into the page cache takes a
// fraction of a millisecond, and sending it to libuv's threads instead costs a hop there and back per
// open, write and close (a thread woken, two context switches): on a quiet machine of two cores,
// 0.1 s of the 1.4 s of CPU of a 1 GB import, and 87% → 95% of tar's speed (README, Measured: case
// bundle). On a machine busy with other work the threadpool's extra threads win more of the cores.
//
// A write that blocks the event loop for long (a slow disk, the kernel throttling dirty pages) would
// freeze everything else this process does, so once one open or write here takes SLOW_MS or more, the
// files after it are written on libuv's threads (PieceWriter), as are the files of a durable import
// (each fsynced: that wait belongs off the event loop).
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PieceWriter } from './io';
import type { PartSink } from './read';

/** An open or write here taking this long (ms) sends the next files to libuv's threads. */
export const SLOW_MS = 20;

export class PartFiles {
  /** Folders made (all of them, for a durable import's fsync pass). */
  readonly folders = new Set<string>();
  private here: boolean;

  constructor(
    private readonly durable: boolean,
    private readonly slowMs = SLOW_MS,
  ) {
    this.here = !durable;
  }

  /** Whether the next file is written on this thread. */
  get writingHere(): boolean {
    return this.here;
  }

  /** A part's file, its folder made once; written a piece at a time, never whole in memory. */
  async open(file: string): Promise<PartSink> {
    const folder = dirname(file);
    if (!this.here) {
      if (!this.folders.has(folder)) await mkdir(folder, { recursive: true, mode: 0o700 });
      this.folders.add(folder);
      return asyncFile(file, this.durable);
    }
    const started = performance.now();
    if (!this.folders.has(folder)) mkdirSync(folder, { recursive: true, mode: 0o700 });
    this.folders.add(folder);
    const fd = openSync(file, 'w', 0o600);
    this.timed(started);
    let position = 0;
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      closeSync(fd);
    };
    return {
      write: (pieces, written) => {
        try {
          for (const piece of pieces) {
            const started = performance.now();
            for (let at = 0; at < piece.length;) at += writeSync(fd, piece, at, piece.length - at, position + at);
            position += piece.length;
            this.timed(started);
          }
          return Promise.resolve();
        } catch (error) {
          close();
          return Promise.reject(error as Error);
        } finally {
          written();
        }
      },
      end: () => {
        close();
        return Promise.resolve();
      },
    };
  }

  private timed(started: number): void {
    if (performance.now() - started >= this.slowMs) this.here = false;
  }
}

/** A part's file written on libuv's threads, a few pieces at a time (and fsynced when durable). */
async function asyncFile(file: string, durable: boolean): Promise<PartSink> {
  const handle = await open(file, 'w', 0o600);
  const writer = new PieceWriter(handle);
  return {
    write: (pieces, written) => writer.write(pieces, written),
    end: async () => {
      try {
        await writer.flush(durable);
      } finally {
        await handle.close();
      }
    },
  };
}

// Moving a bundle's bytes between the disk and the hashes, fast: large reads and writes that run on
// libuv's threads while the event loop hashes (and encrypts or decrypts) the pieces before and after
// them, a bounded number in flight so memory stays small whatever the size of a part.
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import type { Decryption, Encryption } from './crypt';

/** Bytes per read: a sixteenth of the per-piece work of 64 KiB reads. */
export const PIECE = 1024 * 1024;
/** Writes in flight at most (each at most a piece or two). */
const WRITES_IN_FLIGHT = 4;
/** After this many bytes the data written so far starts going to the disk, so the final flush is short. */
const FLUSH_EVERY = 64 * 1024 * 1024;

/** Writes pieces at the end of a file, in order, several at once. Buffers given must not change until `flush`. */
export class PieceWriter {
  private position = 0;
  private readonly inFlight = new Set<Promise<unknown>>();
  private failed: unknown;
  private flushing: Promise<void> | undefined;
  private sinceFlush = 0;

  constructor(readonly handle: FileHandle, private readonly flushAlong = false) {}

  get size(): number {
    return this.position;
  }

  /** Queues the buffers' write; `written` is called once they are on their way no more (done or failed). */
  async write(buffers: Buffer[], written?: () => void): Promise<void> {
    if (this.failed) throw this.failed;
    let length = 0;
    for (const b of buffers) length += b.length;
    if (length === 0) {
      written?.();
      return;
    }
    const write: Promise<unknown> = (buffers.length === 1 ? this.handle.write(buffers[0]!, 0, length, this.position) : this.handle.writev(buffers, this.position)).then(
      () => {
        this.inFlight.delete(write);
        written?.();
      },
      (error: unknown) => {
        this.inFlight.delete(write);
        this.failed ??= error;
      },
    );
    this.inFlight.add(write);
    this.position += length;
    this.sinceFlush += length;
    if (this.flushAlong && this.sinceFlush >= FLUSH_EVERY && !this.flushing) {
      this.sinceFlush = 0;
      // The disk takes what was written while the next pieces are read and hashed.
      this.flushing = this.handle.datasync().then(
        () => (this.flushing = undefined),
        (error: unknown) => {
          this.flushing = undefined;
          this.failed ??= error;
        },
      );
    }
    while (this.inFlight.size >= WRITES_IN_FLIGHT) await Promise.race(this.inFlight);
    if (this.failed) throw this.failed;
  }

  /** Every write done (and with `durable`, on the disk). */
  async flush(durable: boolean): Promise<void> {
    await Promise.all(this.inFlight);
    await this.flushing;
    if (this.failed) throw this.failed;
    if (durable) await this.handle.sync();
  }
}

/** The bundle's bytes as they go out: encrypted first when there is a passphrase. */
export class BundleOutput {
  private constructor(private readonly writer: PieceWriter, private readonly encryption: Encryption | undefined) {}

  static async start(writer: PieceWriter, encryption: Encryption | undefined): Promise<BundleOutput> {
    if (encryption) await writer.write([encryption.head]);
    return new BundleOutput(writer, encryption);
  }

  /** `released` is called once the buffers given are no longer needed (sealed, or written). */
  write(buffers: Buffer[], released?: () => void): Promise<void> {
    if (!this.encryption) return this.writer.write(buffers, released);
    const sealed: Buffer[] = [];
    for (const b of buffers) sealed.push(...this.encryption.push(b));
    released?.();
    return this.writer.write(sealed);
  }

  async finish(): Promise<void> {
    if (this.encryption) await this.writer.write(this.encryption.finish());
    await this.writer.flush(true);
  }
}

/**
 * Piece buffers to use again once written and hashed, in shared memory (the hashing worker reads
 * them there): a fresh 1 MiB buffer per read costs page faults and garbage collections that, at
 * disk speed, take a fifth of the CPU time of an export.
 */
export class PiecePool {
  private readonly free: Buffer[] = [];
  take(): Buffer {
    return this.free.pop() ?? Buffer.from(new SharedArrayBuffer(PIECE));
  }
  /** `piece` is a piece read into a buffer of this pool (or a subarray of one). */
  give(piece: Buffer): void {
    if (this.free.length < 16) this.free.push(Buffer.from(piece.buffer, 0, PIECE));
  }
}

/** Reads a file from `start` to its end in pieces, the next read under way while one is used. */
export async function* readPieces(handle: FileHandle, start = 0, signal?: AbortSignal, pool?: PiecePool): AsyncGenerator<Buffer> {
  let position = start;
  const next = () => {
    const read = handle.read(pool ? pool.take() : Buffer.allocUnsafe(PIECE), 0, PIECE, position);
    read.catch(() => undefined); // a read still under way when the reader stops early is not awaited
    return read;
  };
  let pending = next();
  for (;;) {
    const { bytesRead, buffer } = await pending;
    signal?.throwIfAborted();
    if (bytesRead === 0) return;
    position += bytesRead;
    pending = next();
    yield buffer.subarray(0, bytesRead);
  }
}

/** A file's pieces, opened and closed here. */
export async function* filePieces(file: string, signal?: AbortSignal, pool?: PiecePool): AsyncGenerator<Buffer> {
  const handle = await open(file, 'r');
  try {
    yield* readPieces(handle, 0, signal, pool);
  } finally {
    await handle.close();
  }
}

/**
 * A bundle's plain bytes as a reader takes them: `take(n)` for headers, `pieces(n)` for an entry's
 * data as it comes (subarrays of what was read, never copied). `undefined`/short at the end of the file.
 */
export class BundleInput {
  private readonly source: AsyncGenerator<Buffer>;
  private buffered: Buffer[] = [];
  private ended = false;

  constructor(handle: FileHandle, private readonly decryption: Decryption | undefined, signal?: AbortSignal) {
    this.source = this.plain(handle, signal);
  }

  private async *plain(handle: FileHandle, signal?: AbortSignal): AsyncGenerator<Buffer> {
    if (!this.decryption) {
      yield* readPieces(handle, 0, signal);
      return;
    }
    for await (const sealed of readPieces(handle, this.decryption.payloadStart, signal)) yield* this.decryption.push(sealed);
    yield this.decryption.finish();
  }

  /** Bytes added to `buffered`, or undefined at the end. */
  private async more(): Promise<number | undefined> {
    if (this.ended) return undefined;
    const { value, done } = await this.source.next();
    if (done) {
      this.ended = true;
      return undefined;
    }
    if (value.length > 0) this.buffered.push(value);
    return value.length;
  }

  /** Exactly `n` bytes, or fewer when the bundle ends first. */
  async take(n: number): Promise<Buffer> {
    let have = this.buffered.reduce((sum, b) => sum + b.length, 0);
    while (have < n) {
      const added = await this.more();
      if (added === undefined) break;
      have += added;
    }
    const all = this.buffered.length === 1 ? this.buffered[0]! : Buffer.concat(this.buffered);
    const taken = all.subarray(0, Math.min(n, all.length));
    this.buffered = all.length > n ? [all.subarray(n)] : [];
    return taken;
  }

  /** The next `n` bytes as they come; stops early when the bundle ends (the caller counts). */
  async *pieces(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      if (this.buffered.length === 0) {
        if ((await this.more()) === undefined) return;
        continue;
      }
      const first = this.buffered[0]!;
      if (first.length <= left) {
        this.buffered.shift();
        left -= first.length;
        yield first;
      } else {
        this.buffered[0] = first.subarray(left);
        yield first.subarray(0, left);
        left = 0;
      }
    }
  }

  /** Whether anything but zeros follows (tar pads its end with zero blocks). */
  async onlyZerosLeft(): Promise<boolean> {
    for (;;) {
      for (const b of this.buffered) if (b.some((x) => x !== 0)) return false;
      this.buffered = [];
      if ((await this.more()) === undefined) return true;
    }
  }

  async close(): Promise<void> {
    await this.source.return(undefined);
  }
}

// Moving a bundle's bytes between the disk and the hashes, fast: large reads and writes that run on
// libuv's threads while the event loop hashes (and encrypts or decrypts) the pieces before and after
// them, a bounded number in flight so memory stays small whatever the size of a part.
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import type { Decryption, Encryption } from './crypt';
import type { OpenWorkers } from './open-workers';
import { SealWorkers } from './seal-workers';

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
    this.wroteElsewhere(length);
    while (this.inFlight.size >= WRITES_IN_FLIGHT) await Promise.race(this.inFlight);
    if (this.failed) throw this.failed;
  }

  /** Bytes written to the file (here, or by the sealing workers): flushed along the way when asked. */
  wroteElsewhere(length: number): void {
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
  }

  /** Every write done (and with `durable`, on the disk). */
  async flush(durable: boolean): Promise<void> {
    await Promise.all(this.inFlight);
    await this.flushing;
    if (this.failed) throw this.failed;
    if (durable) await this.handle.sync();
  }
}

/** The bundle's bytes as they go out: encrypted first when there is a passphrase, here or on workers. */
export class BundleOutput {
  private constructor(
    private readonly writer: PieceWriter,
    private readonly encryption: Encryption | undefined,
    private readonly workers?: SealWorkers,
    /** The age head, written at the start of the file once scrypt is done (the workers write after it meanwhile). */
    private readonly headWritten?: Promise<void>,
  ) {}

  /** `onWorkers`: a large bundle's payload is sealed on worker threads (starting them costs ~50 ms), from before scrypt is done. */
  static async start(writer: PieceWriter, encryption: Encryption | undefined, onWorkers = false): Promise<BundleOutput> {
    if (!encryption) return new BundleOutput(writer, undefined);
    if (!onWorkers) {
      await writer.write([await encryption.head]);
      return new BundleOutput(writer, encryption);
    }
    const headWritten = encryption.head.then(async (head) => {
      await writer.handle.write(head, 0, head.length, 0);
      writer.wroteElsewhere(head.length);
    });
    headWritten.catch(() => undefined); // awaited by finish and close
    const workers = new SealWorkers(encryption.key, writer.handle.fd, encryption.headLength, (n) => writer.wroteElsewhere(n));
    return new BundleOutput(writer, encryption, workers, headWritten);
  }

  /** `released` is called once the buffers given are no longer needed (sealed, or written). */
  write(buffers: Buffer[], released?: () => void): Promise<void> {
    if (!this.encryption) return this.writer.write(buffers, released);
    if (this.workers) return this.workers.write(buffers, released);
    const sealed: Buffer[] = [];
    for (const b of buffers) sealed.push(...this.encryption.push(b));
    released?.();
    return this.writer.write(sealed);
  }

  async finish(): Promise<void> {
    if (this.workers) {
      await this.workers.finish();
      await this.headWritten;
    } else if (this.encryption) await this.writer.write(this.encryption.finish());
    await this.writer.flush(true);
  }

  /** Nothing is written after this resolves (the file can be closed), finished or not. */
  async close(): Promise<void> {
    await this.workers?.close();
    await this.headWritten?.catch(() => undefined);
  }
}

/**
 * Piece buffers to use again once written and hashed, in shared memory (the hashing worker reads
 * them there): a fresh 1 MiB buffer per read costs page faults and garbage collections that, at
 * disk speed, take a fifth of the CPU time of an export.
 *
 * A piece may have several users at once (the hash, a write, the reader still holding the rest of
 * it): each `hold`s it and `release`s it when done; it is used again once the last lets go. A piece
 * still held when its users fail is left to the garbage collector, never used again. The pool keeps
 * every buffer given back, so it holds as many as were ever in use at once (bounded by the writes,
 * hashes and reads each user allows in flight), and the hashing worker sees no other.
 */
export class PiecePool {
  private readonly free: Buffer[] = [];
  private readonly users = new Map<ArrayBufferLike, number>();

  /** A whole piece, held once by the taker. */
  take(): Buffer {
    const piece = this.free.pop() ?? Buffer.from(new SharedArrayBuffer(PIECE));
    this.users.set(piece.buffer, 1);
    return piece;
  }

  /** Whether `piece` lies in one of this pool's buffers. */
  owns(piece: Buffer): boolean {
    return this.users.has(piece.buffer);
  }

  /** One more user of the buffer `piece` lies in (a subarray of a piece taken here). */
  hold(piece: Buffer): void {
    const n = this.users.get(piece.buffer);
    if (n === undefined) throw new Error('PiecePool.hold: not a piece of this pool, or one already given back');
    this.users.set(piece.buffer, n + 1);
  }

  /** A user is done with `piece`; the buffer is free again after its last. Buffers not from here are ignored. */
  release(piece: Buffer): void {
    const n = this.users.get(piece.buffer);
    if (n === undefined) return;
    if (n > 1) {
      this.users.set(piece.buffer, n - 1);
      return;
    }
    this.users.delete(piece.buffer);
    this.free.push(Buffer.from(piece.buffer, 0, PIECE));
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
 * A bundle's plain bytes as a reader takes them: `take(n)` for headers (a copy), `pieces(n)` for an
 * entry's data as it comes. Unencrypted, the bytes are read into `pool`'s pieces and `pieces(n)`
 * yields subarrays of them, never copied: a reader that keeps one past its next step must `hold` it
 * (this input lets go of a piece once it has yielded its last byte). Decrypted bytes are pieces of
 * `pool` too when opened on workers, else new buffers.
 * `undefined`/short at the end of the file.
 */
export class BundleInput {
  private readonly source: AsyncGenerator<Buffer>;
  private buffered: Buffer[] = [];
  private ended = false;

  /** `opening`: the payload is opened on these workers (a large bundle), into pieces of `pool`; `fileSize` says where it ends. */
  constructor(handle: FileHandle, private readonly decryption: Decryption | undefined, private readonly pool: PiecePool, signal?: AbortSignal, opening?: { workers: OpenWorkers; fileSize: number }) {
    this.source = this.plain(handle, signal, opening);
  }

  private async *plain(handle: FileHandle, signal?: AbortSignal, opening?: { workers: OpenWorkers; fileSize: number }): AsyncGenerator<Buffer> {
    if (!this.decryption) {
      yield* readPieces(handle, 0, signal, this.pool);
      return;
    }
    if (opening) {
      yield* opening.workers.plain(handle, this.decryption.payloadStart, opening.fileSize, this.decryption.key, this.pool, signal);
      return;
    }
    for await (const sealed of readPieces(handle, this.decryption.payloadStart, signal, this.pool)) {
      const plain = this.decryption.push(sealed); // new buffers: the sealed piece can be read into again
      this.pool.release(sealed);
      yield* plain;
    }
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
    else this.pool.release(value);
    return value.length;
  }

  /** Exactly `n` bytes (copied), or fewer when the bundle ends first. */
  async take(n: number): Promise<Buffer> {
    let have = 0;
    for (const b of this.buffered) have += b.length;
    while (have < n) {
      const added = await this.more();
      if (added === undefined) break;
      have += added;
    }
    const taken = Buffer.allocUnsafe(Math.min(n, have));
    let at = 0;
    while (at < taken.length) {
      const first = this.buffered[0]!;
      const used = first.copy(taken, at, 0, Math.min(first.length, taken.length - at));
      at += used;
      if (used === first.length) {
        this.buffered.shift();
        this.pool.release(first);
      } else this.buffered[0] = first.subarray(used);
    }
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
        try {
          yield first;
        } finally {
          this.pool.release(first); // the reader holds it by now if it still needs it
        }
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
      for (const b of this.buffered) this.pool.release(b);
      this.buffered = [];
      if ((await this.more()) === undefined) return true;
    }
  }

  async close(): Promise<void> {
    await this.source.return(undefined);
  }
}

// Reads a bundle from start to end, checking as it goes: the header first (a newer format is
// refused before anything else), each part hashed as it streams by, and at the end the manifest,
// which every part must match and which must name nothing that was not there. Nothing is decided
// before the manifest has been read: a bundle cut short has none, and says which part it ended in.
import { open } from 'node:fs/promises';
import { ApiError } from '../../../shared/contract';
import { AgeDamagedError, startDecryption, WrongPassphraseError, type Decryption } from './crypt';
import {
  AGE_MAGIC, BUNDLE_FORMAT, bundleHeaderSchema, HEADER_ENTRY, MANIFEST_ENTRY, manifestSchema, safePartPath,
  type BundleHeader, type BundleManifest,
} from './format';
import { BundleInput, PIECE, PiecePool } from './io';
import { OpenWorkers } from './open-workers';
import { HASH_ON_WORKER_FROM, PartHasher } from './part-hasher';
import { BLOCK, padding, readHeader, readPax, TarFormatError } from './tar';

export interface ReadBundleOptions {
  passphrase?: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number | undefined, part: string) => void;
  /** Called once the header is read, before any part: may refuse the bundle (a name clash…). */
  onHeader?: (header: BundleHeader) => void | Promise<void>;
  /** Where each part's bytes go (a staging file), or nowhere when only verifying. */
  partSink?: (path: string) => Promise<PartSink>;
}

/** A part's destination: pieces in order (each kept unchanged until `written` is called), then `end`. */
export interface PartSink {
  write(pieces: Buffer[], written: () => void): Promise<void>;
  end(): Promise<void>;
}

/** Part files still being written and closed while the next part streams in, at most. */
const FILES_CLOSING = 8;

export function bundleError(code: string, message: string, details: Record<string, unknown> = {}): ApiError {
  return new ApiError('bad-input', message, { code, ...details });
}

export async function isEncryptedBundle(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(AGE_MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return bytesRead === head.length && head.equals(AGE_MAGIC);
  } finally {
    await handle.close();
  }
}

async function decryption(file: string, options: ReadBundleOptions): Promise<Decryption | undefined> {
  if (!(await isEncryptedBundle(file))) return undefined;
  if (options.passphrase === undefined) throw bundleError('bundle-passphrase-needed', 'This bundle is encrypted: give its passphrase');
  try {
    return await startDecryption(file, options.passphrase);
  } catch (error) {
    if (error instanceof WrongPassphraseError) throw bundleError('bundle-wrong-passphrase', error.message);
    if (error instanceof AgeDamagedError) throw bundleError('bundle-damaged', `The bundle's encryption header is damaged: ${error.message}`, { part: 'age header' });
    throw error;
  }
}

/** A description entry (header, manifest) whole: small, and bounded. */
async function readSmall(input: BundleInput, size: number, name: string): Promise<Buffer> {
  if (size > 64 * 1024 * 1024) throw bundleError('bundle-damaged', 'A bundle description is too large', { part: name });
  const bytes = await input.take(size);
  if (bytes.length < size) throw new TarFormatError('the bundle ends inside it');
  return bytes;
}

function parseJson<T>(bytes: Buffer, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, what: string, size: number): T {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8', 0, size));
  } catch {
    throw bundleError('bundle-damaged', `The bundle's ${what} is not readable`, { part: what });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw bundleError('bundle-damaged', `The bundle's ${what} is not readable`, { part: what });
  return parsed.data;
}

/** Pieces handed to the hashing worker and not yet hashed, at most, whatever part they are of: they hold memory. */
const HASHING_AT_MOST = 8;

/**
 * A part's bytes into its sink, hashed on the way (on the worker, from shared memory): the pieces
 * read from the bundle go to both as they are; decrypted ones are gathered into a piece of `pool`
 * first (a copy costs a tenth of hashing them here). Its size, and its SHA-256 to come: the next part
 * is read while the worker finishes this one's pieces (`hashing`, shared by all parts, bounds them).
 * Waiting for each part's digest instead made the reads and writes stop at the end of every part
 * until the worker caught up: with pictures of a few MB, the two cores took turns more than they
 * worked together.
 */
async function drainInto(input: BundleInput, size: number, sink: PartSink | undefined, hasher: PartHasher, pool: PiecePool, hashing: Promise<void>[], onBytes: (n: number) => void): Promise<{ size: number; sha256: Promise<string> }> {
  const hash = hasher.part();
  let got = 0;
  /** A piece held once here: to the hash and the sink, released by each when done. */
  const use = async (piece: Buffer) => {
    if (sink) pool.hold(piece);
    hashing.push(hash.update(piece).then(() => pool.release(piece), () => undefined)); // a failed worker fails digest() below
    if (hashing.length > HASHING_AT_MOST) await hashing.shift();
    if (sink) await sink.write([piece], () => pool.release(piece));
    onBytes(piece.length);
  };
  let gathered: Buffer | undefined;
  let used = 0;
  const useGathered = async () => {
    if (!gathered) return;
    const piece = gathered.subarray(0, used);
    gathered = undefined;
    await use(piece);
  };
  for await (const piece of input.pieces(size)) {
    got += piece.length;
    if (pool.owns(piece)) {
      await useGathered();
      pool.hold(piece);
      await use(piece);
      continue;
    }
    for (let at = 0; at < piece.length;) {
      if (gathered && used === PIECE) await useGathered();
      if (!gathered) {
        gathered = pool.take();
        used = 0;
      }
      const n = piece.copy(gathered, used, at);
      used += n;
      at += n;
    }
  }
  await useGathered();
  if (got < size) throw new TarFormatError('the bundle ends inside it');
  if ((await input.take(padding(size).length)).length < padding(size).length) throw new TarFormatError('the bundle ends inside it');
  const sha256 = hash.digest();
  sha256.catch(() => undefined); // awaited once every part is read
  return { size: got, sha256 };
}

export async function readBundle(file: string, options: ReadBundleOptions = {}): Promise<{ header: BundleHeader; manifest: BundleManifest }> {
  const handle = await open(file, 'r');
  const ends: Promise<void>[] = [];
  let closed = 0;
  let header: BundleHeader | undefined;
  let manifest: BundleManifest | undefined;
  const seen = new Map<string, { size: number; sha256: Promise<string> }>();
  /** Pieces with the hashing worker, across parts: the last part's hash runs on while the next is read. */
  const hashing: Promise<void>[] = [];
  const hashed = new Map<string, { size: number; sha256: string }>();
  let current = HEADER_ENTRY;
  let hasher: PartHasher | undefined;
  let opening: OpenWorkers | undefined;
  const pool = new PiecePool();
  try {
    // A large bundle's parts hash on the worker, and its payload is opened on others, started now:
    // it takes ~50 ms, which the header (and scrypt) go by meanwhile instead of the first parts
    // waiting for it.
    const fileSize = (await handle.stat()).size;
    const large = fileSize >= HASH_ON_WORKER_FROM;
    const hashes = (hasher = new PartHasher(large));
    if (large && (await isEncryptedBundle(file))) opening = new OpenWorkers();
    const decrypting = await decryption(file, options);
    const input = new BundleInput(handle, decrypting, pool, options.signal, opening && { workers: opening, fileSize });
    let done = 0;
    try {
      let pax: { path?: string; size?: number } = {};
      for (;;) {
        const block = await input.take(BLOCK);
        if (block.length < BLOCK) throw new TarFormatError('the bundle ends inside a header');
        let entry;
        try {
          entry = readHeader(block);
        } catch (error) {
          if (!header) throw bundleError('bundle-not-a-bundle', 'This is not a Relink case bundle');
          throw error;
        }
        if (!entry) {
          // The end: a second zero block, then nothing but zeros.
          const second = await input.take(BLOCK);
          if (second.length < BLOCK || !second.every((b) => b === 0)) throw new TarFormatError('the end of the bundle is damaged');
          if (!(await input.onlyZerosLeft())) throw bundleError('bundle-damaged', 'The bundle goes on after its end', { part: current });
          break;
        }
        if (entry.type === 'x') {
          pax = readPax((await readSmall(input, entry.size + padding(entry.size).length, current)).subarray(0, entry.size));
          continue;
        }
        const name = pax.path ?? entry.name;
        const size = pax.size ?? entry.size;
        pax = {};
        current = name;
        if (entry.type !== '0') throw bundleError('bundle-damaged', `The bundle holds a part it may not hold (${name})`, { part: name });
        if (manifest) throw bundleError('bundle-damaged', `The bundle goes on after its manifest (${name})`, { part: name });
        if (!header) {
          if (name !== HEADER_ENTRY) throw bundleError('bundle-not-a-bundle', 'This is not a Relink case bundle');
          header = parseJson(await readSmall(input, size + padding(size).length, name), bundleHeaderSchema, HEADER_ENTRY, size);
          if (header.format > BUNDLE_FORMAT) {
            throw bundleError('bundle-newer-format', `This bundle was made by a newer Relink (format ${header.format}, this one reads ${BUNDLE_FORMAT}): update Relink to import it`, {
              format: header.format,
            });
          }
          await options.onHeader?.(header);
          continue;
        }
        if (name === MANIFEST_ENTRY) {
          manifest = parseJson(await readSmall(input, size + padding(size).length, name), manifestSchema, MANIFEST_ENTRY, size);
          continue;
        }
        const path = safePartPath(name);
        if (!path || seen.has(path)) throw bundleError('bundle-damaged', `The bundle holds a part it may not hold (${name})`, { part: name });
        const sink = await options.partSink?.(path);
        try {
          seen.set(
            path,
            await drainInto(input, size, sink, hashes, pool, hashing, (n) => {
              done += n;
              options.onProgress?.(done, header?.counts.bytes, path);
            }),
          );
        } finally {
          if (sink) ends.push(sink.end()); // files close while the next part streams in
        }
        // A few at most: their writes hold memory.
        while (closed <= ends.length - FILES_CLOSING) await ends[closed++];
      }
      for (const [path, part] of seen) hashed.set(path, { size: part.size, sha256: await part.sha256 }); // before the worker stops
    } finally {
      await input.close();
    }
    await Promise.all(ends);
  } catch (error) {
    await Promise.allSettled(ends);
    if (error instanceof ApiError) throw error;
    if ((error as Error).name === 'AbortError') throw error;
    if (typeof (error as NodeJS.ErrnoException).code === 'string') throw error; // the disk (full, unreadable): not the bundle's fault
    // The file stops inside a part, a header is damaged, or the encrypted data does not authenticate.
    throw bundleError('bundle-truncated', `The bundle is damaged or cut short (in ${current}): ${(error as Error).message}`, { part: current });
  } finally {
    await hasher?.close();
    await opening?.close();
    await handle.close();
  }
  if (!header) throw bundleError('bundle-not-a-bundle', 'This is not a Relink case bundle');
  if (!manifest) throw bundleError('bundle-truncated', `The bundle is cut short (it ends in ${current})`, { part: current });
  for (const part of manifest.parts) {
    const got = hashed.get(part.path);
    if (!got) throw bundleError('bundle-damaged', `The bundle lacks ${part.path}`, { part: part.path });
    if (got.size !== part.size || got.sha256 !== part.sha256) throw bundleError('bundle-damaged', `${part.path} in the bundle is damaged (its checksum differs)`, { part: part.path });
    hashed.delete(part.path);
  }
  const extra = hashed.keys().next();
  if (!extra.done) throw bundleError('bundle-damaged', `The bundle holds ${extra.value}, which its manifest does not list`, { part: extra.value });
  return { header, manifest };
}

// Writes a case as one bundle file, streamed: no part is ever held in memory whole. The bundle is
// written to `<out>.part` and renamed into place once complete and flushed, so a bundle that exists
// is a whole one; a cancel or a crash leaves at most the .part file, removed by the next try.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { openCaseFolder } from '../case-folder';
import { startEncryption } from './crypt';
import { BUNDLE_FORMAT, HEADER_ENTRY, MANIFEST_ENTRY, PART_PREFIX, type BundleHeader, type BundleManifest } from './format';
import { BundleOutput, filePieces, PiecePool, PieceWriter } from './io';
import { HASH_ON_WORKER_FROM, PartHasher } from './part-hasher';
import { entryHeader, padding, TAR_END } from './tar';
import { caseParts, type CasePart } from './walk';

export interface ExportOptions {
  appVersion: string;
  passphrase?: string;
  /** scrypt cost for the passphrase (tests lower it). */
  workFactor?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, part: string) => void;
}

export interface ExportResult {
  file: string;
  parts: number;
  bytes: number;
  encrypted: boolean;
}

export async function exportCaseBundle(caseDir: string, out: string, options: ExportOptions): Promise<ExportResult> {
  const { meta } = await openCaseFolder(caseDir);
  const scratch = join(dirname(caseDir), `.bundle-scratch-${randomBytes(6).toString('hex')}`);
  const partial = `${out}.part`;
  await mkdir(scratch, { recursive: true, mode: 0o700 });
  await mkdir(dirname(out), { recursive: true, mode: 0o700 }); // only folders it creates: an --out folder of the user's stays as it is
  try {
    // scrypt runs on libuv's threads while the case's files are listed and its databases snapshot.
    const encrypting = options.passphrase === undefined ? undefined : startEncryption(options.passphrase, options.workFactor);
    encrypting?.catch(() => undefined); // awaited below; not unhandled if listing fails first
    const parts = await caseParts(caseDir, scratch);
    const total = parts.reduce((sum, p) => sum + p.size, 0);
    const header: BundleHeader = {
      format: BUNDLE_FORMAT,
      app: options.appVersion,
      caseName: meta.name,
      createdAt: new Date().toISOString(),
      counts: { persons: meta.persons, parts: parts.length, bytes: total },
    };
    const encryption = await encrypting;
    const handle = await open(partial, 'w', 0o600);
    const hasher = new PartHasher(total >= HASH_ON_WORKER_FROM);
    const pool = new PiecePool();
    try {
      // Flushed along the way: the disk writes while the next parts are read, and the last flush is short.
      const output = await BundleOutput.start(new PieceWriter(handle, true), encryption, total >= HASH_ON_WORKER_FROM);
      try {
        await writeBundle(output, header, parts, pool, hasher, options);
      } finally {
        await output.close(); // no worker writes to the file once it is closed
      }
    } finally {
      await hasher.close();
      await handle.close();
    }
    await rename(partial, out);
    return { file: out, parts: parts.length, bytes: total, encrypted: options.passphrase !== undefined };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The bundle's entries: its header, every part, the manifest, tar's end; on the disk once it resolves. */
async function writeBundle(output: BundleOutput, header: BundleHeader, parts: CasePart[], pool: PiecePool, hasher: PartHasher, options: ExportOptions): Promise<void> {
  const small = (name: string, text: string) => {
    const data = Buffer.from(text);
    return output.write([entryHeader({ name, size: data.length, mode: 0o600, mtime: new Date() }), data, padding(data.length)]);
  };
  await small(HEADER_ENTRY, JSON.stringify(header, null, 2));
  const manifest: BundleManifest = { parts: [] };
  let done = 0;
  for (const part of parts) {
    options.signal?.throwIfAborted();
    const sha256 = await writePart(output, part, pool, hasher, options.signal, (n) => {
      done += n;
      options.onProgress?.(done, header.counts.bytes, part.path);
    });
    manifest.parts.push({ path: part.path, size: part.size, sha256 });
  }
  await small(MANIFEST_ENTRY, JSON.stringify(manifest));
  await output.write([TAR_END]);
  await output.finish(); // on the disk before the rename: a bundle that exists is a whole one
}

/** Pieces handed to the hashing worker and not yet hashed, at most: they hold memory. */
const HASHING_AT_MOST = 8;

/** One part into the bundle, hashed on the way (on the worker, while this thread writes); its SHA-256. */
async function writePart(output: BundleOutput, part: CasePart, pool: PiecePool, hasher: PartHasher, signal: AbortSignal | undefined, onBytes: (n: number) => void): Promise<string> {
  const hash = hasher.part();
  const hashing: Promise<void>[] = [];
  await output.write([entryHeader({ name: PART_PREFIX + part.path, size: part.size, mode: 0o600, mtime: part.mtime })]);
  let size = 0;
  for await (const piece of filePieces(part.source, signal, pool)) {
    size += piece.length;
    if (size > part.size) break;
    // The read's hold goes to the hash, one more to the write: the piece is read into again once both are done.
    pool.hold(piece);
    hashing.push(hash.update(piece).then(() => pool.release(piece), () => undefined)); // a failed worker fails digest() below
    if (hashing.length > HASHING_AT_MOST) await hashing.shift();
    await output.write([piece], () => pool.release(piece));
    onBytes(piece.length);
  }
  // The header said part.size: a file that grew or shrank since would break the bundle's framing.
  if (size !== part.size) throw new Error(`${part.path} changed while the case was exported: export it again`);
  await output.write([padding(part.size)]);
  return hash.digest();
}

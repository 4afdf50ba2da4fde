// Writes a case as one bundle file, streamed: no part is ever held in memory whole. The bundle is
// written to `<out>.part` and renamed into place once complete and flushed, so a bundle that exists
// is a whole one; a cancel or a crash leaves at most the .part file, removed by the next try.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pack as tarPack } from 'tar-stream';
import { openCaseFolder } from '../case-folder';
import { encryptStream } from './crypt';
import { BUNDLE_FORMAT, HEADER_ENTRY, MANIFEST_ENTRY, PART_PREFIX, type BundleHeader, type BundleManifest } from './format';
import { caseParts } from './walk';

/** Bytes per read and write: 1 MiB chunks cost a sixteenth of the per-chunk work of 64 KiB ones. */
const CHUNK = 1024 * 1024;

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
    const parts = await caseParts(caseDir, scratch);
    const total = parts.reduce((sum, p) => sum + p.size, 0);
    const header: BundleHeader = {
      format: BUNDLE_FORMAT,
      app: options.appVersion,
      caseName: meta.name,
      createdAt: new Date().toISOString(),
      counts: { persons: meta.persons, parts: parts.length, bytes: total },
    };
    const tar = tarPack();
    // tar-stream's streams are streamx ones: Readable.from makes a Node stream of it for the pipeline.
    let stream: Readable = Readable.from(tar, { objectMode: false });
    if (options.passphrase !== undefined) stream = await encryptStream(stream, options.passphrase, options.workFactor);
    const written = pipeline(stream, createWriteStream(partial, { mode: 0o600, highWaterMark: CHUNK }), { signal: options.signal });

    const fill = async () => {
      tar.entry({ name: HEADER_ENTRY, mode: 0o600 }, JSON.stringify(header, null, 2));
      const manifest: BundleManifest = { parts: [] };
      let done = 0;
      for (const part of parts) {
        options.signal?.throwIfAborted();
        const hash = createHash('sha256');
        let entryWritten!: (error?: Error | null) => void;
        const entryDone = new Promise<void>((resolve, reject) => {
          entryWritten = (error) => (error ? reject(error) : resolve());
        });
        const entry = tar.entry({ name: PART_PREFIX + part.path, size: part.size, mode: 0o600, mtime: part.mtime }, entryWritten);
        for await (const chunk of createReadStream(part.source, { signal: options.signal, highWaterMark: CHUNK })) {
          hash.update(chunk as Buffer);
          done += (chunk as Buffer).length;
          options.onProgress?.(done, total, part.path);
          if (!entry.write(chunk)) await new Promise<void>((resolve) => entry.once('drain', () => resolve()));
        }
        (entry as unknown as { end(): void }).end(); // streamx's typings ask for a last chunk; there is none
        await entryDone;
        manifest.parts.push({ path: part.path, size: part.size, sha256: hash.digest('hex') });
      }
      tar.entry({ name: MANIFEST_ENTRY, mode: 0o600 }, JSON.stringify(manifest));
      tar.finalize();
    };
    await Promise.all([fill().catch((error: unknown) => {
      tar.destroy(error as Error);
      throw error;
    }), written]);

    const handle = await open(partial, 'r');
    await handle.sync();
    await handle.close();
    await rename(partial, out);
    return { file: out, parts: parts.length, bytes: total, encrypted: options.passphrase !== undefined };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

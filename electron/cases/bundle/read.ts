// Reads a bundle from start to end, checking as it goes: the header first (a newer format is
// refused before anything else), each part hashed as it streams by, and at the end the manifest,
// which every part must match and which must name nothing that was not there. Nothing is decided
// before the manifest has been read: a bundle cut short has none, and says which part it ended in.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { extract as tarExtract } from 'tar-stream';
import { ApiError } from '../../../shared/contract';
import { decryptStream, WrongPassphraseError } from './crypt';
import {
  AGE_MAGIC, BUNDLE_FORMAT, bundleHeaderSchema, HEADER_ENTRY, MANIFEST_ENTRY, manifestSchema, safePartPath,
  type BundleHeader, type BundleManifest,
} from './format';

export interface ReadBundleOptions {
  passphrase?: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number | undefined, part: string) => void;
  /** Called once the header is read, before any part: may refuse the bundle (a name clash…). */
  onHeader?: (header: BundleHeader) => void | Promise<void>;
  /** Where each part's bytes go (a staging file), or nowhere when only verifying. */
  partSink?: (path: string) => Promise<Writable>;
}

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

async function plainStream(file: string, options: ReadBundleOptions): Promise<Readable> {
  const raw = createReadStream(file, { signal: options.signal, highWaterMark: 1024 * 1024 });
  if (!(await isEncryptedBundle(file))) return raw;
  if (options.passphrase === undefined) {
    raw.destroy();
    throw bundleError('bundle-passphrase-needed', 'This bundle is encrypted: give its passphrase');
  }
  try {
    return await decryptStream(raw, options.passphrase);
  } catch (error) {
    if (error instanceof WrongPassphraseError) throw bundleError('bundle-wrong-passphrase', error.message);
    throw error;
  }
}

async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024 * 1024) throw bundleError('bundle-damaged', 'A bundle description is too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseJson<T>(bytes: Buffer, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw bundleError('bundle-damaged', `The bundle's ${what} is not readable`, { part: what });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw bundleError('bundle-damaged', `The bundle's ${what} is not readable`, { part: what });
  return parsed.data;
}

async function drainInto(entry: AsyncIterable<unknown>, sink: Writable | undefined, onBytes: (n: number) => void): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of entry) {
    hash.update(chunk as Buffer);
    onBytes((chunk as Buffer).length);
    if (sink && !sink.write(chunk)) await new Promise<void>((resolve) => sink.once('drain', () => resolve()));
  }
  if (sink) await new Promise<void>((resolve, reject) => sink.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return hash.digest('hex');
}

export async function readBundle(file: string, options: ReadBundleOptions = {}): Promise<{ header: BundleHeader; manifest: BundleManifest }> {
  const plain = await plainStream(file, options);
  const extract = tarExtract();
  plain.pipe(extract as unknown as Writable);
  plain.on('error', (error) => (extract as unknown as { destroy(e: Error): void }).destroy(error));

  let header: BundleHeader | undefined;
  let manifest: BundleManifest | undefined;
  const seen = new Map<string, { size: number; sha256: string }>();
  let current = HEADER_ENTRY;
  let done = 0;
  try {
    for await (const entry of extract) {
      const name = entry.header.name;
      current = name;
      if (manifest) throw bundleError('bundle-damaged', `The bundle goes on after its manifest (${name})`, { part: name });
      if (!header) {
        if (name !== HEADER_ENTRY) throw bundleError('bundle-not-a-bundle', 'This is not a Relink case bundle');
        header = parseJson(await readAll(entry), bundleHeaderSchema, HEADER_ENTRY);
        if (header.format > BUNDLE_FORMAT) {
          throw bundleError('bundle-newer-format', `This bundle was made by a newer Relink (format ${header.format}, this one reads ${BUNDLE_FORMAT}): update Relink to import it`, {
            format: header.format,
          });
        }
        await options.onHeader?.(header);
        continue;
      }
      if (name === MANIFEST_ENTRY) {
        manifest = parseJson(await readAll(entry), manifestSchema, MANIFEST_ENTRY);
        continue;
      }
      const path = safePartPath(name);
      if (!path || seen.has(path)) throw bundleError('bundle-damaged', `The bundle holds a part it may not hold (${name})`, { part: name });
      const sink = await options.partSink?.(path);
      let size = 0;
      const sha256 = await drainInto(entry, sink, (n) => {
        size += n;
        done += n;
        options.onProgress?.(done, header?.counts.bytes, path);
      });
      seen.set(path, { size, sha256 });
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if ((error as Error).name === 'AbortError') throw error;
    // tar-stream's "Unexpected end of data" and friends: the file stops inside a part.
    throw bundleError('bundle-truncated', `The bundle is damaged or cut short (in ${current}): ${(error as Error).message}`, { part: current });
  } finally {
    plain.destroy();
  }
  if (!header) throw bundleError('bundle-not-a-bundle', 'This is not a Relink case bundle');
  if (!manifest) throw bundleError('bundle-truncated', `The bundle is cut short (it ends in ${current})`, { part: current });
  for (const part of manifest.parts) {
    const got = seen.get(part.path);
    if (!got) throw bundleError('bundle-damaged', `The bundle lacks ${part.path}`, { part: part.path });
    if (got.size !== part.size || got.sha256 !== part.sha256) throw bundleError('bundle-damaged', `${part.path} in the bundle is damaged (its checksum differs)`, { part: part.path });
    seen.delete(part.path);
  }
  const extra = seen.keys().next();
  if (!extra.done) throw bundleError('bundle-damaged', `The bundle holds ${extra.value}, which its manifest does not list`, { part: extra.value });
  return { header, manifest };
}

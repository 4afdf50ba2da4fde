// POST /api/upload?name=… streams a file the user gave the page into the data folder, so a large
// import never sits in memory. Uploads are copies of the user's files: the contact import deletes
// its own once read, and none outlives the launch (clearUploads at close, clearLeftUploads at start).
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readdir, rm, statfs, unlink } from 'node:fs/promises';
import { makePrivateDir } from '../platform/private-files';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError } from '../../shared/contract';
import type { Backend } from '../api/backend';
import { json } from './responses';

/**
 * An upload may not exceed this, nor leave less than UPLOAD_FREE_MARGIN free on the data folder's
 * disk. Google Takeout splits exports at 2 GB by default (4/10/50 GB when chosen); larger files are
 * better read in place by the desktop app or `relink photos import`, which copy nothing first.
 */
export const MAX_UPLOAD_BYTES = 8 * 1024 ** 3;
const UPLOAD_FREE_MARGIN = 1024 ** 3;

async function uploadLimit(dir: string, maxBytes: number): Promise<number> {
  const fs = await statfs(dir);
  return Math.max(0, Math.min(maxBytes, fs.bavail * fs.bsize - UPLOAD_FREE_MARGIN));
}

function tooLarge(limit: number): ApiError {
  const gib = (limit / 1024 ** 3).toFixed(1);
  return new ApiError('too-large', `The file is larger than ${gib} GB, the most browser mode can take in (or than the free disk space allows); import it with the desktop app or the relink command, which read it in place`, { limit });
}

export async function uploadRoute(backend: Backend, request: Request, maxBytes: number): Promise<Response> {
  const url = new URL(request.url);
  const id = randomBytes(16).toString('hex');
  await makePrivateDir(backend.uploadsDir);
  const limit = await uploadLimit(backend.uploadsDir, maxBytes);
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const target = join(backend.uploadsDir, id);
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      done(received > limit ? tooLarge(limit) : null, chunk);
    },
  });
  try {
    const body = request.body ? Readable.fromWeb(request.body as import('node:stream/web').ReadableStream) : Readable.from([]);
    await pipeline(body, counter, createWriteStream(target, { mode: 0o600 }));
  } catch (error) {
    await unlink(target).catch(() => undefined);
    throw error;
  }
  return json(200, { result: { kind: 'upload', id, name: url.searchParams.get('name') ?? 'file' } });
}

export function clearUploads(backend: Backend): Promise<void> {
  return rm(backend.uploadsDir, { recursive: true, force: true });
}

/**
 * At start: every upload left by an earlier launch, and the copies a killed import had staged in a
 * case (`<case>/.import-tmp`, see api/upload-staging.ts; removed after each import, but not after a
 * kill -9 or a power cut), so no copy of the user's files outlives the launch that received it.
 */
export async function clearLeftUploads(backend: Backend): Promise<void> {
  await clearUploads(backend);
  const dataDir = dirname(backend.uploadsDir);
  const entries = await readdir(dataDir, { withFileTypes: true }).catch(() => []);
  await Promise.all(
    entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => rm(join(dataDir, e.name, '.import-tmp'), { recursive: true, force: true })),
  );
}

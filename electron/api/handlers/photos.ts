// Handlers for the photo archive, and the GET routes that serve its pictures in browser mode:
//   /api/photos/thumb?caseId=…&sha=…            256 px WebP thumbnail
//   /api/photos/file?caseId=…&sha=…[&download=1] the picture itself, with its own Content-Type

import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ApiError, caseId as caseIdSchema, sha256Hex } from '../../../shared/contract';
import type { PhotoImportProgress } from '../../../shared/types';
import { exportName, exportPhotos, getPhoto, importPhotos, listPhotos, photoFilePath, photoMonths, thumbnailPath, verifyPhotos } from '../../photos';
import { registerExtraRoute } from '../../host/extra-routes';
import { withImportPaths } from '../upload-staging';
import type { Backend, Handlers } from '../backend';
import { CaseClaims } from '../case-claims';

/** Order of PhotoImportProgress['phase'], sent as the `phase` counter of progress events. */
export const IMPORT_PHASES: PhotoImportProgress['phase'][] = ['scanning', 'importing', 'thumbnails', 'done'];

/** Largest picture sent whole over IPC as a data: URL (the viewer in Electron). */
const MAX_DATA_URL_BYTES = 64 * 1024 * 1024;

/** Cases with a photo import being prepared or running (their .import-tmp is in use). */
const importing = new CaseClaims('A photo import is already running for this case');

function cancelledError(error: unknown): boolean {
  return (error as Error)?.name === 'AbortError';
}

export const photosHandlers: Handlers<
  | 'photos.import'
  | 'photos.months'
  | 'photos.list'
  | 'photos.get'
  | 'photos.thumbnail'
  | 'photos.picture'
  | 'photos.export'
  | 'photos.verify'
> = {
  'photos.import': ({ caseId, files, jobId }, ctx) =>
    importing.run(caseId, async () => {
      const caseDir = await ctx.backend.cases.existing(caseId);
      const job = ctx.job(jobId);
      const picked = files.map(({ file, mtimeMs }) => ({ ...ctx.resolveFile(file), upload: file.kind === 'upload', mtimeMs }));
      const onStaging = () => job.progress({ phase: 0, filesScanned: 0, filesTotal: picked.filter((f) => f.upload).length }, undefined, 'staging');
      try {
        // Only this import's own staging folder goes afterwards: a chat import may be staging beside it.
        return await withImportPaths(caseDir, picked, { onStaging }, (paths, staged) =>
          importPhotos(caseDir, paths, {
            signal: job.signal,
            originAliases: staged?.roots.map((dir) => ({ dir, shownAs: '' })),
            onProgress: (p) =>
              job.progress(
                {
                  phase: IMPORT_PHASES.indexOf(p.phase),
                  filesTotal: p.filesTotal,
                  filesScanned: p.filesScanned,
                  bytesTotal: p.bytesTotal,
                  bytesDone: p.bytesDone,
                  picturesDecoded: p.picturesDecoded,
                  newPictures: p.newPictures,
                  duplicates: p.duplicates,
                  bytesPerSecond: p.bytesPerSecond,
                  ...(p.etaSeconds !== undefined ? { etaSeconds: p.etaSeconds } : {}),
                  ...(p.thumbnailsTotal ? { thumbnailsDone: p.thumbnailsDone ?? 0, thumbnailsTotal: p.thumbnailsTotal } : {}),
                },
                p.phase === 'done' ? 1 : p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : undefined,
                p.currentPath,
              ),
          }),
        );
      } catch (error) {
        if (cancelledError(error)) throw new ApiError('cancelled', 'Import cancelled; pictures imported so far are kept');
        if (/already running/.test((error as Error).message)) throw new ApiError('busy', (error as Error).message);
        throw error;
      } finally {
        job.finish();
      }
    }),

  'photos.months': async ({ caseId, origin, duplicatesOnly }, { backend }) =>
    photoMonths(await backend.cases.existing(caseId), { origin, duplicatesOnly }),

  'photos.list': async ({ caseId, origin, duplicatesOnly, offset, limit }, { backend }) =>
    listPhotos(await backend.cases.existing(caseId), { origin, duplicatesOnly, offset, limit }),

  'photos.get': async ({ caseId, sha256 }, { backend }) => {
    const photo = await getPhoto(await backend.cases.existing(caseId), sha256);
    if (!photo) throw new ApiError('not-found', `No picture ${sha256.slice(0, 12)}… in this case`);
    return photo;
  },

  'photos.thumbnail': async ({ caseId, sha256 }, { backend }) => {
    const file = await thumbnailPath(await backend.cases.existing(caseId), sha256);
    if (!file) return { dataUrl: null };
    return { dataUrl: `data:image/webp;base64,${(await readFile(file)).toString('base64')}` };
  },

  'photos.picture': async ({ caseId, sha256 }, { backend }) => {
    const caseDir = await backend.cases.existing(caseId);
    const photo = await getPhoto(caseDir, sha256);
    const file = photo ? await photoFilePath(caseDir, sha256) : undefined;
    if (!photo || !file) throw new ApiError('not-found', `No picture ${sha256.slice(0, 12)}… in this case`);
    if ((await stat(file)).size > MAX_DATA_URL_BYTES) return { dataUrl: null, mime: photo.mime };
    return { dataUrl: `data:${photo.mime};base64,${(await readFile(file)).toString('base64')}`, mime: photo.mime };
  },

  'photos.export': async ({ caseId, sha256s, destination }, ctx) => {
    const caseDir = await ctx.backend.cases.existing(caseId);
    const folder = destination
      ? ctx.resolveFile(destination).path
      : join(ctx.backend.options.dataDir, 'exports', caseId, new Date().toISOString().replace(/[:.]/g, '-'));
    const { written } = await exportPhotos(caseDir, sha256s, folder);
    return { written, folder };
  },

  'photos.verify': async ({ caseId, jobId }, ctx) => {
    const caseDir = await ctx.backend.cases.existing(caseId);
    const job = ctx.job(jobId);
    try {
      const result = await verifyPhotos(caseDir, {
        signal: job.signal,
        onProgress: (checked, total) => job.progress({ checked, total }, total ? checked / total : 1),
      });
      const damaged = await Promise.all(
        result.damaged.map(async (d) => {
          const name = (await getPhoto(caseDir, d.sha256))?.origins[0]?.name;
          return name ? { ...d, name } : d;
        }),
      );
      return { checked: result.checked, damaged };
    } catch (error) {
      if (cancelledError(error)) throw new ApiError('cancelled', 'Check cancelled');
      throw error;
    } finally {
      job.finish();
    }
  },
};

// ─── browser-mode picture routes ────────────────────────────────────────────────────────────────

async function sendFile(res: ServerResponse, path: string, type: string, extra: Record<string, string> = {}): Promise<void> {
  const { size } = await stat(path);
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': String(size),
    // Addressed by content hash: the bytes behind a URL never change.
    'Cache-Control': 'private, max-age=31536000, immutable',
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  });
  await pipeline(createReadStream(path), res);
}

function notFound(res: ServerResponse, message: string): void {
  res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: { code: 'not-found', message } }));
}

/** RFC 6266 header with an ASCII fallback, so Chinese names survive. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

async function photoRoute(backend: Backend, url: URL, res: ServerResponse): Promise<void> {
  const what = url.pathname.slice('/api/photos/'.length);
  const id = caseIdSchema.safeParse(url.searchParams.get('caseId') ?? '');
  const sha = sha256Hex.safeParse(url.searchParams.get('sha') ?? '');
  if (!id.success || !sha.success) throw new ApiError('invalid-arguments', 'caseId and sha (sha256) are required');
  const caseDir = await backend.cases.existing(id.data);
  if (what === 'thumb') {
    const file = await thumbnailPath(caseDir, sha.data);
    if (!file) return notFound(res, 'No thumbnail for this picture');
    return sendFile(res, file, 'image/webp');
  }
  if (what === 'file') {
    const photo = await getPhoto(caseDir, sha.data);
    const file = photo ? await photoFilePath(caseDir, sha.data) : undefined;
    if (!photo || !file) return notFound(res, 'No such picture in this case');
    const download: Record<string, string> = url.searchParams.get('download') === '1' ? { 'Content-Disposition': attachment(exportName(photo)) } : {};
    return sendFile(res, file, photo.mime, download);
  }
  return notFound(res, 'No such endpoint');
}

registerExtraRoute('/api/photos/', photoRoute);

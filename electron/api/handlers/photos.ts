// Handlers for the photo archive. Its pictures travel by URL, not through calls: the route table
// serves them (electron/host/picture-routes.ts).

import { join } from 'node:path';
import { ApiError } from '../../../shared/contract';
import type { PhotoImportProgress } from '../../../shared/types';
import { exportPhotos, getPhoto, importPhotos, listPhotos, photoMonths, verifyPhotos } from '../../photos';
import { withImportPaths } from '../upload-staging';
import type { Handlers } from '../backend';

/** Order of PhotoImportProgress['phase'], sent as the `phase` counter of progress events. */
export const IMPORT_PHASES: PhotoImportProgress['phase'][] = ['scanning', 'importing', 'thumbnails', 'done'];

/**
 * How far an import is. It ends when the last file is read and the last thumbnail made, so the
 * slower of the two counts (the time left then covers both). While files are read, the thumbnails
 * to come are estimated from those queued so far, which grow with the bytes read.
 */
export function importFraction(p: PhotoImportProgress): number | undefined {
  if (p.phase === 'done') return 1;
  const read = p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : undefined;
  if (!p.thumbnailsTotal) return read;
  const expected = p.phase === 'thumbnails' || !read ? p.thumbnailsTotal : p.thumbnailsTotal / read;
  const thumbs = Math.min(1, (p.thumbnailsDone ?? 0) / expected);
  return read === undefined ? thumbs : Math.min(read, thumbs);
}

function cancelledError(error: unknown): boolean {
  return (error as Error)?.name === 'AbortError';
}

export const photosHandlers: Handlers<
  | 'photos.import'
  | 'photos.months'
  | 'photos.list'
  | 'photos.get'
  | 'photos.export'
  | 'photos.verify'
> = {
  'photos.import': ({ caseId, files, jobId, wechatImageKey }, ctx) =>
    ctx.backend.session(caseId).exclusive('photo-import', async () => {
      const caseDir = await ctx.backend.cases.existing(caseId);
      const job = ctx.job('photos.import', jobId);
      const picked = files.map(({ file, mtimeMs }) => ({ ...ctx.resolveFile(file), upload: file.kind === 'upload', mtimeMs }));
      const onStaging = () => job.progress({ phase: 0, filesScanned: 0, filesTotal: picked.filter((f) => f.upload).length }, undefined, 'staging');
      try {
        // Only this import's own staging folder goes afterwards: a chat import may be staging beside it.
        return await withImportPaths(caseDir, picked, { onStaging }, (paths, staged) =>
          importPhotos(caseDir, paths, {
            signal: job.signal,
            wechatImageKey,
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
                  ...(p.thumbnailsTotal ? { thumbnailsDone: p.thumbnailsDone ?? 0, thumbnailsTotal: p.thumbnailsTotal } : {}),
                },
                importFraction(p),
                p.currentPath,
              ),
          }),
        );
      } catch (error) {
        if (cancelledError(error)) throw new ApiError('cancelled', 'Import cancelled; pictures imported so far are kept');
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

  'photos.export': async ({ caseId, sha256s, destination, jobId }, ctx) => {
    const caseDir = await ctx.backend.cases.existing(caseId);
    const folder = destination
      ? ctx.resolveFile(destination).path
      : join(ctx.backend.options.dataDir, 'exports', caseId, new Date().toISOString().replace(/[:.]/g, '-'));
    const job = ctx.job('photos.export', jobId);
    try {
      const { written } = await exportPhotos(caseDir, sha256s, folder, {
        private: !destination,
        signal: job.signal,
        onProgress: (done, total) => job.progress({ written: done, total }, total ? done / total : 1),
      });
      return { written, folder };
    } catch (error) {
      if (cancelledError(error)) throw new ApiError('cancelled', 'Export cancelled; pictures copied so far are kept');
      throw error;
    } finally {
      job.finish();
    }
  },

  'photos.verify': async ({ caseId, jobId }, ctx) => {
    const caseDir = await ctx.backend.cases.existing(caseId);
    const job = ctx.job('photos.verify', jobId);
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

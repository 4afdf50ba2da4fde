// Handlers for case bundles: export to <data dir>/exports/bundles/ (browser mode downloads it from
// there), import from a picked or uploaded file.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ApiError, bundleFileName } from '../../../shared/contract';
import { BUNDLE_EXTENSION, exportCaseBundle, importCaseBundle } from '../../cases/bundle';
import { folderNameFor } from '../../cases/case-names';
import { lockCase, unlockCase } from '../../cases/bundle/lock';
import { releaseCase } from './core';
import { registerExtraRoute } from '../../host/extra-routes';
import type { Backend, Handlers } from '../backend';

const bundlesDir = (backend: Backend) => join(backend.options.dataDir, 'exports', 'bundles');

function cancelled(error: unknown): never {
  if ((error as Error).name === 'AbortError') throw new ApiError('cancelled', 'Cancelled; nothing was written');
  throw error;
}

export const bundlesHandlers: Handlers<'cases.exportBundle' | 'cases.importBundle' | 'cases.lock' | 'cases.unlock'> = {
  'cases.lock': async ({ caseId, passphrase }, { backend }) => {
    await backend.cases.existing(caseId);
    await releaseCase(backend, caseId);
    await lockCase(backend.options.dataDir, caseId, passphrase, { appVersion: backend.options.version });
    return { locked: true };
  },

  'cases.unlock': async ({ caseId, passphrase }, { backend }) => {
    await unlockCase(backend.options.dataDir, caseId, passphrase);
    return { unlocked: true };
  },

  'cases.exportBundle': async ({ caseId, passphrase, jobId }, ctx) => {
    const caseDir = await ctx.backend.cases.existing(caseId);
    const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
    const fileName = `${folderNameFor(caseId)}-${stamp}${BUNDLE_EXTENSION}`;
    const job = ctx.job(jobId);
    try {
      const result = await exportCaseBundle(caseDir, join(bundlesDir(ctx.backend), fileName), {
        appVersion: ctx.backend.options.version,
        passphrase,
        signal: job.signal,
        onProgress: (done, total) => job.progress({ done, total }, total ? done / total : 1),
      });
      return {
        fileName,
        downloadPath: `/api/bundles/${encodeURIComponent(fileName)}`,
        folder: bundlesDir(ctx.backend),
        parts: result.parts,
        bytes: result.bytes,
        encrypted: result.encrypted,
      };
    } catch (error) {
      return cancelled(error);
    } finally {
      job.finish();
    }
  },

  'cases.importBundle': async ({ file, passphrase, onClash, jobId }, ctx) => {
    const { path } = ctx.resolveFile(file);
    const job = ctx.job(jobId);
    try {
      const result = await importCaseBundle(ctx.backend.options.dataDir, path, {
        passphrase,
        onClash,
        signal: job.signal,
        onProgress: (done, total) => job.progress({ done, total: total ?? 0 }, total ? done / total : undefined),
      });
      await ctx.backend.discardUploads([file]);
      return result;
    } catch (error) {
      return cancelled(error);
    } finally {
      job.finish();
    }
  },
};

async function bundleRoute(backend: Backend, url: URL, res: ServerResponse): Promise<void> {
  const name = bundleFileName.safeParse(decodeURIComponent(url.pathname.slice('/api/bundles/'.length)));
  if (!name.success) throw new ApiError('invalid-arguments', 'No such bundle name');
  const path = join(bundlesDir(backend), name.data);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new ApiError('not-found', 'No such bundle');
  const ascii = name.data.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(info.size),
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name.data)}`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  await pipeline(createReadStream(path), res);
}

registerExtraRoute('/api/bundles/', bundleRoute);

// Handlers for case bundles: export to <data dir>/exports/bundles/ (browser mode downloads it from
// there), import from a picked or uploaded file.
import { join } from 'node:path';
import { ApiError } from '../../../shared/contract';
import { BUNDLE_EXTENSION, bundleExportsDir, exportCaseBundle, importCaseBundle } from '../../cases/bundle';
import { folderNameFor } from '../../cases/case-names';
import { lockCase, unlockCase } from '../../cases/bundle/lock';
import type { Backend, Handlers } from '../backend';

const bundlesDir = (backend: Backend) => bundleExportsDir(backend.options.dataDir);

function cancelled(error: unknown): never {
  if ((error as Error).name === 'AbortError') throw new ApiError('cancelled', 'Cancelled; nothing was written');
  throw error;
}

export const bundlesHandlers: Handlers<'cases.exportBundle' | 'cases.importBundle' | 'cases.lock' | 'cases.unlock'> = {
  'cases.lock': async ({ caseId, passphrase }, { backend }) => {
    await backend.cases.existing(caseId);
    await backend.releaseCase(caseId);
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
    const job = ctx.job('cases.exportBundle', jobId);
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
    const job = ctx.job('cases.importBundle', jobId);
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

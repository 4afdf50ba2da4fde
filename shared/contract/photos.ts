// Contract for the photo archive: import (folders, zips, uploads), the month timeline, the viewer,
// export and verification. Pictures themselves travel by URL (/api/photos/thumb, /api/photos/file),
// served by the same route table in browser mode and in the Electron shell.
import { z } from 'zod';
import type { PhotoImportSummary, PhotoOriginKind, PhotoRecord } from '../types';
import { caseId, fileRef, wechatImageKey } from './core';

export const PHOTO_ORIGIN_KINDS = ['camera', 'wechat', 'backup', 'chat'] as const satisfies readonly PhotoOriginKind[];

export const sha256Hex = z.string().regex(/^[a-f0-9]{64}$/, 'not a sha256');

const photoFilter = {
  origin: z.enum(PHOTO_ORIGIN_KINDS).optional(),
  duplicatesOnly: z.boolean().optional(),
};

export interface PhotoMonth {
  /** YYYY-MM */
  month: string;
  count: number;
}

export interface PhotoVerifyResult {
  checked: number;
  damaged: { sha256: string; problem: string; name?: string }[];
}

export interface PhotoExportResult {
  written: number;
  /** The folder the pictures were written to. */
  folder: string;
}

export const photosMethods = {
  /**
   * Folders and zip files (Electron: paths) or uploaded files (browser mode: each named by its
   * relative path in the uploaded folder; `mtimeMs` is the file's own date from the browser).
   */
  'photos.import': z.object({
    caseId,
    files: z
      .array(z.object({ file: fileRef, mtimeMs: z.number().finite().nonnegative().optional() }))
      .min(1)
      .max(200_000),
    jobId: z.string().max(64).optional(),
    /** WeChat 4 V2 pictures' key, if the user noted it (see core.ts): decodes `.dat` files that need one. */
    wechatImageKey: wechatImageKey.optional(),
  }),
  'photos.months': z.object({ caseId, ...photoFilter }),
  'photos.list': z.object({
    caseId,
    ...photoFilter,
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(10_000).default(500),
  }),
  'photos.get': z.object({ caseId, sha256: sha256Hex }),
  /** Without a destination the pictures go to <data dir>/exports/<case>/<timestamp>/ (browser mode). */
  'photos.export': z.object({
    caseId,
    sha256s: z.array(sha256Hex).min(1).max(200_000),
    destination: fileRef.optional(),
    jobId: z.string().max(64).optional(),
  }),
  'photos.verify': z.object({ caseId, jobId: z.string().max(64).optional() }),
};

export interface PhotosResults {
  'photos.import': PhotoImportSummary;
  'photos.months': PhotoMonth[];
  'photos.list': { total: number; photos: PhotoRecord[] };
  'photos.get': PhotoRecord;
  'photos.export': PhotoExportResult;
  'photos.verify': PhotoVerifyResult;
}

// Files the app wrote for the user to take away, downloaded by the page (exports are written under
// the data folder, never to a path the page names; Electron's window downloads them the same way):
//   GET /api/bundles/<file>.relink             case bundles (bundle-routes.ts)
//   GET /api/exports/chats/<file>.html|.txt    chats (messages.export)
//   GET /api/exports/readd/<file>.csv|.vcf     re-add progress sheet, remaining people, new account card
// Only names a contract schema allows are served: one file in its folder, never a hidden temp file.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ZodType } from 'zod';
import { ApiError, chatExportFileName, readdExportFileName } from '../../shared/contract';
import type { Backend } from '../api/backend';
import { exportFolder, type ExportKind } from '../platform/export-file';
import { fileResponse, notFound } from './responses';

/** The file `encodedName` (as in the URL) of `folder`, as a download under its own name. */
export async function exportedFileResponse(folder: string, encodedName: string, nameSchema: ZodType<string>): Promise<Response> {
  let raw: string;
  try {
    raw = decodeURIComponent(encodedName);
  } catch {
    throw new ApiError('invalid-arguments', 'Malformed file name');
  }
  const name = nameSchema.safeParse(raw);
  if (!name.success) throw new ApiError('invalid-arguments', 'No such file name');
  const path = join(folder, name.data);
  if (!(await stat(path).catch(() => undefined))?.isFile()) return notFound('No such file');
  const ascii = name.data.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return fileResponse(path, {
    'Content-Type': 'application/octet-stream',
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name.data)}`,
    'Cache-Control': 'no-store',
  });
}

/** The names each kind of export may have. */
const NAMES: Record<ExportKind, ZodType<string>> = { chats: chatExportFileName, readd: readdExportFileName };

/** GET /api/exports/<kind>/<file> */
export function exportRoute(backend: Backend, url: URL): Promise<Response> {
  const [kind, name, ...rest] = url.pathname.slice('/api/exports/'.length).split('/');
  if (!kind || !Object.hasOwn(NAMES, kind) || name === undefined || rest.length) return Promise.resolve(notFound('No such export'));
  return exportedFileResponse(exportFolder(backend.options.dataDir, kind as ExportKind), name, NAMES[kind as ExportKind]);
}

// Exported case bundles, downloaded by the page (browser mode writes exports under the data folder):
//   GET /api/bundles/<file>.relink
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError, bundleFileName } from '../../shared/contract';
import type { Backend } from '../api/backend';
import { bundleExportsDir } from '../cases/bundle';
import { fileResponse, notFound } from './responses';

export async function bundleRoute(backend: Backend, url: URL): Promise<Response> {
  let raw: string;
  try {
    raw = decodeURIComponent(url.pathname.slice('/api/bundles/'.length));
  } catch {
    throw new ApiError('invalid-arguments', 'Malformed bundle name');
  }
  const name = bundleFileName.safeParse(raw);
  if (!name.success) throw new ApiError('invalid-arguments', 'No such bundle name');
  const path = join(bundleExportsDir(backend.options.dataDir), name.data);
  if (!(await stat(path).catch(() => undefined))?.isFile()) return notFound('No such bundle');
  const ascii = name.data.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return fileResponse(path, {
    'Content-Type': 'application/octet-stream',
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name.data)}`,
    'Cache-Control': 'no-store',
  });
}

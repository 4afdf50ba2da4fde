// Exported case bundles, downloaded by the page (browser mode writes exports under the data folder):
//   GET /api/bundles/<file>.relink
import { bundleFileName } from '../../shared/contract';
import type { Backend } from '../api/backend';
import { bundleExportsDir } from '../cases/bundle';
import { exportedFileResponse } from './export-routes';

export function bundleRoute(backend: Backend, url: URL): Promise<Response> {
  return exportedFileResponse(bundleExportsDir(backend.options.dataDir), url.pathname.slice('/api/bundles/'.length), bundleFileName);
}
